package org.spmonitor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's Kafka: one node ({@link KafkaBroker}, storage in {@code data/kafka}) or, in cluster mode,
 * three KRaft nodes that are each broker and controller (node ids 1 to 3, storage in
 * {@code data/kafka-cluster/node-<id>}, one cluster id), replicating every topic three times with
 * {@code min.insync.replicas=2}. Each node can be stopped and started again on its ports and storage
 * while the others run; the quorum and the topics stay available while two of the three run.
 */
final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    private final Path directory;
    private final Map<Integer, Integer> ports;
    private final Map<Integer, Integer> controllerPorts;
    private final boolean fsync;
    private final String clusterId;
    private final boolean formatted;
    /** node id to running node; absent while stopped. */
    private final Map<Integer, KafkaBroker> running = new LinkedHashMap<>();

    private KafkaCluster(Path directory, Map<Integer, Integer> ports, Map<Integer, Integer> controllerPorts,
            boolean fsync, String clusterId, boolean formatted) {
        this.directory = directory;
        this.ports = Map.copyOf(ports);
        this.controllerPorts = Map.copyOf(controllerPorts);
        this.fsync = fsync;
        this.clusterId = clusterId;
        this.formatted = formatted;
    }

    /**
     * Starts the nodes, in parallel (a node serves clients only once a majority of the quorum runs).
     *
     * @param directory {@code data/kafka} for one node, whose storage is the directory itself; the
     *        parent of {@code node-<id>} for several
     * @param ports the client port of each node, node ids from 1
     * @param controllerPorts the controller port of each node, in the same order
     */
    static KafkaCluster start(Path directory, List<Integer> ports, List<Integer> controllerPorts, boolean fsync) {
        Map<Integer, Integer> clientPorts = new LinkedHashMap<>();
        Map<Integer, Integer> controllers = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            clientPorts.put(i + 1, ports.get(i));
            controllers.put(i + 1, controllerPorts.get(i));
        }
        boolean single = ports.size() == 1;
        Path first = single ? directory : directory.resolve("node-1");
        boolean fresh = !Files.exists(first.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
        String clusterId = fresh ? Uuid.randomUuid().toString() : KafkaBroker.readClusterId(first);
        KafkaCluster cluster = new KafkaCluster(directory, clientPorts, controllers, fsync, clusterId, fresh);
        try {
            cluster.startNodes(List.copyOf(clientPorts.keySet()));
        }
        catch (RuntimeException ex) {
            cluster.close();
            throw ex;
        }
        return cluster;
    }

    /** Client addresses of every node: {@code 127.0.0.1:9092,127.0.0.1:41233,...}. */
    String bootstrapServers() {
        return String.join(",", ports.values().stream().map(port -> Ports.HOST + ":" + port).toList());
    }

    String clusterId() {
        return clusterId;
    }

    /** Whether this start formatted fresh storage. */
    boolean formattedNow() {
        return formatted;
    }

    int size() {
        return ports.size();
    }

    /** The controller port of each node, by node id. */
    Map<Integer, Integer> controllerPorts() {
        return controllerPorts;
    }

    /** The client port of each node, by node id. */
    Map<Integer, Integer> ports() {
        return ports;
    }

    synchronized boolean isRunning(int nodeId) {
        return running.containsKey(nodeId);
    }

    synchronized boolean isAnyRunning() {
        return !running.isEmpty();
    }

    /** Stops one node (controlled shutdown); its storage stays. Nothing happens if it is stopped. */
    synchronized void stopNode(int nodeId) {
        KafkaBroker node = running.remove(nodeId);
        if (node != null) {
            node.close();
            log.info("Kafka node {} stopped", nodeId);
        }
    }

    /**
     * Stops every node, in parallel: one after the other, the last node's controlled shutdown would wait
     * (five minutes) for a controller quorum that the others took with them.
     */
    synchronized void stopAll() {
        List<Integer> ids = new ArrayList<>(running.keySet());
        if (ids.size() <= 1) {
            ids.forEach(this::stopNode);
            return;
        }
        ExecutorService stopper = Executors.newFixedThreadPool(ids.size());
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (int id : ids) {
            KafkaBroker node = running.remove(id);
            stopping.add(CompletableFuture.runAsync(() -> Closing.quietly("Kafka node " + id, node), stopper));
        }
        stopper.shutdown();
        stopping.forEach(CompletableFuture::join);
        log.info("Kafka nodes {} stopped", ids);
    }

    /** Starts every stopped node again, in parallel, on the same ports and storage. */
    synchronized void startAll() {
        startNodes(ports.keySet().stream().filter(id -> !running.containsKey(id)).toList());
    }

    /** Starts one stopped node again on its ports and storage. */
    synchronized void startNode(int nodeId) {
        if (!running.containsKey(nodeId)) {
            startNodes(List.of(nodeId));
        }
    }

    private void startNodes(List<Integer> ids) {
        Map<Integer, CompletableFuture<KafkaBroker>> starting = new LinkedHashMap<>();
        // a thread each: a node waits for the others of the quorum (the common pool may have one thread)
        ExecutorService starter = Executors.newFixedThreadPool(Math.max(1, ids.size()));
        for (int id : ids) {
            starting.put(id, CompletableFuture.supplyAsync(() -> KafkaBroker.startNode(storage(id), id,
                    ports.get(id), controllerPorts, clusterId, fsync), starter));
        }
        starter.shutdown();
        RuntimeException failure = null;
        for (Map.Entry<Integer, CompletableFuture<KafkaBroker>> node : starting.entrySet()) {
            try {
                running.put(node.getKey(), node.getValue().join());
            }
            catch (CompletionException ex) {
                RuntimeException cause = ex.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(ex.getCause());
                if (failure == null) {
                    failure = cause;
                }
                else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Path storage(int nodeId) {
        return ports.size() == 1 ? directory : directory.resolve("node-" + nodeId);
    }

    @Override
    public synchronized void close() {
        stopAll();
    }
}
