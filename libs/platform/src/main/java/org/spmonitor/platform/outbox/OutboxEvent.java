package org.spmonitor.platform.outbox;

import java.time.Instant;

/**
 * An event waiting in the outbox, stored inside the document whose write produced it. {@code payload}
 * is the exact JSON that will be published.
 */
public record OutboxEvent(String eventId, String topic, String type, String key, String subject, Instant time,
        String dataSchema, String payload) {
}
