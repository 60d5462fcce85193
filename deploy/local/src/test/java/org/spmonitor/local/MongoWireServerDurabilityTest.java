package org.spmonitor.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's Mongo-wire server keeps every acknowledged write through a power cut: a
 * server in a child JVM is killed with SIGKILL while clients write, and a new server on the same file
 * holds every write that was acknowledged. A bulk write costs one sync.
 */
class MongoWireServerDurabilityTest {

    @TempDir
    Path data;

    @Test
    void aBulkInsertOfAThousandDocumentsIsOneSync() {
        try (MongoWireServer server = MongoWireServer.start(data, Ports.anyFree());
                MongoClient client = client(server.uri())) {
            MongoCollection<Document> counts = client.getDatabase("bench").getCollection("counts");
            counts.insertOne(new Document("_id", "warm-up"));
            long before = server.syncs();

            counts.insertMany(IntStream.range(0, 1000).mapToObj(i -> new Document("_id", "c" + i)).toList());

            assertThat(server.syncs() - before).isEqualTo(1);
            assertThat(counts.countDocuments()).isEqualTo(1001);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheServerProcess() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process child = startChild();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try (MongoClient client = client(readUri(child))) {
            MongoCollection<Document> counts = client.getDatabase("beneficiary").getCollection("counts");
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        try {
                            if (writer == 2) {
                                List<Document> bulk = new ArrayList<>();
                                for (int j = 0; j < 200; j++) {
                                    bulk.add(new Document("_id", "bulk-" + i + "-" + j).append("total", j));
                                }
                                counts.insertMany(bulk);
                                bulk.forEach(document -> acknowledged.add(document.getString("_id")));
                            }
                            else {
                                String id = "one-" + writer + "-" + i;
                                counts.insertOne(new Document("_id", id).append("total", 1));
                                acknowledged.add(id);
                            }
                        }
                        catch (RuntimeException ex) {
                            return; // the server is gone: this write was never acknowledged
                        }
                    }
                });
            }
            // kill once a good number of writes were acknowledged, while the writers keep going
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 3000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            child.waitFor(30, TimeUnit.SECONDS);
            killed.set(true);
        }
        finally {
            writers.shutdownNow();
            writers.awaitTermination(30, TimeUnit.SECONDS);
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);

        try (MongoWireServer restarted = MongoWireServer.start(data, Ports.anyFree());
                MongoClient client = client(restarted.uri())) {
            Set<String> stored = new HashSet<>();
            client.getDatabase("beneficiary").getCollection("counts").find()
                    .forEach(document -> stored.add(document.getString("_id")));
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertThat(lost).as("acknowledged writes missing after the kill (of %d acknowledged)", acknowledged.size())
                    .isEmpty();
        }
    }

    private Process startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ChildServer.class.getName(), data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String readUri(Process child) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("URI ")) {
                return line.substring(4);
            }
        }
        throw new IllegalStateException("the child server ended before it was up");
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri + "/?serverSelectionTimeoutMS=5000"))
                .applyToSocketSettings(socket -> socket.readTimeout(10, TimeUnit.SECONDS)).build());
    }

    /** The server in its own JVM, so that it can be killed like a power cut would. */
    public static final class ChildServer {

        public static void main(String[] args) throws InterruptedException {
            MongoWireServer server = MongoWireServer.start(Path.of(args[0]), Ports.anyFree());
            System.out.println("URI " + server.uri());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
