package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.spmonitor.reporting.dashboard.domain.CountryYear;

/**
 * The country-year node as stored: its dashboard (with freshness and version) and the summaries of
 * its programmes for the year, from which the dashboard is recomputed. One document by {@code _id}.
 */
public final class CountryNode {

    /**
     * A programme-year summary: the programme's own figures as JSON, and the newest event they reflect;
     * and for the validated view (ADR 0019) the same summary of its counts' last validated figures
     * ({@code validatedJson}), with how many count facts it has and how many of them are validated.
     */
    public record Part(String programmeId, String json, Instant newestEventTime, String validatedJson, long facts,
            long validatedFacts) {

        public Part(String programmeId, String json, Instant newestEventTime) {
            this(programmeId, json, newestEventTime, null, 0, 0);
        }
    }

    private final CountryYear key;
    private final Document stored;
    private final Map<String, Part> parts = new TreeMap<>();

    CountryNode(CountryYear key, Document stored) {
        this.key = key;
        this.stored = stored;
        if (stored != null) {
            List<Document> documents = stored.getList("parts", Document.class);
            if (documents != null) {
                documents.forEach(d -> {
                    Date time = d.getDate("newestEventTime");
                    parts.put(d.getString("programmeId"), new Part(d.getString("programmeId"), d.getString("json"),
                            time == null ? null : time.toInstant(), d.getString("vjson"), longOf(d.get("facts")),
                            longOf(d.get("validatedFacts"))));
                });
            }
        }
    }

    public CountryYear key() {
        return key;
    }

    /** The stored document, or null when this country-year has none yet. */
    Document stored() {
        return stored;
    }

    /** The programme-year summaries, by programme id. */
    public Collection<Part> parts() {
        return parts.values();
    }

    public void put(Part part) {
        parts.put(part.programmeId(), part);
    }

    List<Document> partDocuments() {
        List<Document> documents = new ArrayList<>(parts.size());
        parts.values().forEach(p -> {
            Document d = new Document("programmeId", p.programmeId()).append("json", p.json())
                    .append("newestEventTime", p.newestEventTime() == null ? null : Date.from(p.newestEventTime()));
            if (p.validatedJson() != null) {
                d.append("vjson", p.validatedJson()).append("facts", p.facts()).append("validatedFacts", p.validatedFacts());
            }
            documents.add(d);
        });
        return documents;
    }

    private static long longOf(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
