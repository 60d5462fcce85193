package org.spmonitor.beneficiary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A Mongo-wire server (mongo-java-server, memory backend) in a process of its own, as a real MongoDB
 * is in production: a test that stores 100,000 documents then measures the service's heap, not the
 * database's. The child process ends when the test JVM does (it watches its standard input).
 */
public final class ExternalMongoWire {

    private static Process process;
    private static int port;

    /** Entry point of the child process: serves on a free port, prints it, and stops when stdin closes. */
    public static void main(String[] args) throws IOException {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        System.out.println("PORT " + address.getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the parent to go away
        }
        server.shutdownNow();
    }

    /** A connection string to {@code database} on the external server, starting it on first use. */
    public static synchronized String uri(String database) {
        if (process == null) {
            try {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process started = new ProcessBuilder(java, "-Xmx2g", "-XX:+UseSerialGC", "-cp",
                        System.getProperty("java.class.path"), ExternalMongoWire.class.getName())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("PORT ")) {
                        port = Integer.parseInt(line.substring(5).trim());
                        break;
                    }
                }
                if (port == 0) {
                    throw new IllegalStateException("the external Mongo-wire server did not start");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
                process = started;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    private ExternalMongoWire() {
    }
}
