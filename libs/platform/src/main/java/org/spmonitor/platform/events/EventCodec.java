package org.spmonitor.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.EventType;
import org.spmonitor.platform.outbox.OutboxEvent;
import org.spmonitor.platform.tracing.TraceHeaders;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads our events as CloudEvents 1.0 in Kafka binary mode: attributes in {@code ce_*}
 * headers, JSON payload as the record value, record key = the event's key (ISO3 country), and the
 * W3C {@code traceparent} of the write that caused the event ({@link TraceHeaders}).
 */
public class EventCodec {

    private final JsonMapper mapper;
    private final String source;
    private final TraceHeaders traces;

    /** A codec without a tracer: each event it writes starts a trace of its own. */
    public EventCodec(String source) {
        this(source, TraceHeaders.detached());
    }

    public EventCodec(String source, TraceHeaders traces) {
        this.source = source;
        this.traces = traces;
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** The CloudEvents {@code source} of this service, e.g. {@code /spmonitor/beneficiary-service}. */
    public String source() {
        return source;
    }

    /** The trace contexts this codec writes and consumers continue. */
    public TraceHeaders traces() {
        return traces;
    }

    /**
     * Turns an event into what the outbox stores and later publishes unchanged, with the trace context
     * of the current span (the request, import or inbound record being handled).
     */
    public OutboxEvent toOutboxEvent(DomainEvent event, Instant time) {
        return toOutboxEvent(event, time, traces.current(), null);
    }

    /**
     * Like {@link #toOutboxEvent(DomainEvent, Instant)}, saying who caused the event and through which
     * channel (published as the {@code ce_actor}, {@code ce_channel}, ... extension headers; null: none).
     */
    public OutboxEvent toOutboxEvent(DomainEvent event, Instant time, EventOrigin origin) {
        return toOutboxEvent(event, time, traces.current(), origin);
    }

    private OutboxEvent toOutboxEvent(DomainEvent event, Instant time, String traceparent, EventOrigin origin) {
        EventType type = EventType.of(event);
        return new OutboxEvent(UUID.randomUUID().toString(), type.topic(), type.typeName(), event.key(),
                event.subject(), time.truncatedTo(ChronoUnit.MILLIS), type.dataSchema(),
                mapper.writeValueAsString(event), traceparent, origin == null || origin.isEmpty() ? null : origin);
    }

    /** The record of a stored event; one stored without a valid trace context gets a trace of its own. */
    public ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), null, event.key(),
                event.payload().getBytes(StandardCharsets.UTF_8));
        Headers headers = record.headers();
        add(headers, CloudEventHeaders.ID, event.eventId());
        add(headers, CloudEventHeaders.SOURCE, source);
        add(headers, CloudEventHeaders.TYPE, event.type());
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        add(headers, CloudEventHeaders.TIME, event.time().toString());
        add(headers, CloudEventHeaders.SUBJECT, event.subject());
        add(headers, CloudEventHeaders.DATA_SCHEMA, event.dataSchema());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON);
        add(headers, CloudEventHeaders.TRACEPARENT,
                TraceHeaders.isValid(event.traceparent()) ? event.traceparent() : traces.current());
        if (event.origin() != null) {
            add(headers, CloudEventHeaders.ACTOR, event.origin().actor());
            add(headers, CloudEventHeaders.CHANNEL, event.origin().channel());
            add(headers, CloudEventHeaders.CHANNEL_REF, event.origin().reference());
            add(headers, CloudEventHeaders.SOURCE_RECORD, event.origin().sourceRecord());
        }
        return record;
    }

    /**
     * Publishes an event straight away (not through the outbox): for derived events such as
     * DashboardUpdated. It carries the trace of the current span.
     */
    public ProducerRecord<String, byte[]> toRecord(DomainEvent event, Instant time) {
        return toRecord(toOutboxEvent(event, time));
    }

    /**
     * Publishes an event straight away in the trace {@code traceparent} (the consumed event that
     * caused it), or of the current span when that is null.
     */
    public ProducerRecord<String, byte[]> toRecord(DomainEvent event, Instant time, String traceparent) {
        return toRecord(toOutboxEvent(event, time, traceparent == null ? traces.current() : traceparent, null));
    }

    /**
     * Reads one of our CloudEvents.
     *
     * @throws PoisonRecordException when the record can never be read: no or unknown type, not JSON,
     *         a payload that does not fit the type
     */
    public ReceivedEvent decode(ConsumerRecord<String, byte[]> record) {
        String typeName = header(record.headers(), CloudEventHeaders.TYPE);
        if (typeName == null) {
            throw new PoisonRecordException("record has no " + CloudEventHeaders.TYPE + " header");
        }
        EventType type = EventType.fromTypeName(typeName)
                .orElseThrow(() -> new PoisonRecordException("unknown event type " + typeName));
        String contentType = header(record.headers(), CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CloudEventHeaders.APPLICATION_JSON)) {
            throw new PoisonRecordException("unsupported content-type " + contentType);
        }
        if (record.value() == null) {
            throw new PoisonRecordException("record has no payload");
        }
        DomainEvent payload;
        try {
            payload = mapper.readValue(record.value(), type.payloadType());
        }
        catch (JacksonException ex) {
            throw new PoisonRecordException("payload is not a valid " + type.eventName() + ": "
                    + ex.getOriginalMessage(), ex);
        }
        if (payload == null) {
            throw new PoisonRecordException("payload is null");
        }
        String id = header(record.headers(), CloudEventHeaders.ID);
        return new ReceivedEvent(id != null ? id : record.topic() + "/" + record.partition() + "/" + record.offset(),
                type, eventTime(record), record.key(), payload, TraceHeaders.traceparent(record.headers()),
                origin(record.headers()));
    }

    /** Who caused a received event and through which channel, from its extension headers; null when it names none. */
    private static EventOrigin origin(Headers headers) {
        EventOrigin origin = new EventOrigin(header(headers, CloudEventHeaders.ACTOR),
                header(headers, CloudEventHeaders.CHANNEL), header(headers, CloudEventHeaders.CHANNEL_REF),
                header(headers, CloudEventHeaders.SOURCE_RECORD));
        return origin.isEmpty() ? null : origin;
    }

    private static Instant eventTime(ConsumerRecord<String, byte[]> record) {
        String time = header(record.headers(), CloudEventHeaders.TIME);
        if (time != null) {
            try {
                return Instant.parse(time);
            }
            catch (DateTimeParseException ex) {
                // fall back to the broker timestamp
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
