package org.spmonitor.financing.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.EventType;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.testsupport.KafkaProbe;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing records of the shared broker the way an integrating system would. */
final class TopicRecords {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Publishes as programme-service would. */
    private static final EventCodec PROGRAMME_SERVICE = new EventCodec("/spmonitor/programme-service");

    static void publish(DomainEvent event) {
        KafkaProbe.send(PROGRAMME_SERVICE.toRecord(event, Instant.now()));
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return KafkaProbe.header(record, name);
    }

    /** The origin headers of a record (ADR 0021): actor, channel, channel reference, source record. */
    static List<String> origin(ConsumerRecord<String, byte[]> record) {
        return java.util.Arrays.asList(header(record, CloudEventHeaders.ACTOR), header(record, CloudEventHeaders.CHANNEL),
                header(record, CloudEventHeaders.CHANNEL_REF), header(record, CloudEventHeaders.SOURCE_RECORD));
    }

    static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(KafkaProbe.value(record));
    }

    static Predicate<ConsumerRecord<String, byte[]>> about(String subject, EventType type, long version) {
        return record -> subject.equals(header(record, CloudEventHeaders.SUBJECT))
                && type.typeName().equals(header(record, CloudEventHeaders.TYPE))
                && payload(record).get("version").asLong() == version;
    }

    /** Waits for the event of {@code type} about {@code subject} with {@code version}, and returns it. */
    static ConsumerRecord<String, byte[]> await(KafkaProbe probe, String subject, EventType type, long version) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = about(subject, type, version);
        return probe.awaitRecord(wanted, WAIT).stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Every record seen so far about {@code subject}, in topic order. */
    static List<ConsumerRecord<String, byte[]>> allAbout(List<ConsumerRecord<String, byte[]>> seen, String subject) {
        return seen.stream().filter(r -> subject.equals(header(r, CloudEventHeaders.SUBJECT))).toList();
    }

    static JsonNode golden(EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.goldenResource())) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private TopicRecords() {
    }
}
