package org.spmonitor.beneficiary.count.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.beneficiary.count.domain.CountFilter;
import org.spmonitor.beneficiary.count.domain.CountWrite;
import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.beneficiary.count.store.CountDocument.CountVersion;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountReturned;
import org.spmonitor.events.beneficiary.BeneficiaryCountValidated;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewCriteria;
import org.spmonitor.platform.review.ReviewRules;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.review.Reviewed;
import org.spmonitor.platform.store.VersionedWriter.Decision;
import org.spmonitor.platform.store.VersionedWriter.Item;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Beneficiary counts in MongoDB, written through the platform's {@link VersionedWriter}: a change and
 * its event are one atomic write of one document, addressed by {@code _id} (and version); concurrent
 * changes of the same count are decided again on the newer version, so none is lost or counted twice.
 * Bulk writes (batches, imports) take one read and one write round trip per chunk. What a submission
 * means (first version, new version, unchanged) is decided here, in {@link #decide}.
 */
@Repository
public class CountStore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CountStore.class);

    private final MongoTemplate mongo;
    private final VersionedWriter<CountDocument> writer;

    public CountStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.writer = new VersionedWriter<>(mongo, codec, relay, CountDocument.class, CountDocument.COLLECTION);
    }


    @Override
    public void afterSingletonsInstantiated() {
        try {
            mongo.indexOps(CountDocument.COLLECTION).createIndex(new Index().on("programmeId", Sort.Direction.ASC)
                    .named("by_programme"));
            mongo.indexOps(CountDocument.COLLECTION).createIndex(new Index().on("country", Sort.Direction.ASC)
                    .on("period", Sort.Direction.ASC).named("by_country_period"));
        }
        catch (RuntimeException ex) {
            log.warn("Could not create the indexes of {} (queries still work): {}", CountDocument.COLLECTION,
                    ex.toString());
        }
    }

    /** Stores one count: a first version, a new version, or nothing when it equals the latest. */
    public CountWrite submit(PreparedCount count, Provenance provenance) {
        return writer.write(count.countId(), (current, now) -> decide(count, provenance, current, now));
    }

    /**
     * Stores many counts with distinct ids, in bulk. With {@code dryRun} nothing is written and the
     * outcomes say what would happen. Results are in the order of {@code counts}.
     */
    public List<CountWrite> submitAll(List<PreparedCount> counts, Provenance provenance, boolean dryRun) {
        List<Item<CountDocument, CountWrite>> items = counts.stream()
                .map(count -> new Item<CountDocument, CountWrite>(count.countId(),
                        (current, now) -> decide(count, provenance, current, now)))
                .toList();
        return writer.writeAll(items, dryRun);
    }

    /**
     * The meaning of a submission: the first version of a count, a new version, or nothing when it is
     * a redelivery or equals the latest (not withdrawn) version.
     */
    static Decision<CountWrite> decide(PreparedCount count, Provenance provenance, CountDocument current, Instant now) {
        String countId = count.countId();
        BeneficiaryCountSubmission submission = count.submission();
        if (current == null) {
            return Decision.create(new CountDocument(count, now, provenance.by()),
                    CountVersion.reported(1, now, provenance, null, submission), List.of(reported(count, 1)),
                    new CountWrite(countId, 1, WriteOutcome.CREATED)).withOrigin(provenance.origin());
        }
        if (provenance.deliveryId() != null && current.getHistory().stream()
                .anyMatch(v -> provenance.deliveryId().equals(v.deliveryId()))) {
            return Decision.unchanged(new CountWrite(countId, current.getVersion(), WriteOutcome.UNCHANGED));
        }
        // the same figures again change nothing, unless they answer a return: then they are submitted again
        if (!current.isWithdrawn() && submission.equals(current.getCurrent())
                && current.getReviewState() != ReviewState.RETURNED) {
            return Decision.unchanged(new CountWrite(countId, current.getVersion(), WriteOutcome.UNCHANGED));
        }
        long next = current.getVersion() + 1;
        Update changes = new Update().set("current", submission).set("withdrawn", false)
                .set(CountDocument.UPDATED_AT_FIELD, now).set(CountDocument.UPDATED_BY_FIELD, provenance.by())
                .set(CountDocument.REVIEW_STATE_FIELD, ReviewRules.afterNewVersion().name())
                .set(CountDocument.FIGURES_VERSION_FIELD, next);
        return Decision.update(changes, CountVersion.reported(next, now, provenance, null, submission),
                List.of(reported(count, next)), new CountWrite(countId, next, WriteOutcome.UPDATED))
                .withOrigin(provenance.origin());
    }

    /**
     * Withdraws a count: dashboards drop it. Withdrawing a withdrawn count changes nothing; a later
     * report of the same key revives it as a new version.
     */
    public Optional<CountWrite> withdraw(String countId, String reason, Provenance provenance) {
        return Optional.ofNullable(writer.write(countId, (current, now) -> {
            if (current == null) {
                return Decision.unchanged(null);
            }
            if (current.isWithdrawn()) {
                return Decision.unchanged(new CountWrite(countId, current.getVersion(), WriteOutcome.UNCHANGED));
            }
            long next = current.getVersion() + 1;
            BeneficiaryCountSubmission s = current.getCurrent();
            Update changes = new Update().set("withdrawn", true).set(CountDocument.UPDATED_AT_FIELD, now)
                    .set(CountDocument.UPDATED_BY_FIELD, provenance.by());
            return Decision.update(changes, CountVersion.withdrawn(next, now, provenance, null, reason),
                    List.of(new BeneficiaryCountWithdrawn(countId, next, s.programmeId(), current.getCountry(),
                            s.period(), s.targetGroup(), s.measure(), reason)),
                    new CountWrite(countId, next, WriteOutcome.WITHDRAWN)).withOrigin(provenance.origin());
        }));
    }

    /**
     * Validates or returns the current version of a count ({@link ReviewRules}): a new version that keeps
     * the figures, with BeneficiaryCountValidated or BeneficiaryCountReturned. Empty when there is no such
     * count.
     */
    public Optional<Reviewed> review(String countId, Review review, Provenance provenance) {
        return Optional.ofNullable(writer.write(countId, (current, now) -> decideReview(current, review, provenance, now)));
    }

    /**
     * The SUBMITTED counts (not withdrawn) a bulk review covers, oldest id first: those of a country and
     * period, or those whose current figures came from one import ({@code importId}). A cold path (not by
     * {@code _id}): a validator's request, not a dashboard.
     */
    public List<CountDocument> submitted(String country, String period, String importId, int limit) {
        Query query = new Query();
        if (importId != null) {
            query.addCriteria(Criteria.where("history.reference").is(importId));
        }
        else {
            query.addCriteria(Criteria.where("country").is(country)).addCriteria(Criteria.where("period").is(period));
        }
        query.addCriteria(Criteria.where("withdrawn").is(false)).with(Sort.by("_id")).limit(limit + 1);
        query.fields().exclude("outbox");
        return mongo.find(query, CountDocument.class).stream()
                .filter(d -> d.getReviewState() == ReviewState.SUBMITTED)
                .filter(d -> importId == null || d.getHistory().stream().anyMatch(
                        v -> v.version() == d.getFiguresVersion() && importId.equals(v.reference())))
                .toList();
    }

    static Decision<Reviewed> decideReview(CountDocument current, Review review, Provenance provenance, Instant now) {
        if (current == null) {
            return Decision.unchanged(null);
        }
        String countId = current.getId();
        long figures = current.getFiguresVersion();
        ReviewRules.Effect effect = ReviewRules.decide(current.getReviewState(), current.getVersion(), figures,
                current.isWithdrawn(), review);
        if (effect == ReviewRules.Effect.UNCHANGED) {
            return Decision.unchanged(new Reviewed(countId, current.getVersion(), figures, current.getReviewState(),
                    WriteOutcome.UNCHANGED));
        }
        long next = current.getVersion() + 1;
        BeneficiaryCountSubmission s = current.getCurrent();
        Update changes = new Update().set(CountDocument.REVIEW_STATE_FIELD, review.decision().name())
                .set(CountDocument.FIGURES_VERSION_FIELD, figures).set("reviewComment", review.comment())
                .set("reviewedBy", provenance.by()).set("reviewedAt", now);
        DomainEvent event = review.decision() == ReviewState.VALIDATED
                ? new BeneficiaryCountValidated(countId, next, figures, s.programmeId(), current.getCountry(),
                        s.period(), s.targetGroup(), s.measure(), provenance.by(), review.comment())
                : new BeneficiaryCountReturned(countId, next, figures, s.programmeId(), current.getCountry(),
                        s.period(), s.targetGroup(), s.measure(), provenance.by(), review.comment());
        return Decision.update(changes, CountVersion.reviewed(next, now, provenance, review), List.of(event),
                new Reviewed(countId, next, figures, review.decision(), WriteOutcome.UPDATED))
                .withOrigin(provenance.origin());
    }

    static BeneficiaryCountReported reported(PreparedCount count, long version) {
        BeneficiaryCountSubmission s = count.submission();
        return new BeneficiaryCountReported(count.countId(), version, s.programmeId(), count.country(), s.period(),
                s.targetGroup(), s.measure(), s.total(), s.sex(), s.ageGroup(), s.withDisability(),
                s.informalEconomy());
    }

    public Optional<CountDocument> find(String countId) {
        return Optional.ofNullable(mongo.findById(countId, CountDocument.class));
    }

    /** One page of counts (without history), ordered by programme, period, target group, measure. */
    public List<CountDocument> list(CountFilter filter, int page, int size) {
        Query query = query(filter).with(Sort.by("programmeId", "period", "targetGroup", "measure", "_id"))
                .skip((long) page * size).limit(size);
        query.fields().exclude("history").exclude("outbox");
        return mongo.find(query, CountDocument.class);
    }

    public long count(CountFilter filter) {
        return mongo.count(query(filter), CountDocument.class);
    }

    private static Query query(CountFilter filter) {
        Query query = new Query();
        if (filter.country() != null) {
            query.addCriteria(Criteria.where("country").is(filter.country()));
        }
        if (filter.programmeId() != null) {
            query.addCriteria(Criteria.where("programmeId").is(filter.programmeId()));
        }
        if (filter.period() != null) {
            query.addCriteria(Criteria.where("period").is(filter.period()));
        }
        if (filter.targetGroup() != null) {
            query.addCriteria(Criteria.where("targetGroup").is(filter.targetGroup().name()));
        }
        if (filter.measure() != null) {
            query.addCriteria(Criteria.where("measure").is(filter.measure().name()));
        }
        if (filter.withdrawn() != null) {
            query.addCriteria(Criteria.where("withdrawn").is(filter.withdrawn()));
        }
        if (filter.review() != null) {
            query.addCriteria(ReviewCriteria.inState(CountDocument.REVIEW_STATE_FIELD, filter.review()));
        }
        return query;
    }
}
