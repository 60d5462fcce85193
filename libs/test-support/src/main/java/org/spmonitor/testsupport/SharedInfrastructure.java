package org.spmonitor.testsupport;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft) and one Mongo-wire server per test JVM, started on first use and
 * ending with the JVM. Every Spring test context of the JVM shares them.
 */
public final class SharedInfrastructure {

    private static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker kafka;
    private static MongoServer mongo;
    private static InetSocketAddress mongoAddress;

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            broker.brokerProperty("auto.create.topics.enable", "true");
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.brokerProperty("offsets.topic.num.partitions", "5");
            broker.afterPropertiesSet();
            // No shutdown hook: JVM shutdown hooks run concurrently, and a broker stopped while the
            // Spring contexts still close makes their Kafka clients wait out their close timeouts.
            // The broker's threads end with the test JVM.
            kafka = broker;
        }
        return kafka.getBrokersAsString();
    }

    public static synchronized EmbeddedKafkaKraftBroker kafka() {
        kafkaBootstrapServers();
        return kafka;
    }

    /** A connection string to {@code database} on the shared Mongo-wire server. */
    public static synchronized String mongoUri(String database) {
        if (mongo == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            mongoAddress = server.getLocalAddress();
            mongo = server;
        }
        return "mongodb://127.0.0.1:" + mongoAddress.getPort() + "/" + database;
    }

    private SharedInfrastructure() {
    }
}
