package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

/**
 * Versioned facts held by one document, by natural id. A fact is replaced only by a higher version of
 * itself: an older or equal version changes nothing, so a redelivered or late event is harmless. This
 * is the per-fact version guard, applied in memory to a document read by {@code _id} and written back
 * by {@code _id} by the one consumer thread that owns the document's country (ADR 0004).
 */
public final class VersionedFacts {

    private final Map<String, StoredFact> byId = new LinkedHashMap<>();
    private boolean changed;

    static VersionedFacts of(List<Document> documents) {
        VersionedFacts facts = new VersionedFacts();
        if (documents != null) {
            documents.forEach(d -> {
                StoredFact fact = StoredFact.of(d);
                facts.byId.put(fact.id(), fact);
            });
        }
        return facts;
    }

    /**
     * Keeps {@code incoming} if no version of its fact is stored yet or the stored one is older.
     *
     * @return whether it was kept
     */
    public boolean apply(StoredFact incoming) {
        StoredFact stored = byId.get(incoming.id());
        if (stored != null && stored.version() >= incoming.version()) {
            return false;
        }
        StoredFact kept = incoming.withdrawn() && incoming.json() == null && stored != null
                ? new StoredFact(incoming.id(), incoming.version(), incoming.eventTime(), true, stored.json())
                : incoming;
        if (stored != null && stored.validatedJson() != null && kept.validatedJson() == null) {
            // a new version is SUBMITTED: the last validated figures stay for the validated view (ADR 0019)
            kept = new StoredFact(kept.id(), kept.version(), kept.eventTime(), kept.withdrawn(), kept.json(), null,
                    stored.validatedJson());
        }
        byId.put(incoming.id(), kept);
        changed = true;
        return true;
    }

    /**
     * A review of the fact's version {@code reviewedVersion} (ADR 0019), itself version {@code version}:
     * kept under the same guard as every version. A validation of the figures this fact holds makes them
     * its validated figures; a return keeps the validated figures it had (from an earlier validated
     * version). A review of a fact never reported here changes nothing.
     *
     * @return whether it was kept
     */
    public boolean applyReview(String id, long version, long reviewedVersion, boolean validated, Instant eventTime) {
        StoredFact stored = byId.get(id);
        if (stored == null || stored.version() >= version) {
            return false;
        }
        String validatedJson = validated && stored.version() == reviewedVersion && !stored.withdrawn()
                ? stored.json() : stored.validatedJson();
        byId.put(id, new StoredFact(id, version, eventTime, stored.withdrawn(), stored.json(),
                validated ? "VALIDATED" : "RETURNED", validatedJson));
        changed = true;
        return true;
    }

    public Optional<StoredFact> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every fact, withdrawals included. */
    public Collection<StoredFact> all() {
        return byId.values();
    }

    /** The facts that are not withdrawn. */
    public List<StoredFact> live() {
        return byId.values().stream().filter(f -> !f.withdrawn() && f.json() != null).toList();
    }

    /**
     * The validated view (ADR 0019): each fact that is not withdrawn and has validated figures, as a
     * fact holding those figures (the last validated version's, even while a later one waits).
     */
    public List<StoredFact> validated() {
        return byId.values().stream().filter(f -> !f.withdrawn() && f.validatedJson() != null)
                .map(f -> new StoredFact(f.id(), f.version(), f.eventTime(), false, f.validatedJson(), f.review(),
                        f.validatedJson()))
                .toList();
    }

    /** The time of the newest event among the facts, withdrawals included. */
    public Optional<Instant> newestEventTime() {
        return byId.values().stream().map(StoredFact::eventTime).filter(t -> t != null).max(Instant::compareTo);
    }

    boolean changed() {
        return changed;
    }

    List<Document> toDocuments() {
        List<Document> documents = new ArrayList<>(byId.size());
        byId.values().forEach(f -> documents.add(f.toDocument()));
        return documents;
    }
}
