package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * One version of one fact as an event brought it (ADR 0021): what kind of fact ({@link Kind}), its
 * natural id inside its history document, the event's version, type name and time ({@code ce_time}),
 * the event as JSON (a programme's: its state as the dashboards keep it), the version a review reviewed
 * (0 for other versions), its {@code ce_id}, and who caused it through which channel (the {@code ce_actor},
 * {@code ce_channel}, {@code ce_channelref} and {@code ce_sourcerecord} headers; null when the event
 * had none). A function of the event alone, so a redelivered or replayed event gives an equal entry.
 */
public record HistoryEntry(Kind kind, String factId, long version, String type, Instant time, String json,
        long reviewedVersion, String eventId, String actor, String channel, String reference, String sourceRecord) {

    /** Which fact document of the projection the version belongs to. */
    public enum Kind {
        COUNT, FINANCING, PROGRAMME, MILESTONE, INDICATOR, RATE
    }

    /** Whether the projection knew this version at {@code asOf} (its event time is not after it). */
    public boolean knownAt(Instant asOf) {
        return time != null && !time.isAfter(asOf);
    }

    Document toDocument() {
        Document d = new Document("k", kind.name()).append("id", factId).append("v", version).append("type", type)
                .append("t", time == null ? null : Date.from(time)).append("json", json);
        if (reviewedVersion > 0) {
            d.append("rv", reviewedVersion);
        }
        put(d, "eid", eventId);
        put(d, "by", actor);
        put(d, "ch", channel);
        put(d, "ref", reference);
        put(d, "rec", sourceRecord);
        return d;
    }

    static HistoryEntry of(Document d) {
        Date time = d.getDate("t");
        return new HistoryEntry(Kind.valueOf(d.getString("k")), d.getString("id"), ((Number) d.get("v")).longValue(),
                d.getString("type"), time == null ? null : time.toInstant(), d.getString("json"),
                d.get("rv") instanceof Number rv ? rv.longValue() : 0, d.getString("eid"),
                d.getString("by"), d.getString("ch"), d.getString("ref"), d.getString("rec"));
    }

    private static void put(Document d, String field, String value) {
        if (value != null) {
            d.append(field, value);
        }
    }
}
