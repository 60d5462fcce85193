package org.spmonitor.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.EventOrigin;

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
 * Publishes the events waiting in {@link OutboxDocument}s and marks them published.
 * <p>
 * Pending events are found without scanning a submission collection: a writer stores a
 * {@link PendingHint} by {@code _id} before its write ({@link #announce}) and hands it over after it
 * ({@link #wakeUp(PendingHint)}); the pass then reads exactly those documents by {@code _id $in},
 * publishes each one's outbox in order, marks it and deletes the hint. A poll every
 * {@code spmonitor.outbox.poll-interval} reads one page of the stored hints (a collection that holds
 * only what is not yet published): the safety net for another instance's writes, a crash or a broker
 * outage. Only after taking the lease (start-up, takeover) does the relay sweep the submission
 * collections for unpublished documents, the cold path.
 * <p>
 * Of several instances of a service only the holder of a lease document relays. A document's events
 * leave in the order they were written (its outbox is sent in order, and removed only once the broker
 * acknowledged it); a failure leaves them pending and the hint stored, and a later pass sends them
 * again (at-least-once; consumers are idempotent).
 */
public class OutboxRelay implements SmartLifecycle {

    static final String LEASE_COLLECTION = "outbox_lease";
    static final String LEASE_ID = "outbox-relay";

    /** How long a hint may point at a write that has not happened before it is taken for a failed write. */
    static final Duration HINT_GRACE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** How many pages of stored hints a relay that has just taken the lease works off before its sweep. */
    private static final int TAKEOVER_HINT_PAGES = 100;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final OutboxProperties properties;
    private final String instanceId;
    private final AtomicBoolean passRequested = new AtomicBoolean();
    private final Queue<PendingHint> handedOver = new ConcurrentLinkedQueue<>();
    private volatile boolean leading;
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
        // read on each scrape, through the outbox_pending index (published, pendingSince)
        Gauge.builder("spmonitor.outbox.pending", this, OutboxRelay::pendingDocuments)
                .description("documents whose events are not yet published (the outbox backlog)").register(meters);
        Gauge.builder("spmonitor.outbox.oldest.pending.age", this, OutboxRelay::oldestPendingAgeSeconds)
                .baseUnit("seconds").description("how long the oldest unpublished document has waited")
                .register(meters);
    }

    /** The outbox backlog: documents of the outbox collections not yet published (NaN if Mongo does not answer). */
    double pendingDocuments() {
        try {
            long pending = 0;
            for (String collection : properties.collections()) {
                pending += mongo.count(new Query(Criteria.where("published").is(false)), collection);
            }
            return pending;
        }
        catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Seconds since the oldest unpublished document was written; 0 when none waits (NaN if Mongo does not answer). */
    double oldestPendingAgeSeconds() {
        try {
            Instant oldest = null;
            for (String collection : properties.collections()) {
                Query first = new Query(Criteria.where("published").is(false)).with(Sort.by("pendingSince")).limit(1);
                first.fields().include("pendingSince");
                Document document = mongo.findOne(first, Document.class, collection);
                Date since = document == null ? null : document.getDate("pendingSince");
                if (since != null && (oldest == null || since.toInstant().isBefore(oldest))) {
                    oldest = since.toInstant();
                }
            }
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
        }
        catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Asks for a relay pass now; several requests before the pass starts make one pass. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && passRequested.compareAndSet(false, true)) {
            current.execute(() -> runPass(false));
        }
    }

    /**
     * Stores {@code hint} by {@code _id}; a writer calls this BEFORE the write it announces, so no
     * crash can leave events that no hint points to.
     */
    public void announce(PendingHint hint) {
        mongo.insert(hint.toDocument(), PendingHint.COLLECTION);
    }

    /**
     * Hands a stored hint to this relay after its write and asks for a pass: the pass reads exactly
     * those documents by {@code _id}. Should another instance hold the lease, its poll finds the
     * stored hint instead.
     */
    public void wakeUp(PendingHint hint) {
        handedOver.add(hint);
        wakeUp();
    }

    /** Runs one full pass on the caller's thread (handed-over and stored hints); returns how many events it published. */
    public int relayPending() {
        return pass(true);
    }

    private void runPass(boolean poll) {
        passRequested.set(false);
        try {
            pass(poll);
        }
        catch (RuntimeException ex) {
            failures.increment();
            log.warn("Outbox relay pass failed, will retry: {}", ex.toString());
        }
    }

    /**
     * A pass: the hints handed over by this instance's writers; with {@code poll}, one page of the
     * stored hints too (the safety net: another instance's writes, a crash, a broker outage). Right
     * after this instance takes the lease (start-up or takeover) it relays every stored hint, then
     * sweeps every outbox collection for unpublished documents: the cold path (a query on
     * {@code published}, a scan on the embedded server), for documents written before hints existed.
     */
    private int pass(boolean poll) {
        if (!acquireLease()) {
            leading = false;
            handedOver.clear(); // they are stored: the holder of the lease relays them
            return 0;
        }
        int count = relayHandedOverHints();
        boolean takingOver = !leading;
        if ((poll || takingOver) && !properties.collections().isEmpty()) {
            count += relayStoredHints(takingOver ? TAKEOVER_HINT_PAGES : 1);
        }
        if (takingOver) {
            long started = System.nanoTime();
            int swept = 0;
            for (String collection : properties.collections()) {
                swept += sweep(collection);
            }
            leading = true;
            log.info("Outbox relay {} holds the lease: {} events of stored hints relayed, then {} unpublished events"
                    + " found by the sweep of {} in {} ms", instanceId, count, swept, properties.collections(),
                    (System.nanoTime() - started) / 1_000_000);
            count += swept;
        }
        return count;
    }

    /**
     * Up to {@code pages} pages of the stored hints, by {@code _id}. Taking the lease (start-up after a
     * crash, takeover) relays the stored hints first, page after page, so a backlog left by a crash
     * flows at once; the sweep of whole collections (the cold path) comes after.
     */
    private int relayStoredHints(int pages) {
        int count = 0;
        for (int page = 0; page < pages; page++) {
            List<PendingHint> stored = new ArrayList<>();
            mongo.find(new Query().limit(properties.batchSize()), Document.class, PendingHint.COLLECTION)
                    .forEach(document -> stored.add(PendingHint.of(document)));
            int sent = relayHints(stored);
            count += sent;
            if (stored.size() < properties.batchSize() || sent == 0) {
                break; // no more hints, or only hints whose writes are not (yet) there
            }
        }
        return count;
    }

    /**
     * Runs the pass a wake-up runs, on the caller's thread: the hints this instance's writers handed
     * over, nothing else (no poll of the stored hints). For tests that count what one write costs.
     */
    public int relayHandedOver() {
        if (!acquireLease()) {
            leading = false;
            handedOver.clear();
            return 0;
        }
        return relayHandedOverHints();
    }

    /** The handed-over hints, in groups of about {@code batch-size} documents. */
    private int relayHandedOverHints() {
        int count = 0;
        List<PendingHint> group = new ArrayList<>();
        int documents = 0;
        for (PendingHint hint = handedOver.poll(); hint != null; hint = handedOver.poll()) {
            group.add(hint);
            documents += hint.ids().size();
            if (documents >= properties.batchSize()) {
                count += relayHints(group);
                group = new ArrayList<>();
                documents = 0;
            }
        }
        return count + relayHints(group);
    }

    /**
     * Publishes the outboxes of the documents the hints name (read by {@code _id $in}, one read per
     * collection) and deletes the hints whose documents all reached their versions, or whose write is
     * older than {@link #HINT_GRACE} and so evidently never happened (a writer that crashed or lost).
     */
    private int relayHints(List<PendingHint> hints) {
        if (hints.isEmpty()) {
            return 0;
        }
        Map<String, Set<String>> idsByCollection = new LinkedHashMap<>();
        for (PendingHint hint : hints) {
            idsByCollection.computeIfAbsent(hint.collection(), c -> new LinkedHashSet<>()).addAll(hint.ids());
        }
        Map<String, Map<String, Long>> versions = new HashMap<>();
        int events = 0;
        for (Map.Entry<String, Set<String>> entry : idsByCollection.entrySet()) {
            Query query = new Query(Criteria.where("_id").in(entry.getValue()));
            query.fields().include("_id").include("version").include("outbox");
            List<Document> documents = mongo.find(query, Document.class, entry.getKey());
            Map<String, Long> reached = new HashMap<>();
            documents.forEach(document -> reached.put(String.valueOf(document.get("_id")),
                    document.get("version") instanceof Number number ? number.longValue() : Long.MAX_VALUE));
            versions.put(entry.getKey(), reached);
            events += publish(entry.getKey(), documents.stream()
                    .filter(document -> !document.getList("outbox", Document.class, List.of()).isEmpty()).toList());
        }
        Instant expired = Instant.now().minus(HINT_GRACE);
        List<String> done = new ArrayList<>();
        for (PendingHint hint : hints) {
            Map<String, Long> reached = versions.get(hint.collection());
            boolean all = true;
            for (int i = 0; i < hint.ids().size() && all; i++) {
                all = reached.getOrDefault(hint.ids().get(i), 0L) >= hint.versions().get(i);
            }
            if (all || hint.at().isBefore(expired)) {
                done.add(hint.id());
            }
        }
        if (!done.isEmpty()) {
            mongo.remove(new Query(Criteria.where("_id").in(done)), PendingHint.COLLECTION);
        }
        return events;
    }

    /** The cold path: every unpublished document of {@code collection}, found by a query on {@code published}. */
    private int sweep(String collection) {
        int count = 0;
        int sent;
        do {
            Query pending = new Query(Criteria.where("published").is(false))
                    .with(Sort.by("pendingSince", "_id"))
                    .limit(properties.batchSize());
            pending.fields().include("_id").include("version").include("outbox");
            sent = publish(collection, mongo.find(pending, Document.class, collection));
            count += sent;
        }
        while (sent > 0 && isRunning());
        return count;
    }

    /** Sends the outboxes of {@code documents} in order and marks what the broker acknowledged. */
    private int publish(String collection, List<Document> documents) {
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
        int done = 0;
        int events = 0;
        RuntimeException failure = null;
        for (int i = 0; i < documents.size() && failure == null; i++) {
            try {
                for (CompletableFuture<SendResult<String, byte[]>> send : sends.get(i)) {
                    send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    events++;
                }
                done++;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while publishing", ex);
            }
            catch (Exception ex) {
                failure = new IllegalStateException("publishing to Kafka failed", ex);
            }
        }
        if (done > 0) {
            markPublished(collection, documents.subList(0, done));
            published.increment(events);
        }
        if (failure != null) {
            throw failure;
        }
        return events;
    }

    /**
     * Removes the sent events from each document's outbox ({@code _id}), and marks the document
     * published if it is still at the version it was read at ({@code _id} + {@code version}: the unique
     * index {@code id_version} of
     * {@link org.spmonitor.platform.store.VersionedWriter}): then nothing was appended since,
     * so its outbox is now empty. A document changed meanwhile stays pending, with a hint of its own.
     * One ordered bulk write, one round trip.
     */
    private void markPublished(String collection, List<Document> documents) {
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, collection);
        Instant now = Instant.now();
        for (Document document : documents) {
            List<String> ids = document.getList("outbox", Document.class, List.of()).stream()
                    .map(event -> event.getString("eventId")).toList();
            Object id = document.get("_id");
            bulk.updateOne(new Query(Criteria.where("_id").is(id)),
                    new Update().pull("outbox", new Document("eventId", new Document("$in", ids))));
            Object version = document.get("version");
            Query unchanged = version == null
                    ? new Query(Criteria.where("_id").is(id).and("outbox").size(0)) // a document without version (legacy)
                    : new Query(Criteria.where("_id").is(id).and("version").is(version));
            bulk.updateOne(unchanged, new Update().set("published", true).set("publishedAt", now).unset("pendingSince"));
        }
        bulk.execute();
    }

    private static OutboxEvent toOutboxEvent(Document event) {
        Object time = event.get("time");
        Instant instant = time instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(time));
        return new OutboxEvent(event.getString("eventId"), event.getString("topic"), event.getString("type"),
                event.getString("key"), event.getString("subject"), instant, event.getString("dataSchema"),
                event.getString("payload"), event.getString("traceparent"), origin(event.get("origin", Document.class)));
    }

    private static EventOrigin origin(Document origin) {
        return origin == null ? null : new EventOrigin(origin.getString("actor"), origin.getString("channel"),
                origin.getString("reference"), origin.getString("sourceRecord"));
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
                // what makes markPublished's {_id, version} an index lookup on the Mongo-wire server
                mongo.indexOps(collection).createIndex(new Index().on("_id", Sort.Direction.ASC)
                        .on("version", Sort.Direction.ASC).unique().named("id_version"));
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
        started.scheduleWithFixedDelay(() -> runPass(true), interval, interval, TimeUnit.MILLISECONDS);
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
