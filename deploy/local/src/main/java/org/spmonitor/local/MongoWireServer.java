package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB-wire server (mongo-java-server) whose databases live in one H2 MVStore file. Closing it
 * closes the store, which writes everything not yet written to the file.
 */
final class MongoWireServer implements AutoCloseable {

    static final String STORE_FILE = "spmonitor.mv.db";

    private final MongoServer server;
    private final int port;
    private final Path file;

    private MongoWireServer(MongoServer server, int port, Path file) {
        this.server = server;
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
        H2Backend backend = new HelloAnsweringH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(Ports.HOST, port);
        }
        catch (RuntimeException ex) {
            backend.close();
            throw ex;
        }
        return new MongoWireServer(server, port, file);
    }

    /** {@code mongodb://127.0.0.1:27017} (no database: each service has its own). */
    String uri() {
        return "mongodb://" + Ports.HOST + ":" + port;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        // closes the client connections, then the backend, which closes (and so flushes) the MVStore
        server.shutdownNow();
    }

    /**
     * mongo-java-server 1.47 knows the legacy {@code isMaster} handshake but not its successor
     * {@code hello}, which Spring Boot's Mongo health indicator sends; without this every service's
     * {@code /actuator/health} would be DOWN. {@code hello} gets the {@code isMaster} reply, with the
     * field name of the newer protocol added.
     */
    static final class HelloAnsweringH2Backend extends H2Backend {

        HelloAnsweringH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if ("hello".equalsIgnoreCase(command)) {
                Document reply = super.handleCommand(channel, databaseName, "ismaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                return reply;
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }
}
