package org.spmonitor.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.EventCodec;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox on a real MongoDB replica set and a real Apache Kafka broker (images), where the
 * Mongo-wire server's gaps (compound indexes) do not hide anything. Skips itself where Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "spmonitor.outbox.collections=" + TestSubmission.COLLECTION)
class OutboxRelayOnRealInfrastructureTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("platform-real"));
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventCodec codec;

    @Autowired
    OutboxRelay relay;

    @Test
    void publishesOnARealBrokerMarksPublishedAndUsesThePendingIndex() {
        String countId = "cnt-" + UUID.randomUUID();
        OutboxEvent event = codec.toOutboxEvent(new BeneficiaryCountWithdrawn(countId, 1, "prg-real", "SEN", "2025",
                TargetGroup.CHILDREN, Measure.NEW, "test"), Instant.now());
        mongo.insert(new TestSubmission(countId, event, Instant.now()));
        relay.wakeUp();

        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(countId, TestSubmission.class).isPublished());
        assertThat(mongo.indexOps(TestSubmission.COLLECTION).getIndexInfo())
                .anySatisfy(index -> assertThat(index.getName()).isEqualTo("outbox_pending"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "real-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BENEFICIARY_COUNT_EVENTS, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (countId.equals(EventCodec.header(record.headers(), CloudEventHeaders.SUBJECT))) {
                        assertThat(record.key()).isEqualTo("SEN");
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(countId);
                        return true;
                    }
                }
                return false;
            });
        }
    }
}
