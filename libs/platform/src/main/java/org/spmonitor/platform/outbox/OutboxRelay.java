package org.spmonitor.platform.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.platform.events.EventCodec;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes the events waiting in {@link OutboxDocument}s, oldest first, and marks them published.
 * <p>
 * A write calls {@link #wakeUp()} so that its events go out at once; a poll every
 * {@code spmonitor.outbox.poll-interval} is the safety net (broker down, crash after the write).
 * Of several instances of a service only the holder of a lease document relays, so events leave in
 * the order they were written. A document is marked published only once the broker acknowledged
 * it and every document before it: a failure leaves it pending, and the next pass sends it again
 * (at-least-once; consumers are idempotent).
 */
public class OutboxRelay implements SmartLifecycle {

    static final String LEASE_COLLECTION = "outbox_lease";
    static final String LEASE_ID = "outbox-relay";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final OutboxProperties properties;
    private final String instanceId;
    private final AtomicBoolean passRequested = new AtomicBoolean();
    private final Counter published;
    private final Counter failures;
    private volatile ScheduledExecutorService executor;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, EventCodec codec,
            OutboxProperties properties, MeterRegistry meters) {
        this(mongo, kafka, codec, properties, meters, null);
    }

    /**
     * @param instanceId this instance's stable name ({@code spmonitor.instance-id}): restarted after a
     *        crash, the instance takes its own lease back at once instead of waiting for it to expire;
     *        null or blank for a random name (a restart then waits up to {@code lease-ttl})
     */
    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, EventCodec codec,
            OutboxProperties properties, MeterRegistry meters, String instanceId) {
        this.instanceId = instanceId == null || instanceId.isBlank() ? UUID.randomUUID().toString() : instanceId;
        this.mongo = mongo;
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
        this.published = Counter.builder("spmonitor.outbox.published").description("events the relay published")
                .register(meters);
        this.failures = Counter.builder("spmonitor.outbox.failures").description("relay passes that failed")
                .register(meters);
    }

    /** Asks for a relay pass now; several requests before the pass starts make one pass. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && passRequested.compareAndSet(false, true)) {
            current.execute(this::runPass);
        }
    }

    /** Runs one pass on the caller's thread; returns how many events it published. */
    public int relayPending() {
        if (!acquireLease()) {
            return 0;
        }
        int count = 0;
        for (String collection : properties.collections()) {
            int sent;
            do {
                sent = relayBatch(collection);
                count += sent;
            }
            while (sent > 0 && isRunning());
        }
        return count;
    }

    private void runPass() {
        passRequested.set(false);
        try {
            relayPending();
        }
        catch (RuntimeException ex) {
            failures.increment();
            log.warn("Outbox relay pass failed, will retry: {}", ex.toString());
        }
    }

    private int relayBatch(String collection) {
        Query pending = new Query(Criteria.where("published").is(false))
                .with(Sort.by("pendingSince", "_id"))
                .limit(properties.batchSize());
        pending.fields().include("_id").include("outbox");
        List<Document> documents = mongo.find(pending, Document.class, collection);
        if (documents.isEmpty()) {
            return 0;
        }
        List<List<CompletableFuture<SendResult<String, byte[]>>>> sends = new ArrayList<>();
        for (Document document : documents) {
            List<CompletableFuture<SendResult<String, byte[]>>> perDocument = new ArrayList<>();
            for (Document event : document.getList("outbox", Document.class, List.of())) {
                perDocument.add(kafka.send(codec.toRecord(toOutboxEvent(event))));
            }
            sends.add(perDocument);
        }
        List<Object> done = new ArrayList<>();
        int events = 0;
        RuntimeException failure = null;
        for (int i = 0; i < documents.size() && failure == null; i++) {
            try {
                for (CompletableFuture<SendResult<String, byte[]>> send : sends.get(i)) {
                    send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    events++;
                }
                done.add(documents.get(i).get("_id"));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while publishing", ex);
            }
            catch (Exception ex) {
                failure = new IllegalStateException("publishing to Kafka failed", ex);
            }
        }
        if (!done.isEmpty()) {
            markPublished(collection, documents.subList(0, done.size()));
            published.increment(events);
        }
        if (failure != null) {
            throw failure;
        }
        return events;
    }

    /**
     * Removes the sent events from each document's outbox; a document whose outbox is then empty is
     * published. An event appended meanwhile keeps it pending, since both are conditional updates.
     * The flag is one multi-document update (each document still conditional on its own empty
     * outbox): one round trip, and one pass over the collection on servers that only use the
     * {@code _id} index for a query on {@code _id} alone (mongo-java-server).
     */
    private void markPublished(String collection, List<Document> documents) {
        BulkOperations pull = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        List<Object> sent = new ArrayList<>(documents.size());
        for (Document document : documents) {
            List<String> ids = document.getList("outbox", Document.class, List.of()).stream()
                    .map(event -> event.getString("eventId")).toList();
            pull.updateOne(new Query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().pull("outbox", new Document("eventId", new Document("$in", ids))));
            sent.add(document.get("_id"));
        }
        pull.execute();
        mongo.updateMulti(new Query(Criteria.where("_id").in(sent).and("outbox").size(0)),
                new Update().set("published", true).set("publishedAt", Instant.now()).unset("pendingSince"),
                collection);
    }

    private static OutboxEvent toOutboxEvent(Document event) {
        Object time = event.get("time");
        Instant instant = time instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(time));
        return new OutboxEvent(event.getString("eventId"), event.getString("topic"), event.getString("type"),
                event.getString("key"), event.getString("subject"), instant, event.getString("dataSchema"),
                event.getString("payload"));
    }

    /** Takes or renews the lease; false when another live instance holds it. */
    boolean acquireLease() {
        Instant now = Instant.now();
        Query mine = new Query(Criteria.where("_id").is(LEASE_ID)
                .orOperator(Criteria.where("owner").is(instanceId), Criteria.where("expiresAt").lt(now)));
        try {
            mongo.upsert(mine, new Update().set("owner", instanceId).set("expiresAt", now.plus(properties.leaseTtl())),
                    LEASE_COLLECTION);
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    @Override
    public void start() {
        for (String collection : properties.collections()) {
            try {
                mongo.indexOps(collection).createIndex(new Index().on("published", Sort.Direction.ASC)
                        .on("pendingSince", Sort.Direction.ASC).named("outbox_pending"));
            }
            catch (RuntimeException ex) {
                log.warn("Could not create the outbox index of {} (the poll still works): {}", collection, ex.toString());
            }
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::runPass, interval, interval, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLease();
    }

    private void releaseLease() {
        try {
            mongo.remove(new Query(Criteria.where("_id").is(LEASE_ID).and("owner").is(instanceId)), LEASE_COLLECTION);
        }
        catch (RuntimeException ex) {
            log.debug("Could not release the outbox lease; it expires by itself", ex);
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // stop before the Kafka producer and the Mongo client go away
        return Integer.MAX_VALUE - 1000;
    }
}
