package org.spmonitor.beneficiary;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.beneficiary.programmeview.store.ProgrammeViewStore;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
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
    protected ProgrammeViewStore programmeView;

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

    /** The payloads of the records on {@code topic} that match, waiting until there are {@code atLeast}. */
    protected static List<JsonNode> awaitPayloads(String topic, Predicate<ConsumerRecord<String, byte[]>> matching,
            int atLeast) {
        try (KafkaProbe probe = KafkaProbe.from(topic)) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            List<ConsumerRecord<String, byte[]>> seen = List.of();
            while (seen.stream().filter(matching).count() < atLeast) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fewer than " + atLeast + " matching records on " + topic + " within "
                            + PATIENCE);
                }
                seen = probe.drain(Duration.ofMillis(300));
            }
            return seen.stream().filter(matching).map(r -> JSON.readTree(KafkaProbe.value(r))).toList();
        }
    }

    protected static Map<String, String> idempotencyKey(String key) {
        return Map.of("Idempotency-Key", key);
    }

    protected static Set<String> fields(JsonNode problem) {
        return Set.copyOf(problem.path("errors").findValuesAsString("field"));
    }
}
