package org.spmonitor.platform.outbox;

import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Base of every document whose write emits events. The submission and the events it must emit are
 * ONE document, written atomically: {@code outbox} holds the events not yet published, in order. The
 * {@link OutboxRelay} publishes them, removes them from {@code outbox} and, once it is empty, sets
 * {@code published}. A later change of the document appends its event with {@link #appendEvent}.
 */
public abstract class OutboxDocument {

    private List<OutboxEvent> outbox = List.of();

    @Indexed
    private boolean published;

    private Instant pendingSince;

    private Instant publishedAt;

    protected OutboxDocument() {
    }

    protected OutboxDocument(List<OutboxEvent> outbox, Instant now) {
        this.outbox = List.copyOf(outbox);
        this.published = outbox.isEmpty();
        this.pendingSince = outbox.isEmpty() ? null : now;
    }

    /**
     * Adds {@code event} to the outbox of the document that {@code update} changes, in the same
     * atomic write as the change itself.
     */
    public static Update appendEvent(Update update, OutboxEvent event) {
        return update.push("outbox", event).set("published", false).min("pendingSince", event.time());
    }

    public List<OutboxEvent> getOutbox() {
        return outbox;
    }

    public boolean isPublished() {
        return published;
    }

    public Instant getPendingSince() {
        return pendingSince;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
