package org.spmonitor.platform.outbox;

import java.time.Instant;

import org.spmonitor.platform.events.EventOrigin;

/**
 * An event waiting in the outbox, stored inside the document whose write produced it. {@code payload}
 * is the exact JSON that will be published. {@code traceparent} is the W3C trace context of the write
 * (the REST request, import or inbound submission behind it), taken when the event is stored: the
 * relay publishes it later, on another thread, as the record's {@code traceparent} header. Null in
 * events stored before it existed; the relay then gives the record a trace of its own. {@code origin}
 * is who caused the event and through which channel (ADR 0021), null when the write did not say.
 */
public record OutboxEvent(String eventId, String topic, String type, String key, String subject, Instant time,
        String dataSchema, String payload, String traceparent, EventOrigin origin) {

    /** An event whose write did not say where it came from. */
    public OutboxEvent(String eventId, String topic, String type, String key, String subject, Instant time,
            String dataSchema, String payload, String traceparent) {
        this(eventId, topic, type, key, subject, time, dataSchema, payload, traceparent, null);
    }
}
