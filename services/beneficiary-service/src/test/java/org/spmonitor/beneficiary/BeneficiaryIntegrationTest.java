package org.spmonitor.beneficiary;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole service on a random port against the shared broker and
 * Mongo-wire server. Every subclass has the same configuration, so they share one Spring context.
 * Tests isolate themselves with fresh programme ids.
 */
@SpmonitorIntegrationTest
public abstract class BeneficiaryIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final EventCodec PROGRAMME_SERVICE = new EventCodec("/spmonitor/programme-service");

    @LocalServerPort
    protected int port;

    @Autowired
    protected KnownProgrammes programmeView;

    protected ApiClient api() {
        return ApiClient.at(port);
    }

    /** Publishes a programme as programme-service would. */
    protected static void publish(DomainEvent event) {
        KafkaProbe.send(PROGRAMME_SERVICE.toRecord(event, Instant.now()));
    }

    /** Registers a fresh programme in {@code country} and waits until the local view knows it. */
    protected String registerProgramme(String country) {
        String id = Programmes.freshId();
        register(Programmes.familyPackage(id, country));
        return id;
    }

    protected void register(ProgrammeRegistered programme) {
        publish(programme);
        await().atMost(PATIENCE).until(() -> programmeView.find(programme.programmeId()).isPresent());
    }

    protected static Predicate<ConsumerRecord<String, byte[]>> subject(String subject) {
        return record -> subject.equals(KafkaProbe.header(record, CloudEventHeaders.SUBJECT));
    }

    protected static Predicate<ConsumerRecord<String, byte[]>> typed(String eventName) {
        return record -> String.valueOf(KafkaProbe.header(record, CloudEventHeaders.TYPE)).endsWith("." + eventName
                + ".v1");
    }

    /**
     * The payloads of the records on {@code topic} that match, read from the first offset, waiting
     * until there are {@code atLeast}. Only matching records are kept: the topic may hold the 100,000
     * events of the large import test.
     */
    protected static List<JsonNode> awaitPayloads(String topic, Predicate<ConsumerRecord<String, byte[]>> matching,
            int atLeast) {
        return awaitRecords(topic, matching, atLeast).stream().map(r -> JSON.readTree(KafkaProbe.value(r))).toList();
    }

    /** The records on {@code topic} that match, headers and all, as {@link #awaitPayloads} finds them. */
    protected static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
            Predicate<ConsumerRecord<String, byte[]>> matching, int atLeast) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (found.size() < atLeast) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fewer than " + atLeast + " matching records on " + topic + " within "
                            + PATIENCE + "; found " + found.size());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Who made the change and through which channel, as the event's CloudEvents extension headers say
     * (ADR 0021): {@code ce_actor}, {@code ce_channel}, {@code ce_channelref}, {@code ce_sourcerecord}.
     */
    protected static List<String> origin(ConsumerRecord<String, byte[]> record) {
        return java.util.Arrays.asList(KafkaProbe.header(record, CloudEventHeaders.ACTOR),
                KafkaProbe.header(record, CloudEventHeaders.CHANNEL),
                KafkaProbe.header(record, CloudEventHeaders.CHANNEL_REF),
                KafkaProbe.header(record, CloudEventHeaders.SOURCE_RECORD));
    }

    protected static Map<String, String> idempotencyKey(String key) {
        return Map.of("Idempotency-Key", key);
    }

    protected static Set<String> fields(JsonNode problem) {
        return Set.copyOf(problem.path("errors").findValuesAsString("field"));
    }
}
