package org.spmonitor.beneficiary.count.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.beneficiary.count.domain.CountFilter;
import org.spmonitor.beneficiary.count.domain.CountRecord;
import org.spmonitor.beneficiary.count.domain.CountRules;
import org.spmonitor.beneficiary.count.domain.CountWrite;
import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.beneficiary.count.store.CountDocument;
import org.spmonitor.beneficiary.count.store.CountStore;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.platform.programmeview.ProgrammeLookup;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.review.Reviewed;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.stereotype.Service;

/**
 * Submitting, batching and withdrawing counts: the rules, then the store. Shared by REST, imports and Kafka.
 * Reading them too, as {@link CountRecord}s.
 */
@Service
public class CountService {

    /** Most items one batch request may carry. */
    public static final int MAX_BATCH = 10_000;
    /** Items written per bulk round trip. */
    public static final int CHUNK = 1_000;

    /** The {@code kind} of {@value SubmissionMetrics#ACCEPTED} for beneficiary counts. */
    public static final String KIND = "beneficiary-count";
    /** The {@code kind} of {@value SubmissionMetrics#ACCEPTED} for reviews of beneficiary counts. */
    public static final String REVIEW_KIND = "beneficiary-count-review";

    private final CountStore store;
    private final KnownProgrammes programmes;
    private final SubmissionMetrics metrics;

    public CountService(CountStore store, KnownProgrammes programmes, SubmissionMetrics metrics) {
        this.store = store;
        this.programmes = programmes;
        this.metrics = metrics;
    }

    /** A lookup of the local programme view that remembers what it found, for one request. */
    public ProgrammeLookup programmeLookup() {
        return new ProgrammeLookup(programmes::find);
    }

    /** Validates and stores one count; throws {@code InvalidInputException} naming each bad field. */
    public CountWrite submit(BeneficiaryCountSubmission submission, Provenance provenance) {
        Violations violations = new Violations();
        Optional<PreparedCount> prepared = CountRules.prepare(submission,
                submission == null ? Optional.empty() : programmes.find(submission.programmeId()), violations);
        violations.throwIfAny();
        return counted(provenance, store.submit(prepared.orElseThrow(), provenance));
    }

    /** Stores a count that already passed the rules (Kafka intake, imports). */
    public CountWrite store(PreparedCount count, Provenance provenance) {
        return counted(provenance, store.submit(count, provenance));
    }

