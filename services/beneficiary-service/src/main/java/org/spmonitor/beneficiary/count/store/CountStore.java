package org.spmonitor.beneficiary.count.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.beneficiary.count.domain.SubmissionOutcome;
import org.spmonitor.beneficiary.count.store.CountDocument.CountVersion;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxRelay;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Beneficiary counts in MongoDB. A change and its event are one atomic write of one document;
 * concurrent changes of the same count are serialised by a version check and retried. Bulk writes
 * (batches, imports) go to the server in one round trip per chunk, and any item a concurrent writer
 * got in first is redone one by one, so none is lost or counted twice.
 */
@Repository
public class CountStore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CountStore.class);
    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public CountStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
    }

    /** The result of one submission or withdrawal. */
    public record Submitted(String countId, long version, SubmissionOutcome outcome) {
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
    public Submitted submit(PreparedCount count, Provenance provenance) {
        Submitted result = write(count, provenance);
        if (result.outcome() != SubmissionOutcome.UNCHANGED) {
            relay.wakeUp();
        }
        return result;
    }

    /**
     * Stores many counts with distinct ids, in bulk. With {@code dryRun} nothing is written and the
     * outcomes say what would happen. Results are in the order of {@code counts}.
     */
    public List<Submitted> submitAll(List<PreparedCount> counts, Provenance provenance, boolean dryRun) {
        if (counts.isEmpty()) {
            return List.of();
        }
        Map<String, CountDocument> existing = currentOf(counts.stream().map(PreparedCount::countId).toList());
        Instant now = Instant.now();
        String writeId = UUID.randomUUID().toString();
        Submitted[] results = new Submitted[counts.size()];
        List<CountDocument> inserts = new ArrayList<>();
        Map<String, Integer> indexOf = new HashMap<>();
        BulkOperations updates = dryRun ? null : mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CountDocument.class);
        int updateCount = 0;
        for (int i = 0; i < counts.size(); i++) {
            PreparedCount count = counts.get(i);
            indexOf.put(count.countId(), i);
            CountDocument current = existing.get(count.countId());
            if (current == null) {
                results[i] = new Submitted(count.countId(), 1, SubmissionOutcome.CREATED);
                if (!dryRun) {
                    inserts.add(firstVersion(count, provenance, writeId, now));
                }
            }
            else if (!current.isWithdrawn() && count.submission().equals(current.getCurrent())) {
                results[i] = new Submitted(count.countId(), current.getVersion(), SubmissionOutcome.UNCHANGED);
            }
            else {
                long next = current.getVersion() + 1;
                results[i] = new Submitted(count.countId(), next, SubmissionOutcome.UPDATED);
                if (!dryRun) {
                    updates.updateOne(sameVersion(count.countId(), current.getVersion()),
                            nextVersion(count, next, provenance, writeId, now));
                    updateCount++;
                }
            }
        }
        if (dryRun) {
            return List.of(results);
        }
        Set<String> redo = new HashSet<>();
        if (!inserts.isEmpty()) {
            try {
                mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CountDocument.class).insert(inserts).execute();
            }
            catch (DataAccessException ex) {
                // some ids were created meanwhile by another writer: redo exactly the ones that are not ours
                redo.addAll(notWrittenBy(writeId, inserts.stream().map(CountDocument::getId).toList()));
                if (redo.isEmpty()) {
                    throw ex;
                }
            }
        }
        if (updateCount > 0) {
            long modified = updates.execute().getModifiedCount();
            if (modified < updateCount) {
                List<String> updatedIds = new ArrayList<>();
                for (Submitted result : results) {
                    if (result.outcome() == SubmissionOutcome.UPDATED) {
                        updatedIds.add(result.countId());
                    }
                }
                redo.addAll(notWrittenBy(writeId, updatedIds));
            }
        }
        for (String countId : redo) {
            int index = indexOf.get(countId);
            results[index] = write(counts.get(index), provenance);
        }
        relay.wakeUp();
        return List.of(results);
    }

    private Set<String> notWrittenBy(String writeId, Collection<String> ids) {
        Query ours = new Query(Criteria.where("_id").in(ids).and("history.writeId").is(writeId));
        ours.fields().include("_id");
        Set<String> missing = new HashSet<>(ids);
        mongo.find(ours, org.bson.Document.class, CountDocument.COLLECTION)
                .forEach(document -> missing.remove(document.getString("_id")));
        return missing;
    }

    private Map<String, CountDocument> currentOf(List<String> ids) {
        Query query = new Query(Criteria.where("_id").in(ids));
        query.fields().exclude("history").exclude("outbox");
        Map<String, CountDocument> byId = new HashMap<>();
        mongo.find(query, CountDocument.class).forEach(document -> byId.put(document.getId(), document));
        return byId;
    }

    private Submitted write(PreparedCount count, Provenance provenance) {
        String countId = count.countId();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = Instant.now();
            String writeId = UUID.randomUUID().toString();
            CountDocument existing = mongo.findById(countId, CountDocument.class);
            if (existing == null) {
                try {
                    mongo.insert(firstVersion(count, provenance, writeId, now));
                    return new Submitted(countId, 1, SubmissionOutcome.CREATED);
                }
                catch (DuplicateKeyException ex) {
                    continue; // someone else created it first: go round as an update
                }
            }
            if (provenance.deliveryId() != null && existing.getHistory().stream()
                    .anyMatch(v -> provenance.deliveryId().equals(v.deliveryId()))) {
                return new Submitted(countId, existing.getVersion(), SubmissionOutcome.UNCHANGED); // redelivery
            }
            if (!existing.isWithdrawn() && count.submission().equals(existing.getCurrent())) {
                return new Submitted(countId, existing.getVersion(), SubmissionOutcome.UNCHANGED);
            }
            long next = existing.getVersion() + 1;
            if (mongo.updateFirst(sameVersion(countId, existing.getVersion()),
                    nextVersion(count, next, provenance, writeId, now), CountDocument.class).getModifiedCount() == 1) {
                return new Submitted(countId, next, SubmissionOutcome.UPDATED);
            }
        }
        throw new IllegalStateException("count " + countId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Withdraws a count: dashboards drop it. Withdrawing a withdrawn count changes nothing; a later
     * report of the same key revives it as a new version.
     */
    public Optional<Submitted> withdraw(String countId, String reason, Provenance provenance) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = Instant.now();
            CountDocument existing = mongo.findById(countId, CountDocument.class);
            if (existing == null) {
                return Optional.empty();
            }
            if (existing.isWithdrawn()) {
                return Optional.of(new Submitted(countId, existing.getVersion(), SubmissionOutcome.UNCHANGED));
            }
            long next = existing.getVersion() + 1;
            BeneficiaryCountSubmission s = existing.getCurrent();
            Update update = new Update().set("version", next).set("withdrawn", true).set("changedAt", now)
                    .set("changedBy", provenance.by())
                    .push("history", CountVersion.withdrawn(next, now, provenance, UUID.randomUUID().toString(),
                            reason));
            OutboxDocument.appendEvent(update, codec.toOutboxEvent(new BeneficiaryCountWithdrawn(countId, next,
                    s.programmeId(), existing.getCountry(), s.period(), s.targetGroup(), s.measure(), reason), now));
            if (mongo.updateFirst(sameVersion(countId, existing.getVersion()), update, CountDocument.class)
                    .getModifiedCount() == 1) {
                relay.wakeUp();
                return Optional.of(new Submitted(countId, next, SubmissionOutcome.WITHDRAWN));
            }
        }
        throw new IllegalStateException("count " + countId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    private CountDocument firstVersion(PreparedCount count, Provenance provenance, String writeId, Instant now) {
        CountVersion first = CountVersion.reported(1, now, provenance, writeId, count.submission());
        return new CountDocument(count, first, codec.toOutboxEvent(reported(count, 1), now));
    }

    private Update nextVersion(PreparedCount count, long next, Provenance provenance, String writeId, Instant now) {
        Update update = new Update().set("version", next).set("current", count.submission()).set("withdrawn", false)
                .set("changedAt", now).set("changedBy", provenance.by())
                .push("history", CountVersion.reported(next, now, provenance, writeId, count.submission()));
        return OutboxDocument.appendEvent(update, codec.toOutboxEvent(reported(count, next), now));
    }

    private static Query sameVersion(String countId, long version) {
        return new Query(Criteria.where("_id").is(countId).and("version").is(version));
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
        return query;
    }
}
