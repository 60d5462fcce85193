package org.spmonitor.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.spmonitor.events.CloudEventHeaders;

/**
 * The W3C trace context ({@code traceparent}) of our events: what a write stores with the events it
 * emits (the relay publishes later, on another thread), and what a consumer continues per record.
 * <p>
 * With a Micrometer {@link Tracer} (OpenTelemetry bridge) the context is the current span's, and a
 * consumer opens a span that is a child of the record's {@code traceparent} (a new trace when the
 * record has none or a malformed one); while it is open the span is current, so logs carry its
 * {@code traceId}/{@code spanId} and the events written meanwhile carry its trace. Without a tracer
 * ({@link #detached()}: plain producers, {@code management.tracing.enabled=false}) every event still
 * gets a valid {@code traceparent}, of a new trace.
 */
public final class TraceHeaders {

    /** The W3C Trace Context header on every record we publish (see libs/events README). */
    public static final String TRACEPARENT = CloudEventHeaders.TRACEPARENT;

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final HexFormat HEX = HexFormat.of();

    private final Tracer tracer;
    private final Propagator propagator;

    private TraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Trace contexts of {@code tracer}: spans are opened, continued and ended through it. */
    public static TraceHeaders of(Tracer tracer, Propagator propagator) {
        return tracer == null || tracer == Tracer.NOOP || propagator == null || propagator == Propagator.NOOP
                ? detached() : new TraceHeaders(tracer, propagator);
    }

    /** Without a tracer: each event gets a {@code traceparent} of a trace of its own, or keeps the one it came with. */
    public static TraceHeaders detached() {
        return new TraceHeaders(null, null);
    }

    /**
     * The {@code traceparent} of the current span; with none (an import run by a scheduler, a plain
     * producer), of a new root span started and ended here, so that every event starts a trace if no
     * request stands behind it.
     */
    public String current() {
        if (tracer == null) {
            return newRoot();
        }
        Span span = tracer.currentSpan();
        if (span != null && isValid(format(span.context()))) {
            return format(span.context());
        }
        Span root = tracer.nextSpan().name("spmonitor event").start();
        try {
            return format(root.context());
        }
        finally {
            root.end();
        }
    }

    /** Continues the trace of a consumed Kafka record: see {@link #continueFrom(String, String)}. */
    public Trace continueFrom(Headers headers, String name) {
        return continueFrom(traceparent(headers), name);
    }

    /**
     * Continues the trace of a consumed message whose headers are a map (Spring Messaging; a batch's
     * per-record header lists are taken apart by the caller): values may be {@code byte[]} or text.
     */
    public Trace continueFrom(Map<String, ?> headers, String name) {
        return continueFrom(text(headers.get(TRACEPARENT)), name);
    }

    /**
     * Opens a consumer span named {@code name}, a child of {@code traceparent} (or the root of a new
     * trace when it is null or malformed), and makes it current on this thread until
     * {@link Trace#close()}. Close it on the thread that opened it, in reverse order of opening.
     */
    public Trace continueFrom(String traceparent, String name) {
        String parent = isValid(traceparent) ? traceparent : null;
        if (tracer == null) {
            return new DetachedTrace(parent == null ? newRoot() : parent);
        }
        Span.Builder builder = parent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(TRACEPARENT, parent), (carrier, key) -> carrier.get(key));
        Span span = builder.name(name).kind(Span.Kind.CONSUMER).start();
        return new SpanTrace(span, tracer.withSpan(span));
    }

    /** The last {@code traceparent} header of a record, or null. */
    public static String traceparent(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code traceparent} is a W3C Trace Context {@code traceparent}: version, 32 hex digits of
     * trace id, 16 of parent span id, flags; lower case; ids not all zero; version not {@code ff}.
     */
    public static boolean isValid(String traceparent) {
        if (traceparent == null || traceparent.length() < 55
                || !VALID.matcher(traceparent.substring(0, 55)).matches() || traceparent.startsWith("ff")) {
            return false;
        }
        if (traceparent.startsWith("00") && traceparent.length() != 55) {
            return false; // version 00 has exactly these four fields
        }
        return !traceIdOf(traceparent).chars().allMatch(c -> c == '0')
                && !traceparent.substring(36, 52).chars().allMatch(c -> c == '0');
    }

    /** The 32 hex digits of trace id of a valid {@code traceparent}. */
    public static String traceIdOf(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private static String format(TraceContext context) {
        return "00-" + pad(context.traceId(), 32) + "-" + pad(context.spanId(), 16) + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    private static String pad(String id, int length) {
        String value = id == null ? "" : id;
        return value.length() >= length ? value : "0".repeat(length - value.length()) + value;
    }

    private static String newRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        do {
            random.nextBytes(trace);
            random.nextBytes(span);
        }
        while (allZero(trace) || allZero(span));
        return "00-" + HEX.formatHex(trace) + "-" + HEX.formatHex(span) + "-00";
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : text(list.get(list.size() - 1));
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** A continued trace: current on its thread until closed. */
    public interface Trace extends AutoCloseable {

        /** The {@code traceparent} of this span: what the events and records it causes carry. */
        String traceparent();

        /** Marks the span failed. */
        void error(Throwable failure);

        /** Ends the span and restores what was current before. */
        @Override
        void close();
    }

    private record SpanTrace(Span span, Tracer.SpanInScope scope) implements Trace {

        @Override
        public String traceparent() {
            return format(span.context());
        }

        @Override
        public void error(Throwable failure) {
            span.error(failure);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }

    private record DetachedTrace(String traceparent) implements Trace {

        @Override
        public void error(Throwable failure) {
            // nothing records it
        }

        @Override
        public void close() {
            // nothing to end
        }
    }
}
