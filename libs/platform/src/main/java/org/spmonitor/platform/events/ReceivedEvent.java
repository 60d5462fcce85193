package org.spmonitor.platform.events;

import java.time.Instant;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.EventType;

/** A decoded CloudEvent from one of our topics. */
public record ReceivedEvent(String id, EventType type, Instant time, String key, DomainEvent payload) {

    public <T extends DomainEvent> T payloadAs(Class<T> type) {
        return type.cast(payload);
    }
}
