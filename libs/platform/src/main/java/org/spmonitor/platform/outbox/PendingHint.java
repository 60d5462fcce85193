package org.spmonitor.platform.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Says that the documents {@code ids} of {@code collection} are about to reach {@code versions}
 * (same order) with events in their outbox. A writer stores it by {@code _id} in
 * {@value #COLLECTION} BEFORE it writes the documents, and hands it to its {@link OutboxRelay};
 * the relay publishes the documents' outboxes and deletes the hint once every document is at its
 * version (or the write is older than the relay's grace and evidently never happened). So the relay
 * finds pending events by {@code _id}, never by scanning a submission collection, and a crash at
 * any point leaves the hint behind for the next relay pass.
 */
public record PendingHint(String id, String collection, List<String> ids, List<Long> versions, Instant at) {

    public static final String COLLECTION = "outbox_pending";

    public PendingHint {
        ids = List.copyOf(ids);
        versions = List.copyOf(versions);
        if (ids.size() != versions.size()) {
            throw new IllegalArgumentException("one version per id");
        }
    }

    org.bson.Document toDocument() {
        return new org.bson.Document("_id", id).append("collection", collection).append("ids", ids)
                .append("versions", versions).append("at", java.util.Date.from(at));
    }

    static PendingHint of(org.bson.Document document) {
        Object at = document.get("at");
        return new PendingHint(document.getString("_id"), document.getString("collection"),
                document.getList("ids", String.class, List.of()),
                document.getList("versions", Number.class, List.of()).stream().map(Number::longValue).toList(),
                at instanceof java.util.Date date ? date.toInstant() : Instant.EPOCH);
    }
}
