package org.spmonitor.beneficiary.ingestion.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.bson.types.Binary;
import org.spmonitor.beneficiary.ingestion.domain.InboundRecord;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Inbound submissions waiting for their programme's event ({@code parked_submissions}): the whole
 * record is kept, keyed by {@code topic/partition/offset}, until it is accepted or refused.
 */
@Repository
public class ParkedSubmissionStore implements SmartInitializingSingleton {

    public static final String COLLECTION = "parked_submissions";

    private final MongoTemplate mongo;

    public ParkedSubmissionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A parked record and when it was parked. */
    public record Parked(InboundRecord record, String programmeId, Instant parkedAt) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("programmeId", Sort.Direction.ASC).named("by_programme"));
        }
        catch (RuntimeException ex) {
            // queries still work without it
        }
    }

    /** Parks a record; parking it again (a redelivery) changes nothing. */
    public void park(InboundRecord record, String programmeId, Instant now) {
        Document document = new Document("_id", record.deliveryId()).append("programmeId", programmeId)
                .append("topic", record.topic()).append("partition", record.partition())
                .append("offset", record.offset()).append("key", record.key()).append("ceId", record.ceId())
                .append("ceType", record.ceType()).append("contentType", record.contentType())
                .append("submittedBy", record.submittedBy()).append("value", new Binary(record.value()))
                .append("publishedAt", record.publishedAt()).append("authorization", record.authorization())
                .append("traceparent", record.traceparent())
                .append("parkedAt", now);
        try {
            mongo.insert(document, COLLECTION);
        }
        catch (DuplicateKeyException ex) {
            // already parked
        }
    }

    /** The records parked for {@code programmeId}, in the order they were read. */
    public List<Parked> forProgramme(String programmeId) {
        return find(new Query(Criteria.where("programmeId").is(programmeId)));
    }

    /** Records parked before {@code cutoff}, oldest first. */
    public List<Parked> parkedBefore(Instant cutoff, int limit) {
        return find(new Query(Criteria.where("parkedAt").lt(cutoff)).limit(limit));
    }

    /** The programmes that parked records wait for. */
    public List<String> awaitedProgrammes(int limit) {
        Query query = new Query().limit(limit);
        query.fields().include("programmeId");
        return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getString("programmeId"))
                .distinct().toList();
    }

    public long count() {
        return mongo.count(new Query(), COLLECTION);
    }

    public void remove(InboundRecord record) {
        mongo.remove(new Query(Criteria.where("_id").is(record.deliveryId())), COLLECTION);
    }

    private List<Parked> find(Query query) {
        query.with(Sort.by("parkedAt", "topic", "partition", "offset"));
        return mongo.find(query, Document.class, COLLECTION).stream().map(ParkedSubmissionStore::toParked).toList();
    }

    private static Parked toParked(Document d) {
        Object value = d.get("value");
        byte[] bytes = value instanceof Binary binary ? binary.getData()
                : value instanceof byte[] raw ? raw : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        InboundRecord record = new InboundRecord(d.getString("topic"), d.getInteger("partition"),
                ((Number) d.get("offset")).longValue(), d.getString("key"), d.getString("ceId"),
                d.getString("ceType"), d.getString("contentType"), d.getString("submittedBy"), bytes,
                d.get("publishedAt") instanceof java.util.Date published ? published.toInstant() : null,
                d.getString("authorization"), d.getString("traceparent"));
        Object parkedAt = d.get("parkedAt");
        Instant at = parkedAt instanceof java.util.Date date ? date.toInstant() : (Instant) parkedAt;
        return new Parked(record, d.getString("programmeId"), at);
    }
}
