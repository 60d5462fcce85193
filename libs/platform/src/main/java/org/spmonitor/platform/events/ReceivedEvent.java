package org.spmonitor.platform.events;

import java.time.Instant;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.EventType;

/**
 * A decoded CloudEvent from one of our topics. {@code traceparent} is the trace context it was
 * received in (its record's header, or the consumer span continuing it: {@link #continuedIn}), null
 * when it had none. {@code origin} is who caused it and through which channel (its {@code ce_actor}, ...
 * headers, ADR 0021), null when the record named none.
 */
public record ReceivedEvent(String id, EventType type, Instant time, String key, DomainEvent payload,
        String traceparent, EventOrigin origin) {

    /** An event whose record named no origin. */
    public ReceivedEvent(String id, EventType type, Instant time, String key, DomainEvent payload, String traceparent) {
        this(id, type, time, key, payload, traceparent, null);
    }

    /** This event as handled in the trace context {@code traceparent} (the consumer's span). */
    public ReceivedEvent continuedIn(String traceparent) {
        return new ReceivedEvent(id, type, time, key, payload, traceparent, origin);
    }

    public <T extends DomainEvent> T payloadAs(Class<T> type) {
        return type.cast(payload);
    }
}
