package org.spmonitor.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The parts of a running stack that fault tests and chaos runs stop and start again one at a time
 * (the Kafka brokers, all at once or one of a cluster, the Mongo-wire server, each service instance)
 * while the others keep running. A stopped part comes back at the same address, with the same storage.
 * {@link LocalStack} calls these under its own lock, and only while it is open.
 */
final class FaultHooks {

    private static final Logger log = LoggerFactory.getLogger(FaultHooks.class);

    private final LocalStackSettings settings;
    private final ServiceLauncher launcher;
    // null while stopped
    private volatile MongoWireServer mongo;
    private final KafkaCluster kafka;
    private final Map<ServiceInstance, ConfigurableApplicationContext> services;

    FaultHooks(LocalStackSettings settings, ServiceLauncher launcher, MongoWireServer mongo, KafkaCluster kafka,
            Map<ServiceInstance, ConfigurableApplicationContext> services) {
        this.settings = settings;
        this.launcher = launcher;
        this.mongo = mongo;
        this.kafka = kafka;
        this.services = Collections.synchronizedMap(new LinkedHashMap<>(services));
    }

    /** Stops every broker (controlled shutdown). */
    void stopKafka() {
        if (kafka.isAnyRunning()) {
            kafka.stopAll();
            log.info("Kafka stopped (fault hook); its storage stays under {}", settings.dataDir());
        }
    }

    /** Starts every stopped broker again, on the same ports and storage. */
    void startKafka() {
        kafka.startAll();
        log.info("Kafka started again at {} (fault hook)", kafka.bootstrapServers());
    }

    boolean isKafkaRunning() {
        return kafka.isAnyRunning();
    }

    /** Stops one broker of the cluster (node ids 1 to 3); the others keep serving. */
    void stopBroker(int nodeId) {
        requireNode(nodeId);
        kafka.stopNode(nodeId);
        log.info("Kafka node {} stopped (fault hook)", nodeId);
    }

    void startBroker(int nodeId) {
        requireNode(nodeId);
        kafka.startNode(nodeId);
        log.info("Kafka node {} started again (fault hook)", nodeId);
    }

    boolean isBrokerRunning(int nodeId) {
        return kafka.isRunning(nodeId);
    }

    private void requireNode(int nodeId) {
        if (nodeId < 1 || nodeId > kafka.size()) {
            throw new IllegalArgumentException("no Kafka node " + nodeId + " (the stack runs " + kafka.size() + ")");
        }
    }

    void stopMongo() {
        MongoWireServer running = mongo;
        if (running != null) {
            mongo = null;
            running.close();
            log.info("Mongo-wire server stopped (fault hook); its data stays in {}", running.file());
        }
    }

    void startMongo() {
        if (mongo == null) {
            MongoWireServer started = MongoWireServer.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
            mongo = started;
            log.info("Mongo-wire server started again at {} (fault hook)", started.uri());
        }
    }

    boolean isMongoRunning() {
        return mongo != null;
    }

    void stopService(ServiceInstance instance) {
        ConfigurableApplicationContext context = services.remove(instance);
        if (context != null) {
            context.close();
            log.info("{} stopped (fault hook)", instance);
        }
    }

    void crashService(ServiceInstance instance) {
        ConfigurableApplicationContext context = services.remove(instance);
        if (context != null) {
            context.getBeansOfType(MongoClient.class).values().forEach(MongoClient::close);
            context.close();
            log.info("{} crashed (fault hook: its database connections were cut, then it stopped)", instance);
        }
    }

    void startService(ServiceInstance instance) {
        if (!launcher.instances().contains(instance)) {
            throw new IllegalArgumentException("the stack runs no " + instance);
        }
        if (!services.containsKey(instance)) {
            services.put(instance, launcher.start(instance));
            log.info("{} started again (fault hook)", instance);
        }
    }

    boolean isServiceRunning(ServiceInstance instance) {
        return services.containsKey(instance);
    }

    /** The Spring context of an instance; null while it is stopped. */
    ConfigurableApplicationContext context(ServiceInstance instance) {
        return services.get(instance);
    }

    /** Every instance the stack runs, stopped or not. */
    List<ServiceInstance> instances() {
        return launcher.instances();
    }

    int port(ServiceInstance instance) {
        return launcher.port(instance);
    }

    /** Closes what runs: the services (writers first), then the brokers, then the Mongo-wire server. */
    void closeAll() {
        ServiceLauncher.closeAll(Map.copyOf(services));
        Closing.quietly("Kafka", kafka);
        Closing.quietly("Mongo-wire server", mongo);
    }
}
