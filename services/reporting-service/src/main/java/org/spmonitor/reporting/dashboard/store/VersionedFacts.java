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
        byId.put(incoming.id(), kept);
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
