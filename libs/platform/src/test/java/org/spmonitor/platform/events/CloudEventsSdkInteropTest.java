package org.spmonitor.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SharedInfrastructure;

/**
 * An integrator who reads our topics with the official CloudEvents Java SDK for Kafka gets every
 * attribute and the JSON payload of what our publisher wrote, through a real broker.
 */
class CloudEventsSdkInteropTest {

    private final EventCodec codec = new EventCodec("/spmonitor/beneficiary-service");

    @Test
    void officialSdkDecodesWhatOurPublisherWrote() throws Exception {
        String countId = "cnt-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported event = new BeneficiaryCountReported(countId, 3, "prg-7k2m9q4x3t1a", "SEN", "2025Q3",
                TargetGroup.OLDER_PERSONS, Measure.ACTIVE, 1200, new SexBreakdown(700L, 500L, null), null, null, null);
        Instant time = Instant.parse("2025-10-02T08:15:30.123Z");
        ProducerRecord<String, byte[]> written = codec.toRecord(event, time);
        KafkaProbe.send(written);

        CloudEvent read = readWithSdk(Topics.BENEFICIARY_COUNT_EVENTS, countId);

        assertThat(read.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(read.getType()).isEqualTo(EventType.BENEFICIARY_COUNT_REPORTED.typeName());
        assertThat(read.getSource()).isEqualTo(URI.create("/spmonitor/beneficiary-service"));
        assertThat(read.getSubject()).isEqualTo(countId);
        assertThat(read.getTime().toInstant()).isEqualTo(time);
        assertThat(read.getDataContentType()).isEqualTo("application/json");
        assertThat(read.getDataSchema()).isEqualTo(URI.create(EventType.BENEFICIARY_COUNT_REPORTED.dataSchema()));
        assertThat(read.getId()).isNotBlank();
        BeneficiaryCountReported payload = codec.mapper().readValue(read.getData().toBytes(),
                BeneficiaryCountReported.class);
        assertThat(payload).isEqualTo(event);
    }

    private static CloudEvent readWithSdk(String topic, String subject) {
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "sdk-" + UUID.randomUUID()),
                new StringDeserializer(), new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subject.equals(record.value().getSubject())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("the SDK read no event about " + subject);
    }
}
