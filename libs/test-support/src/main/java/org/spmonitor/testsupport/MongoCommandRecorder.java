package org.spmonitor.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;

/**
 * Records every command a MongoDB client sends, so a test can count round trips and check how each
 * one addresses its documents. Register it with {@link #customizer()} as a bean of the test context;
 * {@link #reset()} before the measured work, then read {@link #commands()}.
 * <p>
 * {@link #notById()} lists the reads and writes whose filter is not on {@code _id} alone (equality or
 * {@code $in}): on the Mongo-wire server such a filter scans its collection, so its cost grows with
 * the data. The one exception it accepts is the version check {@code {_id: X, version: N}} (both plain
 * equality, nothing else): its keys are exactly those of the unique {@code {_id: 1, version: 1}} index
 * that the platform's VersionedWriter creates on every versioned collection, which the Mongo-wire
 * server does use for it (real MongoDB uses the {@code _id} index).
 */
public final class MongoCommandRecorder implements CommandListener {

    /** The commands that carry a filter, and where in the command each filter sits. */
    private static final Map<String, List<String>> FILTERS = Map.of(
            "find", List.of("filter"), "count", List.of("query"), "distinct", List.of("query"),
            "findAndModify", List.of("query"), "update", List.of("updates", "q"), "delete", List.of("deletes", "q"),
            "aggregate", List.of("pipeline", "$match"));

    private static final Set<String> IGNORED = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
            "endSessions", "getMore", "killCursors", "listIndexes", "createIndexes", "listCollections");

    private final ConcurrentLinkedQueue<Recorded> commands = new ConcurrentLinkedQueue<>();

    /**
     * One command as sent: its name, database, collection (when it names one), body, and the thread
     * that sent it (the driver calls listeners on the sending thread).
     */
    public record Recorded(String name, String database, String collection, BsonDocument body, String thread) {

        public Recorded(String name, String database, String collection, BsonDocument body) {
            this(name, database, collection, body, null);
        }

        @Override
        public String toString() {
            return database + "." + collection + " " + name + " " + body.toJson();
        }
    }

    /** A Spring Boot customizer that adds this recorder to the auto-configured client. */
    public MongoClientSettingsBuilderCustomizer customizer() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (IGNORED.contains(event.getCommandName())) {
            return;
        }
        BsonDocument body = event.getCommand().clone();
        BsonValue target = body.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : null;
        commands.add(new Recorded(event.getCommandName(), event.getDatabaseName(), collection, body,
                Thread.currentThread().getName()));
    }

    /** Forgets what was recorded so far. */
    public void reset() {
        commands.clear();
    }

    /** Every command recorded since the last {@link #reset()}, in order. */
    public List<Recorded> commands() {
        return List.copyOf(commands);
    }

    /** Commands per name, e.g. {@code {find=2, update=1}}. */
    public Map<String, Integer> countsByName() {
        return countsByName(commands);
    }

    /** Commands of {@code recorded} per name. */
    public static Map<String, Integer> countsByName(Collection<Recorded> recorded) {
        Map<String, Integer> counts = new TreeMap<>();
        recorded.forEach(command -> counts.merge(command.name(), 1, Integer::sum));
        return counts;
    }

    /**
     * The recorded commands whose filter (or one of whose filters) is not on {@code _id} alone, nor the
     * version check {@code {_id: X, version: N}}.
     */
    public List<Recorded> notById() {
        return notById(commands);
    }

    /** Those of {@code recorded} whose filter (or one of whose filters) is not on {@code _id} alone, nor the version check. */
    public static List<Recorded> notById(Collection<Recorded> recorded) {
        List<Recorded> found = new ArrayList<>();
        for (Recorded command : recorded) {
            if (filtersOf(command).stream().anyMatch(filter -> !isById(filter) && !isByIdAndVersion(filter))) {
                found.add(command);
            }
        }
        return found;
    }

    static List<BsonDocument> filtersOf(Recorded command) {
        List<String> path = FILTERS.get(command.name());
        if (path == null) {
            return List.of();
        }
        BsonValue value = command.body().get(path.get(0));
        if (value == null) {
            return List.of(new BsonDocument());
        }
        if (value.isDocument()) {
            return List.of(value.asDocument());
        }
        List<BsonDocument> filters = new ArrayList<>();
        if (value.isArray() && "aggregate".equals(command.name())) {
            // a pipeline is addressed by its first stage: a $match, or else it reads the whole collection
            BsonArray pipeline = value.asArray();
            BsonValue first = pipeline.isEmpty() ? null : pipeline.get(0);
            filters.add(first != null && first.isDocument() && first.asDocument().isDocument(path.get(1))
                    ? first.asDocument().getDocument(path.get(1)) : new BsonDocument());
        }
        else if (value.isArray()) {
            for (BsonValue element : (BsonArray) value) {
                BsonDocument statement = element.isDocument() ? element.asDocument() : new BsonDocument();
                filters.add(statement.isDocument(path.get(1)) ? statement.getDocument(path.get(1)) : new BsonDocument());
            }
        }
        return filters;
    }

    /** {@code {_id: v}} or {@code {_id: {$in: [...]}}} and nothing else. */
    static boolean isById(BsonDocument filter) {
        if (filter.size() != 1 || !filter.containsKey("_id")) {
            return false;
        }
        BsonValue id = filter.get("_id");
        if (!id.isDocument()) {
            return true;
        }
        BsonDocument operator = id.asDocument();
        if (operator.keySet().stream().noneMatch(key -> key.startsWith("$"))) {
            return true; // a compound _id value
        }
        return operator.size() == 1 && (operator.containsKey("$in") || operator.containsKey("$eq"));
    }

    /** {@code {_id: X, version: N}} with plain equality on both and nothing else: the versioned writer's check. */
    static boolean isByIdAndVersion(BsonDocument filter) {
        if (filter.size() != 2 || !filter.containsKey("_id") || !filter.containsKey("version")) {
            return false;
        }
        BsonValue id = filter.get("_id");
        BsonValue version = filter.get("version");
        boolean plainId = !id.isDocument() || id.asDocument().keySet().stream().noneMatch(key -> key.startsWith("$"));
        return plainId && version.isNumber();
    }
}
