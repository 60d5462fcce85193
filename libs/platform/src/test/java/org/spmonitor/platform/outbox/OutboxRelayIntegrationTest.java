package org.spmonitor.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.store.VersionedWriter.Decision;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

@SpmonitorIntegrationTest
@TestPropertySource(properties = "spmonitor.outbox.collections=" + TestSubmission.COLLECTION)
class OutboxRelayIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventCodec codec;

    @Autowired
    OutboxRelay relay;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    OutboxProperties properties;

    @Autowired
    MeterRegistry meters;

    private VersionedWriter<TestSubmission> writer() {
        return new VersionedWriter<>(mongo, codec, relay, TestSubmission.class, TestSubmission.COLLECTION);
    }

    /** Writes version {@code version} of {@code countId} (the first one creates it) with its withdrawal event. */
    private void write(String countId, long version) {
        writer().write(countId, (current, now) -> current == null
                ? Decision.create(new TestSubmission(countId, version), new TestSubmission.Entry(version, version),
                        List.of(withdrawal(countId, version)), null)
                : Decision.update(new Update().set("value", version), new TestSubmission.Entry(version, version),
                        List.of(withdrawal(countId, version)), null));
    }

    private static BeneficiaryCountWithdrawn withdrawal(String countId, long version) {
        return new BeneficiaryCountWithdrawn(countId, version, "prg-test", "KHM", "2025Q1", TargetGroup.CHILDREN,
                Measure.ACTIVE, "test " + version);
    }

    @Test
    void publishesAWrittenEventAsACloudEventAndMarksItPublished() {
        String countId = "cnt-" + UUID.randomUUID();
        write(countId, 1);
        String eventId = mongo.findById(countId, TestSubmission.class).getOutbox().stream().findFirst()
                .map(OutboxEvent::eventId).orElse(null); // null when the relay was quicker than this read

        try (KafkaProbe probe = KafkaProbe.from(Topics.BENEFICIARY_COUNT_EVENTS)) {
            ConsumerRecord<String, byte[]> record = probe.awaitRecord(
                    r -> countId.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT)), Duration.ofSeconds(30))
                    .stream().filter(r -> countId.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT)))
                    .findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo("KHM");
            assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isNotBlank();
            if (eventId != null) {
                assertThat(KafkaProbe.header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
            }
            assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("org.spmonitor.beneficiaries.BeneficiaryCountWithdrawn.v1");
            assertThat(KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(KafkaProbe.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(KafkaProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/spmonitor/platform-test");
            assertThat(KafkaProbe.value(record)).contains("\"countId\":\"" + countId + "\"");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TestSubmission stored = mongo.findById(countId, TestSubmission.class);
            assertThat(stored.isPublished()).isTrue();
            assertThat(stored.getOutbox()).isEmpty();
            assertThat(stored.getPendingSince()).isNull();
            assertThat(mongo.findAll(org.bson.Document.class, PendingHint.COLLECTION))
                    .noneMatch(hint -> hint.getList("ids", String.class).contains(countId));
        });
    }

    @Test
    void theRelaysProducerPublishesItsKafkaClientMetrics() {
        String countId = "cnt-" + UUID.randomUUID();
        write(countId, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(countId, TestSubmission.class).isPublished());

        // the platform's own producer factory must keep Boot's MicrometerProducerListener
        assertThat(meters.find("kafka.producer.record.send.total").functionCounters()).isNotEmpty();
    }

    @Test
    void publishesEventsAppendedToOneDocumentInTheOrderTheyWereWritten() {
        String countId = "cnt-" + UUID.randomUUID();
        for (long version = 1; version <= 5; version++) {
            write(countId, version);
        }

        try (KafkaProbe probe = KafkaProbe.from(Topics.BENEFICIARY_COUNT_EVENTS)) {
            List<String> versions = probe.awaitRecord(
                    r -> KafkaProbe.value(r).contains(countId) && KafkaProbe.value(r).contains("\"version\":5"),
                    Duration.ofSeconds(30)).stream()
                    .filter(r -> KafkaProbe.value(r).contains(countId))
                    .map(r -> KafkaProbe.value(r).replaceAll(".*\"version\":(\\d+).*", "$1"))
                    .toList();
            assertThat(versions).containsExactly("1", "2", "3", "4", "5");
        }
    }

    @Test
    void onlyOneInstanceHoldsTheRelayLeaseUntilItExpires() {
        OutboxProperties shortLease = new OutboxProperties(properties.collections(), Duration.ofSeconds(1), 100,
                Duration.ofMillis(300), Duration.ofSeconds(5));
        OutboxRelay first = new OutboxRelay(mongo, kafka, codec, shortLease, new SimpleMeterRegistry());
        OutboxRelay second = new OutboxRelay(mongo, kafka, codec, shortLease, new SimpleMeterRegistry());
        relay.stop(); // this context's own relay would otherwise compete for the lease
        try {
            mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);

            assertThat(first.acquireLease()).isTrue();
            assertThat(second.acquireLease()).isFalse();
            assertThat(first.acquireLease()).as("the holder renews").isTrue();
            await().atMost(Duration.ofSeconds(5)).until(second::acquireLease);
            assertThat(first.acquireLease()).as("the lease moved to the second instance").isFalse();
        }
        finally {
            mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
            relay.start();
        }
    }

    @Test
    void anInstanceRestartedAfterACrashTakesItsOwnLeaseBackAtOnce() {
        OutboxProperties longLease = new OutboxProperties(properties.collections(), Duration.ofSeconds(1), 100,
                Duration.ofSeconds(60), Duration.ofSeconds(5));
        relay.stop();
        try {
            mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
            OutboxRelay crashed = new OutboxRelay(mongo, kafka, codec, longLease, new SimpleMeterRegistry(),
                    "beneficiary-service-0");
            assertThat(crashed.acquireLease()).isTrue(); // then the process dies without releasing it

            OutboxRelay restarted = new OutboxRelay(mongo, kafka, codec, longLease, new SimpleMeterRegistry(),
                    "beneficiary-service-0");
            OutboxRelay other = new OutboxRelay(mongo, kafka, codec, longLease, new SimpleMeterRegistry(),
                    "beneficiary-service-1");
            assertThat(other.acquireLease()).as("another instance waits for the lease to expire").isFalse();
            assertThat(restarted.acquireLease()).as("the same instance, restarted, does not wait").isTrue();
        }
        finally {
            mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
            relay.start();
        }
    }

    @Test
    void keepsEventsPendingWhileAnotherInstanceHoldsTheLease() {
        mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
        mongo.insert(new org.bson.Document("_id", OutboxRelay.LEASE_ID).append("owner", "another-instance")
                .append("expiresAt", Instant.now().plusSeconds(60)), OutboxRelay.LEASE_COLLECTION);
        String countId = "cnt-" + UUID.randomUUID();
        write(countId, 1);

        assertThat(relay.relayPending()).isZero();
        assertThat(mongo.findById(countId, TestSubmission.class).isPublished()).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.get("spmonitor.outbox.pending").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("spmonitor.outbox.oldest.pending.age").gauge().value()).isGreaterThan(0);
        });

        mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.findById(countId, TestSubmission.class).isPublished());
    }

    @Test
    void findsTheEventsOfAWriteWhoseHandOverWasLostThroughItsStoredHint() {
        String countId = "cnt-" + UUID.randomUUID();
        Instant now = Instant.now();
        // a writer that stored its hint and its document, then died before handing the hint over
        relay.announce(new PendingHint(UUID.randomUUID().toString(), TestSubmission.COLLECTION, List.of(countId),
                List.of(1L), now));
        mongo.insert(new TestSubmission(countId, codec.toOutboxEvent(withdrawal(countId, 1), now), now));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(mongo.findById(countId, TestSubmission.class).isPublished()).isTrue();
            assertThat(mongo.findAll(org.bson.Document.class, PendingHint.COLLECTION))
                    .noneMatch(hint -> hint.getList("ids", String.class).contains(countId));
        });
    }

    @Test
    void keepsTheHintOfAWriteThatHasNotHappenedYet() {
        String countId = "cnt-" + UUID.randomUUID();
        String hintId = UUID.randomUUID().toString();
        relay.announce(new PendingHint(hintId, TestSubmission.COLLECTION, List.of(countId), List.of(1L),
                Instant.now()));

        relay.relayPending();

        assertThat(mongo.findById(hintId, org.bson.Document.class, PendingHint.COLLECTION))
                .as("the writer may still be writing: its hint stays until the grace is over").isNotNull();
        mongo.remove(new Query(Criteria.where("_id").is(hintId)), PendingHint.COLLECTION);
    }

    @Test
    void sweepsDocumentsWrittenWithoutAHintWhenItTakesTheLease() {
        String countId = "cnt-" + UUID.randomUUID();
        Instant now = Instant.now();
        relay.stop();
        try {
            mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
            mongo.insert(new TestSubmission(countId, codec.toOutboxEvent(withdrawal(countId, 1), now), now));
            OutboxRelay starting = new OutboxRelay(mongo, kafka, codec, properties, new SimpleMeterRegistry());

            assertThat(starting.relayPending()).isGreaterThanOrEqualTo(1);

            TestSubmission stored = mongo.findById(countId, TestSubmission.class);
            assertThat(stored.isPublished()).isTrue();
            assertThat(stored.getOutbox()).isEmpty();
        }
        finally {
            mongo.remove(new Query(), OutboxRelay.LEASE_COLLECTION);
            relay.start();
        }
    }
}
