package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bson.Document;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;

/**
 * The country-year node as stored: its dashboard (with freshness and version), the summaries of its
 * programmes for the year, from which the dashboard is recomputed, and the tally of its facts validated
 * (ADR 0019: its parts' counts and indicator results and its financing reports, {@code validation}).
 * One document by {@code _id}.
 */
public final class CountryNode {

    /**
     * A programme-year summary: the programme's own figures as JSON, and the newest event they reflect;
     * and for the validated view (ADR 0019) the same summary of its counts' last validated figures
     * ({@code validatedJson}), with how many count facts and indicator results of the year it has and how
     * many of them are validated ({@code tally}; no financing: the country-year's reports are counted by
     * the node).
     */
    public record Part(String programmeId, String json, Instant newestEventTime, String validatedJson,
            ValidationTally tally) {

        public Part(String programmeId, String json, Instant newestEventTime) {
            this(programmeId, json, newestEventTime, null, ValidationTally.NONE);
        }
    }

    private final CountryYear key;
    private final Document stored;
    private final Map<String, Part> parts = new TreeMap<>();
    /** The stored tally of the node, or the one set since it was read; null when neither. */
    private ValidationTally tally;

    CountryNode(CountryYear key, Document stored) {
        this.key = key;
        this.stored = stored;
        if (stored != null) {
            List<Document> documents = stored.getList("parts", Document.class);
            if (documents != null) {
                documents.forEach(d -> {
                    Date time = d.getDate("newestEventTime");
                    parts.put(d.getString("programmeId"), new Part(d.getString("programmeId"), d.getString("json"),
                            time == null ? null : time.toInstant(), d.getString("vjson"),
                            ValidationTally.ofCountsAndIndicators(longOf(d.get("facts")),
                                    longOf(d.get("validatedFacts")), longOf(d.get("indicatorResults")),
                                    longOf(d.get("validatedIndicatorResults")))));
                });
            }
            tally = tallyOf(stored.get("validation")).orElse(null);
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

    /**
     * How many facts of each dataset the country-year's figures come from and how many are validated: as
     * stored (or set), else, for a node stored before the tally was (an earlier layout), its parts' counts
     * and indicator results without its financing reports.
     */
    public ValidationTally tally() {
        return tally != null ? tally : ValidationTally.sum(parts.values().stream().map(Part::tally).toList());
    }

    /** Sets the tally the node is written with: its parts' plus its financing reports'. */
    public void tally(ValidationTally tally) {
        this.tally = tally;
    }

    List<Document> partDocuments() {
        List<Document> documents = new ArrayList<>(parts.size());
        parts.values().forEach(p -> {
            Document d = new Document("programmeId", p.programmeId()).append("json", p.json())
                    .append("newestEventTime", p.newestEventTime() == null ? null : Date.from(p.newestEventTime()));
            if (p.validatedJson() != null) {
                d.append("vjson", p.validatedJson()).append("facts", p.tally().counts())
                        .append("validatedFacts", p.tally().validatedCounts())
                        .append("indicatorResults", p.tally().indicatorResults())
                        .append("validatedIndicatorResults", p.tally().validatedIndicatorResults());
            }
            documents.add(d);
        });
        return documents;
    }

    /** A tally as a rollup document stores it ({@code validation}). */
    static Document tallyDocument(ValidationTally t) {
        return new Document("counts", t.counts()).append("validatedCounts", t.validatedCounts())
                .append("financingReports", t.financingReports())
                .append("validatedFinancingReports", t.validatedFinancingReports())
                .append("indicatorResults", t.indicatorResults())
                .append("validatedIndicatorResults", t.validatedIndicatorResults());
    }

    /** The tally a rollup document stores, empty when it has none (a document of an earlier layout). */
    static Optional<ValidationTally> tallyOf(Object stored) {
        return stored instanceof Document d
                ? Optional.of(new ValidationTally(longOf(d.get("counts")), longOf(d.get("validatedCounts")),
                        longOf(d.get("financingReports")), longOf(d.get("validatedFinancingReports")),
                        longOf(d.get("indicatorResults")), longOf(d.get("validatedIndicatorResults"))))
                : Optional.empty();
    }

    private static long longOf(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
