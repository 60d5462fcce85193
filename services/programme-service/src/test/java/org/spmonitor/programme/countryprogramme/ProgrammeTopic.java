package org.spmonitor.programme.countryprogramme;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.testsupport.KafkaProbe;

import tools.jackson.databind.JsonNode;

/** Reads {@code programmes.programme-events.v1} on the shared broker, as an integrating consumer would. */
public final class ProgrammeTopic implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private KafkaProbe probe;

    /** Opened on first use, once the service under test has created the topic. */
    private KafkaProbe probe() {
        if (probe == null) {
            probe = KafkaProbe.from(Topics.PROGRAMME_EVENTS);
        }
        return probe;
    }

    /**
     * Waits for the event of {@code programmeId} at {@code version}, then returns every event of that
     * programme seen so far, in topic order. Events of one programme share a key, hence a partition:
     * once a version is there, every earlier event of the programme is there too.
     */
    public List<ConsumerRecord<String, byte[]>> eventsOf(String programmeId, long version) {
        return probe().awaitRecord(r -> programmeId.equals(subject(r)) && version(r) == version, PATIENCE).stream()
                .filter(r -> programmeId.equals(subject(r))).toList();
    }

    /** The event of {@code programmeId} at {@code version}. */
    public ConsumerRecord<String, byte[]> event(String programmeId, long version) {
        return eventsOf(programmeId, version).stream().filter(r -> version(r) == version).findFirst().orElseThrow();
    }

    public static String subject(ConsumerRecord<String, byte[]> record) {
        return KafkaProbe.header(record, CloudEventHeaders.SUBJECT);
    }

    public static String type(ConsumerRecord<String, byte[]> record) {
        return KafkaProbe.header(record, CloudEventHeaders.TYPE);
    }

    /** The origin headers (ADR 0021): actor, channel, channel reference, source record. */
    public static List<String> origin(ConsumerRecord<String, byte[]> record) {
        return java.util.Arrays.asList(KafkaProbe.header(record, CloudEventHeaders.ACTOR),
                KafkaProbe.header(record, CloudEventHeaders.CHANNEL),
                KafkaProbe.header(record, CloudEventHeaders.CHANNEL_REF),
                KafkaProbe.header(record, CloudEventHeaders.SOURCE_RECORD));
    }

    public static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return RequestBodies.JSON.readTree(KafkaProbe.value(record));
    }

    public static long version(ConsumerRecord<String, byte[]> record) {
        return payload(record).path("version").asLong(-1);
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
    }
}
