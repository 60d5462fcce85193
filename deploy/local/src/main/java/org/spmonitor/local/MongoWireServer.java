package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB-wire server (mongo-java-server) whose databases live in one H2 MVStore file. A write is
 * committed and synced to the file before it is acknowledged, and a read answers only once what it
 * may have seen is synced ({@link GroupCommit}), so a power cut takes back nothing acknowledged.
 * Closing it closes the store.
 */
final class MongoWireServer implements AutoCloseable {

    static final String STORE_FILE = "spmonitor.mv.db";

    /** The store's page cache (MiB); {@code -Dspmonitor.mongo.cache-mb} overrides it. */
    static final int DEFAULT_CACHE_MB = 64;

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
            this(openStore(Path.of(fileName), Integer.getInteger("spmonitor.mongo.cache-mb", DEFAULT_CACHE_MB)));
        }

        DurableH2Backend(MVStore store) {
            super(store);
            this.commits = new GroupCommit(() -> {
                store.commit();
                store.sync();
            });
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new BsonH2Database(databaseName);
        }

        /**
         * mongo-java-server's H2 database, with every map it opens kept in {@link StoreDataType}: the
         * maps are opened with that type just before the database opens them by name (an open map is
         * returned as it is).
         */
        private final class BsonH2Database extends H2Database {

            BsonH2Database(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                StoreDataType.openMap(getMvStore(), getFullCollectionNamespace(collectionName) + "._index_"
                        + indexName);
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String namespace = getFullCollectionNamespace(collectionName);
                StoreDataType.openMap(getMvStore(), "databases." + namespace);
                StoreDataType.openMap(getMvStore(), "meta." + namespace);
                return super.openOrCreateCollection(collectionName, options);
            }
        }

        /**
         * Opens the store with every map in {@link StoreDataType}. A store written by an earlier version
         * (index keys in another order) is copied into the new layout first; the copy is made beside it
         * and replaces it only when complete, so a crash during the copy loses nothing.
         */
        static MVStore openStore(Path file, int cacheMb) {
            Path earlier = file.resolveSibling(file.getFileName() + ".before-" + StoreDataType.FORMAT);
            try {
                if (Files.exists(earlier)) {
                    Files.deleteIfExists(file); // an interrupted copy: start it again
                    copyIntoNewLayout(earlier, file, cacheMb);
                }
                else if (Files.exists(file) && !inNewLayout(file)) {
                    Files.move(file, earlier);
                    copyIntoNewLayout(earlier, file, cacheMb);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException("could not convert " + file + " to the store layout "
                        + StoreDataType.FORMAT, ex);
            }
            MVStore store = open(file, cacheMb);
            markNewLayout(store);
            for (String name : store.getMapNames()) {
                if (!name.equals(StoreDataType.FORMAT_MAP)) {
                    StoreDataType.openMap(store, name);
                }
            }
            return store;
        }

        private static MVStore open(Path file, int cacheMb) {
            return new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open();
        }

        private static boolean inNewLayout(Path file) {
            MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
            try {
                boolean empty = store.getMapNames().stream().noneMatch(name -> !name.equals(StoreDataType.FORMAT_MAP));
                return empty || (store.hasMap(StoreDataType.FORMAT_MAP) && StoreDataType.FORMAT.equals(
                        store.<String, String>openMap(StoreDataType.FORMAT_MAP).get("layout")));
            }
            finally {
                store.close();
            }
        }

        private static void markNewLayout(MVStore store) {
            store.<String, String>openMap(StoreDataType.FORMAT_MAP).put("layout", StoreDataType.FORMAT);
            store.commit();
            store.sync();
        }

        private static void copyIntoNewLayout(Path earlier, Path file, int cacheMb) throws IOException {
            MVStore from = new MVStore.Builder().fileName(earlier.toString()).readOnly().open();
            MVStore to = open(file, cacheMb);
            try {
                for (String name : from.getMapNames()) {
                    if (!name.equals(StoreDataType.FORMAT_MAP)) {
                        MVMap<Object, Object> target = StoreDataType.openMap(to, name);
                        from.openMap(name).forEach(target::put);
                        to.commit();
                    }
                }
                markNewLayout(to);
            }
            finally {
                to.close();
                from.close();
            }
            Files.delete(earlier);
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
