package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB-wire server (mongo-java-server) whose databases live in one H2 MVStore file. A write is
 * committed and synced to the file before it is acknowledged, and a read answers only once what it
 * may have seen is synced ({@link GroupCommit}), so a power cut takes back nothing acknowledged.
 * Closing it closes the store.
 */
final class MongoWireServer implements AutoCloseable {

    static final String STORE_FILE = "spmonitor.mv.db";

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final int port;
    private final Path file;

    private MongoWireServer(MongoServer server, DurableH2Backend backend, int port, Path file) {
        this.server = server;
        this.backend = backend;
        this.port = port;
        this.file = file;
    }

    static MongoWireServer start(Path directory, int port) {
        Path file = directory.resolve(STORE_FILE);
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not create " + directory, ex);
        }
        DurableH2Backend backend = new DurableH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(Ports.HOST, port);
        }
        catch (RuntimeException ex) {
            backend.close();
            throw ex;
        }
        return new MongoWireServer(server, backend, port, file);
    }

    /** {@code mongodb://127.0.0.1:27017} (no database: each service has its own). */
    String uri() {
        return "mongodb://" + Ports.HOST + ":" + port;
    }

    Path file() {
        return file;
    }

    /** How many times the store was committed and synced for acknowledged writes (group commits). */
    long syncs() {
        return backend.commits.syncs();
    }

    @Override
    public void close() {
        // closes the client connections, then the backend, which closes (and so flushes) the MVStore
        server.shutdownNow();
    }

    /**
     * The H2 backend, made durable: each command is classified as a write (default), a read, or a
     * handshake that touches no data, and runs through {@link GroupCommit} accordingly.
     * <p>
     * It also answers {@code hello}: mongo-java-server 1.47 knows the legacy {@code isMaster} handshake
     * but not its successor, which Spring Boot's Mongo health indicator sends; without this every
     * service's {@code /actuator/health} would be DOWN. {@code hello} gets the {@code isMaster} reply,
     * with the field name of the newer protocol added.
     */
    static final class DurableH2Backend extends H2Backend {

        /** Commands that read data and change nothing (an aggregate with $out or $merge is a write). */
        private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "aggregate",
                "listcollections", "listindexes", "listdatabases", "dbstats", "collstats", "explain");

        /** Commands that neither read nor change data. */
        private static final Set<String> HANDSHAKES = Set.of("hello", "ismaster", "ping", "buildinfo",
                "getlasterror", "endsessions", "killcursors", "whatsmyuri", "getparameter", "serverstatus",
                "hostinfo", "getcmdlineopts", "getfreemonitoringstatus", "connectionstatus", "currentop",
                "getlog", "saslstart", "saslcontinue", "logout");

        private final GroupCommit commits;

        DurableH2Backend(String fileName) {
            super(fileName);
            MVStore store = getMvStore();
            this.commits = new GroupCommit(() -> {
                store.commit();
                store.sync();
            });
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            String name = command.toLowerCase(Locale.ROOT);
            if ("hello".equals(name)) {
                Document reply = super.handleCommand(channel, databaseName, "ismaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                return reply;
            }
            if (HANDSHAKES.contains(name)) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            if (READS.contains(name) && !writesOutput(name, query)) {
                return commits.read(() -> super.handleCommand(channel, databaseName, command, query));
            }
            return commits.write(() -> super.handleCommand(channel, databaseName, command, query));
        }

        private static boolean writesOutput(String name, Document query) {
            if (!"aggregate".equals(name) || !(query.get("pipeline") instanceof List<?> pipeline)) {
                return false;
            }
            return pipeline.stream().anyMatch(stage -> stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge")));
        }
    }
}
