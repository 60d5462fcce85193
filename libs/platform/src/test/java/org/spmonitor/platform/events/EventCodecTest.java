package org.spmonitor.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.events.financing.FinancingReportWithdrawn;

/** Encoding to and decoding from CloudEvents binary-mode Kafka records, and what decoding refuses. */
class EventCodecTest {

    private static final Instant TIME = Instant.parse("2026-11-28T01:02:03.456Z");
    private static final FinancingReportWithdrawn WITHDRAWN = new FinancingReportWithdrawn("fr-1", 3, "KHM", "2025",
            "entered twice");

    private final EventCodec codec = new EventCodec("/spmonitor/test-service");

    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, 42, sent.key(), sent.value());
        sent.headers().forEach(header -> record.headers().add(header));
        return record;
    }

    private static ConsumerRecord<String, byte[]> raw(String type, String contentType, String value) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        if (contentType != null) {
            headers.add(CloudEventHeaders.CONTENT_TYPE, contentType.getBytes(StandardCharsets.UTF_8));
        }
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.FINANCING_REPORT_EVENTS, 0, 7, "KHM",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        headers.forEach(header -> record.headers().add(header));
        return record;
    }

    @Test
    void carriesWhoCausedAnEventAndThroughWhichChannelAsExtensionHeadersAndReadsThemBack() {
        EventOrigin origin = new EventOrigin("khm-mosvy-mis", "kafka", "rec-1",
                Topics.BENEFICIARY_COUNT_SUBMISSIONS + "/2/17");
        ProducerRecord<String, byte[]> record = codec.toRecord(codec.toOutboxEvent(WITHDRAWN, TIME, origin));

        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.ACTOR)).isEqualTo("khm-mosvy-mis");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.CHANNEL)).isEqualTo("kafka");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.CHANNEL_REF)).isEqualTo("rec-1");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.SOURCE_RECORD))
                .isEqualTo(Topics.BENEFICIARY_COUNT_SUBMISSIONS + "/2/17");
        assertThat(codec.decode(received(record)).origin()).isEqualTo(origin);

        ProducerRecord<String, byte[]> unsaid = codec.toRecord(codec.toOutboxEvent(WITHDRAWN, TIME,
                new EventOrigin("team", "api", null, null)));
        assertThat(EventCodec.header(unsaid.headers(), CloudEventHeaders.CHANNEL_REF)).as("no empty header").isNull();
        assertThat(codec.decode(received(codec.toRecord(WITHDRAWN, TIME))).origin()).as("an event without origin")
                .isNull();
    }

    @Test
    void writesTheCloudEventsHeadersAndKeysTheRecordByCountry() {
        ProducerRecord<String, byte[]> record = codec.toRecord(WITHDRAWN, TIME);

        assertThat(record.topic()).isEqualTo(Topics.FINANCING_REPORT_EVENTS);
        assertThat(record.key()).isEqualTo("KHM");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("org.spmonitor.financing.FinancingReportWithdrawn.v1");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.SOURCE)).isEqualTo("/spmonitor/test-service");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("fr-1");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.TIME)).isEqualTo("2026-11-28T01:02:03.456Z");
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.ID)).isNotBlank();
    }

    @Test
    void decodesWhatItEncodedWithIdTimeAndPayload() {
        ProducerRecord<String, byte[]> sent = codec.toRecord(WITHDRAWN, TIME);

        ReceivedEvent event = codec.decode(received(sent));

        assertThat(event.payload()).isEqualTo(WITHDRAWN);
        assertThat(event.time()).isEqualTo(TIME);
        assertThat(event.key()).isEqualTo("KHM");
        assertThat(event.id()).isEqualTo(EventCodec.header(sent.headers(), CloudEventHeaders.ID));
    }

    @Test
    void aRecordWithoutAnIdIsKnownByItsPlaceInTheTopic() {
        ReceivedEvent event = codec.decode(raw("org.spmonitor.financing.FinancingReportWithdrawn.v1", null,
                "{\"reportId\": \"fr-1\", \"version\": 3, \"country\": \"KHM\", \"period\": \"2025\"}"));

        assertThat(event.id()).isEqualTo(Topics.FINANCING_REPORT_EVENTS + "/0/7");
    }

    @Test
    void refusesRecordsThatCanNeverBeRead() {
        String type = "org.spmonitor.financing.FinancingReportWithdrawn.v1";
        assertThatThrownBy(() -> codec.decode(raw(null, null, "{}"))).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("no ce_type");
        assertThatThrownBy(() -> codec.decode(raw("org.spmonitor.financing.Unknown.v1", null, "{}")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> codec.decode(raw(type, "application/xml", "<a/>")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("content-type");
        assertThatThrownBy(() -> codec.decode(raw(type, null, null)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("no payload");
        assertThatThrownBy(() -> codec.decode(raw(type, null, "{\"version\": \"three\"")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("not a valid FinancingReportWithdrawn");
        assertThatThrownBy(() -> codec.decode(raw(type, null, "null")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("payload is null");
    }
}
