package org.spmonitor.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: KRaft, a node that is broker and controller at once (node id
 * 1 when it runs alone; {@link KafkaCluster} runs three), with its log and metadata directories under
 * the data directory.
 * <p>
 * The storage is formatted once, when {@code meta.properties} is absent, with a new random cluster id;
 * {@code meta.properties} keeps that id, so later starts reuse the storage and the id. The controller
 * quorum is static ({@code controller.quorum.voters}), so the controller port may differ between starts.
 */
final class KafkaBroker implements AutoCloseable {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String clusterId;
    private final int controllerPort;
    private final boolean formatted;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, String clusterId, int controllerPort,
            boolean formatted) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
        this.controllerPort = controllerPort;
        this.formatted = formatted;
    }

    /** Formats {@code directory} if it never was, then starts the broker and waits until it serves clients. */
    static KafkaBroker start(Path directory, int port, int controllerPort) {
        return start(directory, port, controllerPort, false);
    }

    /**
     * As {@link #start(Path, int, int)}; with {@code fsync} every append is synced to disk before it is
     * acknowledged ({@code log.flush.interval.messages=1}, for every topic including the committed
     * offsets): one broker has no replica to fall back on, and by default it acknowledges from the page
     * cache, which survives the process being killed but not an OS crash or a power cut.
     */
    static KafkaBroker start(Path directory, int port, int controllerPort, boolean fsync) {
        return startNode(directory, NODE_ID, port, Map.of(NODE_ID, controllerPort), null, fsync);
    }

    /**
     * Starts node {@code nodeId} of a KRaft cluster whose nodes are each broker and controller, the
     * quorum being {@code controllerPorts} (node id to controller port). Formats {@code directory} first
     * if it never was, with {@code clusterId} (a new random one if null). Returns once the node serves
     * clients, which needs a majority of the quorum running: start the nodes of a cluster in parallel.
     */
    static KafkaBroker startNode(Path directory, int nodeId, int port, Map<Integer, Integer> controllerPorts,
            String clusterId, boolean fsync) {
        neverExitTheJvm();
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(directory, nodeId, port, controllerPorts, fsync),
                false);
        boolean formatted = formatIfNeeded(directory, nodeId, clusterId);
        String id = readClusterId(directory);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        }
        catch (RuntimeException ex) {
            stop(server);
            throw ex;
        }
        return new KafkaBroker(server, Ports.HOST + ":" + port, id, controllerPorts.get(nodeId), formatted);
    }

    /** The single node's configuration (node id {@value #NODE_ID}). */
    static Properties brokerProperties(Path directory, int port, int controllerPort, boolean fsync) {
        return brokerProperties(directory, NODE_ID, port, Map.of(NODE_ID, controllerPort), fsync);
    }

    /**
     * Configuration of a small node: few partitions for the internal topics, few threads, small segments,
     * and no time- or size-based deletion of events, so that the read models can always be rebuilt from
     * offset 0. One node keeps one replica of everything; a cluster of three or more keeps three, an
     * {@code acks=all} record acknowledged once two hold it ({@code min.insync.replicas=2}). With
     * {@code fsync}, each append is synced before it is acknowledged.
     */
    static Properties brokerProperties(Path directory, int nodeId, int port, Map<Integer, Integer> controllerPorts,
            boolean fsync) {
        String replicas = String.valueOf(Math.min(3, controllerPorts.size()));
        String minInsync = controllerPorts.size() >= 3 ? "2" : "1";
        int controllerPort = controllerPorts.get(nodeId);
        Properties p = new Properties();
        if (fsync) {
            p.put("log.flush.interval.messages", "1");
        }
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", String.join(",", controllerPorts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(voter -> voter.getKey() + "@" + Ports.HOST + ":" + voter.getValue()).toList()));
        p.put("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + Ports.HOST
                + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", directory.toString());
        p.put("metadata.log.dir", directory.toString());

        p.put("num.partitions", "3");
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minInsync);
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "5");
        p.put("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minInsync);
        p.put("transaction.state.log.num.partitions", "5");
        p.put("transaction.state.log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minInsync);
        p.put("share.coordinator.state.topic.num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");

        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        p.put("log.retention.ms", "-1");
        p.put("log.retention.bytes", "-1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("metadata.log.segment.bytes", String.valueOf(8 * 1024 * 1024));

        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        return p;
    }

    /** Formats the storage unless {@code meta.properties} exists; true if it formatted now. */
    private static boolean formatIfNeeded(Path directory, int nodeId, String wantedClusterId) {
        if (Files.exists(directory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return false;
        }
        String clusterId = wantedClusterId != null ? wantedClusterId : Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(directory);
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(directory.toString())
                    .setDirectories(List.of(directory.toString()))
                    .run();
        }
        catch (Exception ex) {
            throw new IllegalStateException("could not format the Kafka storage in " + directory, ex);
        }
        log.info("Formatted the Kafka storage in {} with cluster id {}: {}", directory, clusterId,
                output.toString(StandardCharsets.UTF_8).strip());
        return true;
    }

    /** The cluster id of formatted storage. */
    static String readClusterId(Path directory) {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(directory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            meta.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not read the Kafka cluster id in " + directory, ex);
        }
        return meta.getProperty("cluster.id");
    }

    /**
     * Kafka ends the process on a fatal fault ({@code Exit.halt}). In this JVM that would take the four
     * services down without closing them, so a fault is logged and thrown on the faulting thread instead.
     */
    private static void neverExitTheJvm() {
        Exit.setExitProcedure((statusCode, message) -> {
            throw new KafkaWantedToExit("exit", statusCode, message);
        });
        Exit.setHaltProcedure((statusCode, message) -> {
            throw new KafkaWantedToExit("halt", statusCode, message);
        });
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String clusterId() {
        return clusterId;
    }

    int controllerPort() {
        return controllerPort;
    }

    /** Whether this start formatted fresh storage (false: it reused the storage of an earlier start). */
    boolean formattedNow() {
        return formatted;
    }

    @Override
    public void close() {
        stop(server);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Thrown instead of letting Kafka end the JVM. */
    static final class KafkaWantedToExit extends RuntimeException {

        KafkaWantedToExit(String procedure, int statusCode, String message) {
            super("Kafka asked to " + procedure + " the JVM with status " + statusCode
                    + (message == null ? "" : ": " + message) + "; the local stack keeps running, restart it");
            log.error(getMessage());
        }
    }
}
