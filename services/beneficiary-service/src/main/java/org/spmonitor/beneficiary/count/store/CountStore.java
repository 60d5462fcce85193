package org.spmonitor.beneficiary.count.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.beneficiary.count.domain.SubmissionOutcome;
import org.spmonitor.beneficiary.count.store.CountDocument.CountVersion;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxRelay;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Beneficiary counts in MongoDB. A submission and its event are one atomic write; concurrent
 * submissions of the same key are serialised by a version check and retried.
 */
@Repository
public class CountStore {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public CountStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
    }

    /** The result of one submission. */
    public record Submitted(String countId, long version, SubmissionOutcome outcome) {
    }

    public Submitted submit(BeneficiaryCountSubmission submission, String country, int year, String by) {
        Submitted result = write(submission, country, year, by);
        if (result.outcome() != SubmissionOutcome.UNCHANGED) {
            relay.wakeUp();
        }
        return result;
    }

    private Submitted write(BeneficiaryCountSubmission submission, String country, int year, String by) {
        String countId = new CountKey(submission.programmeId(), submission.period(), submission.targetGroup(),
                submission.measure()).countId();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = Instant.now();
            CountDocument existing = mongo.findById(countId, CountDocument.class);
            if (existing == null) {
                CountVersion first = new CountVersion(1, now, by, submission, null);
                try {
                    mongo.insert(new CountDocument(countId, country, year, submission, first,
                            codec.toOutboxEvent(reported(countId, 1, country, submission), now)));
                    return new Submitted(countId, 1, SubmissionOutcome.CREATED);
                }
                catch (DuplicateKeyException ex) {
                    continue; // someone else created it first: go round as an update
                }
            }
            if (!existing.isWithdrawn() && submission.equals(existing.getCurrent())) {
                return new Submitted(countId, existing.getVersion(), SubmissionOutcome.UNCHANGED);
            }
            long next = existing.getVersion() + 1;
            Update update = new Update().set("version", next).set("current", submission).set("withdrawn", false)
                    .push("history", new CountVersion(next, now, by, submission, null));
            OutboxDocument.appendEvent(update, codec.toOutboxEvent(reported(countId, next, country, submission), now));
            Query sameVersion = new Query(Criteria.where("_id").is(countId).and("version").is(existing.getVersion()));
            if (mongo.updateFirst(sameVersion, update, CountDocument.class).getModifiedCount() == 1) {
                return new Submitted(countId, next, SubmissionOutcome.UPDATED);
            }
        }
        throw new IllegalStateException("count " + countId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    static BeneficiaryCountReported reported(String countId, long version, String country,
            BeneficiaryCountSubmission s) {
        return new BeneficiaryCountReported(countId, version, s.programmeId(), country, s.period(), s.targetGroup(),
                s.measure(), s.total(), s.sex(), s.ageGroup(), s.withDisability(), s.informalEconomy());
    }

    public Optional<CountDocument> find(String countId) {
        return Optional.ofNullable(mongo.findById(countId, CountDocument.class));
    }

    public List<CountDocument> list(String country, String programmeId, String period, int page, int size) {
        Query query = new Query();
        if (country != null) {
            query.addCriteria(Criteria.where("country").is(country));
        }
        if (programmeId != null) {
            query.addCriteria(Criteria.where("programmeId").is(programmeId));
        }
        if (period != null) {
            query.addCriteria(Criteria.where("period").is(period));
        }
        query.with(Sort.by("_id")).skip((long) page * size).limit(size);
        query.fields().exclude("history").exclude("outbox");
        return mongo.find(query, CountDocument.class);
    }
}
