package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * One fact kept inside a bucket document: its natural id, the version of the event that wrote it,
 * that event's time, whether it is a withdrawal, and the event as JSON (exact decimals). A withdrawal
 * keeps the JSON of the version it withdrew, when there was one.
 */
public record StoredFact(String id, long version, Instant eventTime, boolean withdrawn, String json) {

    Document toDocument() {
        return new Document("id", id).append("v", version).append("t", eventTime == null ? null : Date.from(eventTime))
                .append("w", withdrawn).append("json", json);
    }

    static StoredFact of(Document d) {
        Date time = d.getDate("t");
        return new StoredFact(d.getString("id"), ((Number) d.get("v")).longValue(),
                time == null ? null : time.toInstant(), Boolean.TRUE.equals(d.getBoolean("w")), d.getString("json"));
    }
}