    /**
     * All or nothing: every item is checked first; if any is invalid, nothing is stored and the
     * violations name {@code items[i].field}. Two items with the same natural key are refused too.
     */
    public List<CountWrite> submitBatch(List<BeneficiaryCountSubmission> items, Provenance provenance,
            Violations violations) {
        if (!violations.check(!items.isEmpty() && items.size() <= MAX_BATCH, "items",
                () -> "must hold 1 to " + MAX_BATCH + " counts, had " + items.size())) {
            violations.throwIfAny();
        }
        ProgrammeLookup lookup = programmeLookup();
        List<PreparedCount> prepared = new ArrayList<>(items.size());
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            BeneficiaryCountSubmission item = items.get(i);
            Violations itemViolations = violations.nested("items", i);
            Optional<PreparedCount> count = CountRules.prepare(item,
                    item == null ? Optional.empty() : lookup.find(item.programmeId()), itemViolations);
            if (count.isPresent()) {
                Integer earlier = firstIndex.putIfAbsent(count.get().countId(), i);
                if (earlier != null) {
                    itemViolations.add("", "is the same count (programmeId, period, targetGroup, measure) as items["
                            + earlier + "]; send each count once");
                }
                prepared.add(count.get());
            }
        }
        violations.throwIfAny();
        List<CountWrite> results = new ArrayList<>(prepared.size());
        for (int from = 0; from < prepared.size(); from += CHUNK) {
            results.addAll(store.submitAll(prepared.subList(from, Math.min(from + CHUNK, prepared.size())),
                    provenance, false));
        }
        results.forEach(result -> counted(provenance, result));
        return results;
    }

    /** Stores (or with {@code dryRun} only evaluates) counts with distinct ids in one bulk write. */
    public List<CountWrite> storeAll(List<PreparedCount> counts, Provenance provenance, boolean dryRun) {
        List<CountWrite> results = store.submitAll(counts, provenance, dryRun);
        if (!dryRun) {
            results.forEach(result -> counted(provenance, result));
        }
        return results;
    }

    public CountWrite withdraw(String countId, String reason, Provenance provenance) {
        Violations violations = new Violations();
        violations.check(reason == null || reason.length() <= 500, "reason", () -> "must be at most 500 characters");
        violations.throwIfAny();
        return counted(provenance, store.withdraw(countId, reason, provenance)
                .orElseThrow(() -> new NotFoundException("no beneficiary count " + countId)));
    }

    /**
     * Validates or returns the version of a count the review names (a validator of the count's country
     * or an admin: checked before by the caller of this method).
     *
     * @throws NotFoundException when there is no such count
     */
    public Reviewed review(String countId, Review review, Provenance provenance) {
        Reviewed result = store.review(countId, review, provenance)
                .orElseThrow(() -> new NotFoundException("no beneficiary count " + countId));
        metrics.accepted(REVIEW_KIND, provenance.channel(), result.outcome());
        return result;
    }

    /** Most counts one bulk review covers. */
    public static final int MAX_BULK_REVIEW = 10_000;

    /** One count of a bulk review: what the review did, or why it did not (a 409's reason). */
    public record BulkReviewItem(String countId, String country, Reviewed result, String conflict) {
    }

    /**
     * Reviews every SUBMITTED count of a country and period, or of an import, each at the version it had
     * when listed: a count changed meanwhile is a per-item conflict and stays as it is. {@code allowed}
     * checks every country first (a validator of KHM cannot review SEN): nothing is reviewed unless all
     * are allowed.
     */
    public List<BulkReviewItem> reviewAll(String country, String period, String importId, ReviewState decision,
            String comment, Provenance provenance, java.util.function.Consumer<String> allowed) {
        List<CountDocument> counts = store.submitted(country, period, importId, MAX_BULK_REVIEW);
        if (counts.size() > MAX_BULK_REVIEW) {
            throw new InvalidInputException(importId != null ? "importId" : "period",
                    "covers more than " + MAX_BULK_REVIEW + " submitted counts; review them in smaller sets");
        }
        counts.stream().map(CountDocument::getCountry).distinct().forEach(allowed);
        List<BulkReviewItem> items = new ArrayList<>(counts.size());
        for (CountDocument count : counts) {
            try {
                Reviewed result = review(count.getId(), new Review(decision, count.getVersion(), comment), provenance);
                items.add(new BulkReviewItem(count.getId(), count.getCountry(), result, null));
            }
            catch (ConflictException ex) {
                items.add(new BulkReviewItem(count.getId(), count.getCountry(), null, ex.getMessage()));
            }
        }
        return items;
    }

    /** The count with its full version history. */
    public Optional<CountRecord> find(String countId) {
        return store.find(countId).map(document -> record(document, true));
    }

    /** One page of counts matching {@code filter}: the latest version of each, without history. */
    public List<CountRecord> list(CountFilter filter, int page, int size) {
        return store.list(filter, page, size).stream().map(document -> record(document, false)).toList();
    }

    public long count(CountFilter filter) {
        return store.count(filter);
    }

    private static CountRecord record(CountDocument d, boolean withHistory) {
        return new CountRecord(d.getId(), d.getVersion(), d.getCountry(), d.isWithdrawn(), d.getCurrent(),
                d.getUpdatedAt(), d.getUpdatedBy(), withHistory ? d.getHistory().stream()
                        .map(v -> new CountRecord.Revision(v.version(), v.at(), v.by(), v.channel(), v.reference(),
                                v.submission(), v.withdrawal(), v.withdrawalReason(), v.review(), v.comment()))
                        .toList() : null,
                new CountRecord.ReviewStatus(d.getReviewState(), d.getFiguresVersion(), d.getReviewComment(),
                        d.getReviewedBy(), d.getReviewedAt()));
    }

    private CountWrite counted(Provenance provenance, CountWrite result) {
        metrics.accepted(KIND, provenance.channel(), result.outcome());
        return result;
    }

    /** Tallies of outcomes. */
    public static Map<WriteOutcome, Long> tally(List<CountWrite> results) {
        Map<WriteOutcome, Long> tally = new java.util.EnumMap<>(WriteOutcome.class);
        results.forEach(r -> tally.merge(r.outcome(), 1L, Long::sum));
        return tally;
    }
}
