package org.spmonitor.platform.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.outbox.OutboxEvent;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.outbox.PendingHint;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one write path of every versioned submission: read the current document by {@code _id}, let
 * the domain decide (first version, next version, or unchanged), and write the decision as ONE
 * document write that also sets the version, appends the history entry and appends the events to
 * the document's outbox (no dual writes). A first version is an insert (a duplicate {@code _id} means
 * another writer was first); a next version is an update conditional on the version it was decided on. When another writer (thread
 * or service instance) got in first, the write does not apply and the domain decides again on the
 * newer document, so no change is ever lost or applied twice.
 * <p>
 * Every access is by {@code _id} (or {@code _id $in}): the version check {@code {_id, version}}
 * matches the unique index {@value #ID_VERSION_INDEX} created here, the only kind of index the
 * Mongo-wire server uses for it (real MongoDB uses the {@code _id} index). Before a write that emits
 * events, a {@link PendingHint} is stored by {@code _id}, so the relay finds the events without
 * scanning (see {@link OutboxRelay}).
 * <p>
 * {@link #writeAll} writes many documents at a constant number of round trips: one {@code _id $in}
 * read, one hint, one bulk write (its inserts and its updates); an item a concurrent writer changed
 * meanwhile is redone alone.
 *
 * @param <T> the stored document
 */
public class VersionedWriter<T extends Versioned> {

    /** The unique index that makes the version check an index lookup on the Mongo-wire server. */
    public static final String ID_VERSION_INDEX = "id_version";
    static final int MAX_ATTEMPTS = 20;

    private static final Logger log = LoggerFactory.getLogger(VersionedWriter.class);

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Class<T> type;
    private final String collection;

    public VersionedWriter(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Class<T> type,
            String collection) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.type = type;
        this.collection = collection;
        ensureIndex(mongo, collection);
    }

    /** Creates the unique {@code {_id: 1, version: 1}} index of {@code collection} (idempotent). */
    public static void ensureIndex(MongoTemplate mongo, String collection) {
        try {
            mongo.indexOps(collection).createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on("version", Sort.Direction.ASC).unique().named(ID_VERSION_INDEX));
        }
        catch (RuntimeException ex) {
            log.warn("Could not create the {} index of {} (writes still work, slower on the Mongo-wire server): {}",
                    ID_VERSION_INDEX, collection, ex.toString());
        }
    }

    /**
     * The domain's decision about one document, given its current state ({@code null} when there is
     * none) and the time of the write. It must have no side effects: it runs again when another writer
     * changed the document first.
     */
    @FunctionalInterface
    public interface Decider<T, R> {
        Decision<R> decide(T current, Instant now);
    }

    /** One item of a bulk write. */
    public record Item<T, R>(String id, Decider<T, R> decider) {
    }

    /** What to write, and what to answer once it is written. */
    public static final class Decision<R> {

        enum Kind {
            UNCHANGED, CREATE, UPDATE
        }

        final Kind kind;
        final Versioned first;
        final Update changes;
        final Object historyEntry;
        final List<? extends DomainEvent> events;
        final R result;
        final EventOrigin origin;

        private Decision(Kind kind, Versioned first, Update changes, Object historyEntry,
                List<? extends DomainEvent> events, R result, EventOrigin origin) {
            this.kind = kind;
            this.first = first;
            this.changes = changes;
            this.historyEntry = historyEntry;
            this.events = events == null ? List.of() : List.copyOf(events);
            this.result = result;
            this.origin = origin;
        }

        private Decision(Kind kind, Versioned first, Update changes, Object historyEntry,
                List<? extends DomainEvent> events, R result) {
            this(kind, first, changes, historyEntry, events, result, null);
        }

        /**
         * This decision, its events saying who caused them and through which channel (the
         * {@code ce_actor}, {@code ce_channel}, ... headers, ADR 0021).
         */
        public Decision<R> withOrigin(EventOrigin eventOrigin) {
            return new Decision<>(kind, first, changes, historyEntry, events, result, eventOrigin);
        }

        /** Nothing to write (same content, a redelivery, a withdrawal of a withdrawn item...). */
        public static <R> Decision<R> unchanged(R result) {
            return new Decision<>(Kind.UNCHANGED, null, null, null, List.of(), result);
        }

        /**
         * Version 1: {@code first} as stored (its outbox, version and history are set by the writer),
         * the first history entry (or null for documents without history) and the events.
         */
        public static <R> Decision<R> create(Versioned first, Object historyEntry, List<? extends DomainEvent> events,
                R result) {
            return new Decision<>(Kind.CREATE, Objects.requireNonNull(first), null, historyEntry, events, result);
        }

        /**
         * The next version (current + 1): {@code changes} sets the new state; the writer adds the
         * version, pushes {@code historyEntry} (null: none) and appends {@code events} to the outbox.
         */
        public static <R> Decision<R> update(Update changes, Object historyEntry, List<? extends DomainEvent> events,
                R result) {
            return new Decision<>(Kind.UPDATE, null, Objects.requireNonNull(changes), historyEntry, events, result);
        }

        public R result() {
            return result;
        }

        boolean writes() {
            return kind != Kind.UNCHANGED;
        }
    }

    /** Reads, decides and writes one document, deciding again (up to a limit) when a concurrent write came first. */
    public <R> R write(String id, Decider<T, R> decider) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            T current = mongo.findById(id, type, collection);
            Instant now = now();
            Decision<R> decision = decider.decide(current, now);
            if (!decision.writes()) {
                return decision.result;
            }
            long target = expectedVersion(id, current, decision) + 1;
            String writeId = UUID.randomUUID().toString();
            PendingHint hint = decision.events.isEmpty() ? null : hint(writeId, List.of(id), List.of(target), now);
            boolean written = decision.kind == Decision.Kind.CREATE
                    ? tryCreate(id, decision, writeId, now)
                    : tryUpdate(id, target - 1, decision.changes, decision.historyEntry, decision.events, writeId, now,
                            decision.origin);
            if (hint != null) {
                relay.wakeUp(hint);
            }
            if (written) {
                return decision.result;
            }
            backOff(attempt);
        }
        throw new IllegalStateException(collection + " " + id + " kept changing during " + MAX_ATTEMPTS + " attempts");
    }

    /** A random pause that grows with the attempts, so that writers racing for one document take turns. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(attempt + 1, 7)));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", ex);
        }
    }

    /**
     * Writes many distinct documents: one {@code _id $in} read (without history and outbox), one
     * pending hint and one bulk write for the whole list; items that a concurrent writer changed
     * meanwhile are decided again and written one by one. With {@code dryRun} nothing is written and
     * the results say what would happen. Results are in the order of {@code items}.
     */
    public <R> List<R> writeAll(List<Item<T, R>> items, boolean dryRun) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<String> ids = items.stream().map(Item::id).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("a bulk write names each document once");
        }
        Query read = new Query(Criteria.where("_id").in(ids));
        read.fields().exclude("history").exclude("outbox");
        Map<String, T> current = new HashMap<>();
        mongo.find(read, type, collection).forEach(document -> current.put(document.getId(), document));
        Instant now = now();
        String writeId = UUID.randomUUID().toString();
        List<Decision<R>> decisions = new ArrayList<>(items.size());
        for (Item<T, R> item : items) {
            decisions.add(item.decider().decide(current.get(item.id()), now));
        }
        if (dryRun) {
            return decisions.stream().map(Decision::result).toList();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection);
        List<Integer> itemOfOp = new ArrayList<>();
        List<String> hinted = new ArrayList<>();
        List<Long> hintedVersions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Decision<R> decision = decisions.get(i);
            if (!decision.writes()) {
                continue;
            }
            String id = items.get(i).id();
            long expected = expectedVersion(id, current.get(id), decision);
            if (decision.kind == Decision.Kind.CREATE) {
                bulk.insert(firstVersion(id, decision, writeId, now));
            }
            else {
                if (decision.historyEntry == null) {
                    throw new IllegalArgumentException("a bulk update needs a history entry (it identifies the write)");
                }
                bulk.updateOne(byIdAndVersion(id, expected),
                        nextVersion(expected, decision.changes, decision.historyEntry, decision.events, writeId, now,
                                decision.origin));
            }
            itemOfOp.add(i);
            if (!decision.events.isEmpty()) {
                hinted.add(id);
                hintedVersions.add(expected + 1);
            }
        }
        if (itemOfOp.isEmpty()) {
            return decisions.stream().map(Decision::result).toList();
        }
        PendingHint hint = hinted.isEmpty() ? null : hint(writeId, hinted, hintedVersions, now);
        Set<Integer> failedOps = new HashSet<>();
        BulkWriteResult outcome;
        try {
            outcome = bulk.execute();
        }
        catch (BulkOperationException ex) {
            // a first version that a concurrent writer inserted first (duplicate _id): redone below
            for (BulkWriteError error : ex.getErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw ex;
                }
                failedOps.add(error.getIndex());
            }
            outcome = ex.getResult();
        }
        List<Integer> redo = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        for (int op = 0; op < itemOfOp.size(); op++) {
            int item = itemOfOp.get(op);
            if (failedOps.contains(op)) {
                redo.add(item);
            }
            else if (decisions.get(item).kind == Decision.Kind.UPDATE) {
                updates.add(item);
            }
        }
        if (!updates.isEmpty() && outcome.getModifiedCount() < updates.size()) {
            redo.addAll(notWrittenBy(writeId, updates, items));
        }
        if (hint != null) {
            relay.wakeUp(hint);
        }
        List<R> results = new ArrayList<>(decisions.stream().map(Decision::result).toList());
        for (int item : redo) {
            results.set(item, write(items.get(item).id(), items.get(item).decider()));
        }
        return results;
    }

    /** The items among {@code updates} whose history does not hold {@code writeId}: a concurrent write came first. */
    private List<Integer> notWrittenBy(String writeId, List<Integer> updates, List<? extends Item<T, ?>> items) {
        List<String> ids = updates.stream().map(i -> items.get(i).id()).toList();
        Query query = new Query(Criteria.where("_id").in(ids));
        query.fields().include("_id").include("history.writeId");
        Set<String> ours = new HashSet<>();
        for (Document document : mongo.find(query, Document.class, collection)) {
            for (Document entry : document.getList("history", Document.class, List.of())) {
                if (writeId.equals(entry.getString("writeId"))) {
                    ours.add(document.getString("_id"));
                }
            }
        }
        return updates.stream().filter(i -> !ours.contains(items.get(i).id())).toList();
    }

    private long expectedVersion(String id, T current, Decision<?> decision) {
        if (decision.kind == Decision.Kind.CREATE) {
            if (current != null) {
                throw new IllegalStateException("decided to create " + collection + " " + id + ", which exists");
            }
            if (!id.equals(decision.first.getId())) {
                throw new IllegalArgumentException("the first version of " + id + " carries id " + decision.first.getId());
            }
            return 0;
        }
        if (current == null) {
            throw new IllegalStateException("decided to update " + collection + " " + id + ", which does not exist");
        }
        return current.getVersion();
    }

    /**
     * Stores version 1 of a document if there is none yet, with its history entry and events (whose
     * time is {@code at}, the time the domain decided it).
     *
     * @return false when the document exists by now (decide again)
     * @throws DuplicateKeyException when another unique index (not {@code _id}) refuses it
     */
    public boolean create(String id, Versioned first, Object historyEntry, List<? extends DomainEvent> events,
            Instant at) {
        return create(id, first, historyEntry, events, at, null);
    }

    /** {@link #create(String, Versioned, Object, List, Instant)}, its events saying who and which channel (ADR 0021). */
    public boolean create(String id, Versioned first, Object historyEntry, List<? extends DomainEvent> events,
            Instant at, EventOrigin origin) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        String writeId = UUID.randomUUID().toString();
        PendingHint hint = events.isEmpty() ? null : hint(writeId, List.of(id), List.of(1L), now);
        boolean written = tryCreate(id, Decision.create(first, historyEntry, events, null).withOrigin(origin), writeId,
                now);
        if (hint != null) {
            relay.wakeUp(hint);
        }
        return written;
    }

    /**
     * Stores the next version of a document if it is still at {@code expectedVersion}, with its history
     * entry and events (whose time is {@code at}, the time the domain decided it).
     *
     * @return false when another write came first (decide again)
     * @throws DuplicateKeyException when another unique index (not {@code _id}) refuses the change
     */
    public boolean update(String id, long expectedVersion, Update changes, Object historyEntry,
            List<? extends DomainEvent> events, Instant at) {
        return update(id, expectedVersion, changes, historyEntry, events, at, null);
    }

    /** {@link #update(String, long, Update, Object, List, Instant)}, its events saying who and which channel (ADR 0021). */
    public boolean update(String id, long expectedVersion, Update changes, Object historyEntry,
            List<? extends DomainEvent> events, Instant at, EventOrigin origin) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        String writeId = UUID.randomUUID().toString();
        PendingHint hint = events.isEmpty() ? null : hint(writeId, List.of(id), List.of(expectedVersion + 1), now);
        try {
            return tryUpdate(id, expectedVersion, changes, historyEntry, events, writeId, now, origin);
        }
        finally {
            if (hint != null) {
                relay.wakeUp(hint);
            }
        }
    }

    private boolean tryCreate(String id, Decision<?> decision, String writeId, Instant now) {
        try {
            mongo.insert(firstVersion(id, decision, writeId, now), collection);
            return true;
        }
        catch (DuplicateKeyException ex) {
            if (mongo.findById(id, Document.class, collection) == null) {
                throw ex; // not the _id: another unique index refuses the document
            }
            return false; // a concurrent first version won
        }
    }

    private boolean tryUpdate(String id, long expectedVersion, Update changes, Object historyEntry,
            List<? extends DomainEvent> events, String writeId, Instant now, EventOrigin origin) {
        Update update = nextVersion(expectedVersion, changes, historyEntry, events, writeId, now, origin);
        return mongo.updateFirst(byIdAndVersion(id, expectedVersion), update, type, collection).getModifiedCount() == 1;
    }

    private Document firstVersion(String id, Decision<?> decision, String writeId, Instant now) {
        Document document = new Document();
        mongo.getConverter().write(decision.first, document);
        document.put("_id", id);
        document.put("version", 1L);
        if (decision.historyEntry != null) {
            document.put("history", List.of(historyDocument(decision.historyEntry, writeId)));
        }
        List<Object> outbox = new ArrayList<>();
        for (DomainEvent event : decision.events) {
            OutboxEvent outboxEvent = codec.toOutboxEvent(event, now, decision.origin);
            outbox.add(mongo.getConverter().convertToMongoType(outboxEvent, TypeInformation.of(OutboxEvent.class)));
        }
        document.put("outbox", outbox);
        document.put("published", outbox.isEmpty());
        document.remove("publishedAt");
        if (outbox.isEmpty()) {
            document.remove("pendingSince");
        }
        else {
            document.put("pendingSince", Date.from(now));
        }
        return document;
    }

    private Update nextVersion(long expectedVersion, Update changes, Object historyEntry,
            List<? extends DomainEvent> events, String writeId, Instant now, EventOrigin origin) {
        Update update = Update.fromDocument(changes.getUpdateObject()).set("version", expectedVersion + 1);
        if (historyEntry != null) {
            update.push("history", historyDocument(historyEntry, writeId));
        }
        if (!events.isEmpty()) {
            Object[] outbox = events.stream().map(event -> codec.toOutboxEvent(event, now, origin)).toArray();
            update.push("outbox").each(outbox);
            update.set("published", false).min("pendingSince", now);
        }
        return update;
    }

    private Document historyDocument(Object entry, String writeId) {
        Object converted = mongo.getConverter().convertToMongoType(entry, TypeInformation.of(entry.getClass()));
        if (!(converted instanceof Document document)) {
            throw new IllegalArgumentException("a history entry must be stored as a document, not " + entry.getClass());
        }
        document.put("writeId", writeId);
        return document;
    }

    private PendingHint hint(String writeId, List<String> ids, List<Long> versions, Instant now) {
        PendingHint hint = new PendingHint(writeId, collection, ids, versions, now);
        relay.announce(hint);
        return hint;
    }

    /** {@code {_id: id, version: version}}: exactly the keys of the {@value #ID_VERSION_INDEX} index. */
    private static Query byIdAndVersion(String id, long version) {
        return new Query(Criteria.where("_id").is(id).and("version").is(version));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
