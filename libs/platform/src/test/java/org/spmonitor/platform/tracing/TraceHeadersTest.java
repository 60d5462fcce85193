package org.spmonitor.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxEvent;

/**
 * The W3C trace context of our events, through a real OpenTelemetry SDK tracer behind Micrometer
 * Tracing (the bridge the services use): what a write stores, what a consumer continues, and what a
 * codec without a tracer still writes.
 */
class TraceHeadersTest {

    private static final String CLIENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final FinancingReportWithdrawn WITHDRAWN = new FinancingReportWithdrawn("fr-1", 3, "KHM", "2025",
            "entered twice");

    private final SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    private final TraceHeaders traces = traces(provider);

    private static TraceHeaders traces(SdkTracerProvider provider) {
        io.opentelemetry.api.trace.Tracer otel = provider.get("test");
        OtelCurrentTraceContext context = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otel, context, event -> { },
                new OtelBaggageManager(context, List.of(), List.of()));
        return TraceHeaders.of(tracer,
                new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void aConsumerSpanContinuesTheTraceOfItsRecordAndIsCurrentUntilClosed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TRACEPARENT, CLIENT.getBytes(StandardCharsets.UTF_8));

        String inside;
        String own;
        try (TraceHeaders.Trace trace = traces.continueFrom(headers, "topic process")) {
            inside = traces.current();
            own = trace.traceparent();
        }

        assertThat(TraceHeaders.traceIdOf(inside)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(inside).isEqualTo(own).isNotEqualTo(CLIENT).endsWith("-01");
        assertThat(TraceHeaders.traceIdOf(traces.current())).as("closed: no longer current")
                .isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aRecordWithoutOrWithAMalformedTraceparentStartsATraceOfItsOwn() {
        String none;
        try (TraceHeaders.Trace trace = traces.continueFrom(new RecordHeaders(), "topic process")) {
            none = trace.traceparent();
        }
        String malformed;
        try (TraceHeaders.Trace trace = traces.continueFrom("00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "topic process")) {
            malformed = trace.traceparent();
        }

        assertThat(List.of(none, malformed)).allSatisfy(t -> assertThat(TraceHeaders.isValid(t)).as(t).isTrue());
        assertThat(TraceHeaders.traceIdOf(none)).isNotEqualTo(TraceHeaders.traceIdOf(malformed));
    }

    @Test
    void messageHeadersAsAMapAreContinuedWhetherBytesTextOrBatchLists() {
        for (Object value : List.of(CLIENT.getBytes(StandardCharsets.UTF_8), CLIENT, List.of("ignored", CLIENT))) {
            try (TraceHeaders.Trace trace = traces.continueFrom(Map.of(CloudEventHeaders.TRACEPARENT, value), "p")) {
                assertThat(TraceHeaders.traceIdOf(trace.traceparent())).as("%s", value)
                        .isEqualTo(TraceHeaders.traceIdOf(CLIENT));
            }
        }
    }

    @Test
    void outsideAnySpanEveryEventStartsADistinctValidTrace() {
        String first = traces.current();
        String second = traces.current();

        assertThat(TraceHeaders.isValid(first)).isTrue();
        assertThat(TraceHeaders.isValid(second)).isTrue();
        assertThat(TraceHeaders.traceIdOf(first)).isNotEqualTo(TraceHeaders.traceIdOf(second));
    }

    @Test
    void theOutboxStoresTheTraceOfTheWriteAndTheRecordCarriesIt() {
        EventCodec codec = new EventCodec("/spmonitor/test-service", traces);
        OutboxEvent stored;
        try (TraceHeaders.Trace request = traces.continueFrom(CLIENT, "POST /api/v1/financing-reports")) {
            stored = codec.toOutboxEvent(WITHDRAWN, Instant.now());
        }

        // published later, on another thread, outside the request's span
        ProducerRecord<String, byte[]> record = codec.toRecord(stored);

        assertThat(TraceHeaders.traceIdOf(stored.traceparent())).isEqualTo(TraceHeaders.traceIdOf(CLIENT));
        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.TRACEPARENT)).isEqualTo(stored.traceparent());
    }

    @Test
    void anEventStoredWithoutATraceIsPublishedWithATraceOfItsOwn() {
        EventCodec codec = new EventCodec("/spmonitor/test-service", traces);
        OutboxEvent stored = codec.toOutboxEvent(WITHDRAWN, Instant.now());
        OutboxEvent legacy = new OutboxEvent(stored.eventId(), stored.topic(), stored.type(), stored.key(),
                stored.subject(), stored.time(), stored.dataSchema(), stored.payload(), null);

        String published = EventCodec.header(codec.toRecord(legacy).headers(), CloudEventHeaders.TRACEPARENT);

        assertThat(TraceHeaders.isValid(published)).as(published).isTrue();
    }

    @Test
    void aDerivedEventContinuesTheTraceOfItsCause() {
        EventCodec codec = new EventCodec("/spmonitor/test-service", traces);

        ProducerRecord<String, byte[]> record = codec.toRecord(WITHDRAWN, Instant.now(), CLIENT);

        assertThat(EventCodec.header(record.headers(), CloudEventHeaders.TRACEPARENT)).isEqualTo(CLIENT);
    }

    @Test
    void withoutATracerEventsStillCarryATraceAndConsumersKeepTheOneTheyGot() {
        EventCodec codec = new EventCodec("/spmonitor/plain-producer");
        TraceHeaders detached = codec.traces();

        String written = EventCodec.header(codec.toRecord(WITHDRAWN, Instant.now()).headers(),
                CloudEventHeaders.TRACEPARENT);

        assertThat(TraceHeaders.isValid(written)).as(written).isTrue();
        try (TraceHeaders.Trace trace = detached.continueFrom(CLIENT, "p")) {
            assertThat(trace.traceparent()).isEqualTo(CLIENT);
        }
        try (TraceHeaders.Trace trace = detached.continueFrom((String) null, "p")) {
            assertThat(TraceHeaders.isValid(trace.traceparent())).isTrue();
        }
    }

    @Test
    void validatesTheW3cTraceparentFormat() {
        assertThat(TraceHeaders.isValid(CLIENT)).isTrue();
        assertThat(TraceHeaders.isValid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future")).isTrue();
        assertThat(TraceHeaders.isValid(null)).isFalse();
        assertThat(TraceHeaders.isValid("")).isFalse();
        assertThat(TraceHeaders.isValid(CLIENT.toUpperCase())).as("upper case").isFalse();
        assertThat(TraceHeaders.isValid(CLIENT + "-extra")).as("version 00 has four fields").isFalse();
        assertThat(TraceHeaders.isValid("ff" + CLIENT.substring(2))).as("version ff").isFalse();
        assertThat(TraceHeaders.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).as("zero span")
                .isFalse();
        assertThat(TraceHeaders.isValid("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01")).as("short id")
                .isFalse();
    }
}
