package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * One fact kept inside a bucket document: its natural id, the version of the event that wrote it,
 * that event's time, whether it is a withdrawal, and the event as JSON (exact decimals). A withdrawal
 * keeps the JSON of the version it withdrew, when there was one.
 * <p>
 * Reviewed facts (ADR 0019) also keep their review state ({@code review}: VALIDATED or RETURNED; null
 * is SUBMITTED) and {@code validatedJson}: the figures of the last validated version, kept while later
 * versions wait for validation. Both are stored only when set, so a fact never reviewed is stored as
 * before.
 */
public record StoredFact(String id, long version, Instant eventTime, boolean withdrawn, String json, String review,
        String validatedJson) {

    /** A fact never reviewed. */
    public StoredFact(String id, long version, Instant eventTime, boolean withdrawn, String json) {
        this(id, version, eventTime, withdrawn, json, null, null);
    }

    /** Whether its current version is validated. */
    public boolean isValidated() {
        return "VALIDATED".equals(review);
    }

    Document toDocument() {
        Document d = new Document("id", id).append("v", version)
                .append("t", eventTime == null ? null : Date.from(eventTime)).append("w", withdrawn).append("json", json);
        if (review != null) {
            d.append("r", review);
        }
        if (validatedJson != null) {
            d.append("vjson", validatedJson);
        }
        return d;
    }

    static StoredFact of(Document d) {
        Date time = d.getDate("t");
        return new StoredFact(d.getString("id"), ((Number) d.get("v")).longValue(),
                time == null ? null : time.toInstant(), Boolean.TRUE.equals(d.getBoolean("w")), d.getString("json"),
                d.getString("r"), d.getString("vjson"));
    }
}
