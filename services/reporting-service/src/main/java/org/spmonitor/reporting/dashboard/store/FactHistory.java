package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;

import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every fact version the projection applied, kept for dashboards as of a date and the audit trail
 * (ADR 0021). One document per fact document of the projection, by {@code _id}, beside it:
 * {@code c/KHM/2025/<programmeId>} (the counts of a programme-year), {@code f/KHM/2025} (the financing
 * reports of a country-year), {@code p/<programmeId>} (the programme's states, milestones and indicator
 * actuals), {@code r/KHR/2025} (a rate). Each holds an {@code entries} array of {@link HistoryEntry},
 * appended with {@code $addToSet}: an entry is a function of its event, so a redelivered or replayed
 * event adds nothing, and appends from several instances commute. Read by {@code _id $in} only.
 * <p>
 * {@code ...AsOf} rebuild a fact document as the projection held it at an instant: the entries whose
 * event time is not after it, applied in version order under the same version guards
 * ({@link VersionedFacts}) as the projection applies events.
 */
public class FactHistory {

    static final String COLLECTION = "fact_history";
    private static final int APPEND_ATTEMPTS = 5;
    private static final Comparator<HistoryEntry> VERSION_ORDER = Comparator.comparing(HistoryEntry::factId)
            .thenComparingLong(HistoryEntry::version);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final String collection;

    FactHistory(MongoTemplate mongo, JsonMapper json, String generation) {
        this.mongo = mongo;
        this.json = json;
        this.collection = generation + "_" + COLLECTION;
    }

    public static String countsId(String country, int year, String programmeId) {
        return "c/" + FactStore.countBucketId(country, year, programmeId);
    }

    public static String financingId(CountryYear key) {
        return "f/" + key.country() + "/" + key.year();
    }

    public static String programmeId(String programmeId) {
        return "p/" + programmeId;
    }

    public static String rateId(String rateNodeId) {
        return "r/" + rateNodeId;
    }

    /**
     * Appends entries to their history documents, one unordered bulk of upserts by {@code _id}. Two
     * instances creating one document at once: the loser's duplicate key is retried (appending again
     * changes nothing).
     */
    public void append(Map<String, List<HistoryEntry>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        entries.forEach((id, list) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.addEachToSet("entries", list.stream().map(HistoryEntry::toDocument).toList()),
                new UpdateOptions().upsert(true))));
        for (int attempt = 1;; attempt++) {
            try {
                mongo.getCollection(collection).bulkWrite(writes,
                        new com.mongodb.client.model.BulkWriteOptions().ordered(false));
                return;
            }
            catch (MongoBulkWriteException ex) {
                boolean duplicates = ex.getWriteErrors().stream().allMatch(e -> e.getCode() == 11000);
                if (!duplicates || attempt >= APPEND_ATTEMPTS) {
                    throw ex;
                }
            }
        }
    }

    /** The entries of the history documents named, by id (an id without history: no entry), in one query. */
    public Map<String, List<HistoryEntry>> load(Collection<String> ids) {
        Map<String, List<HistoryEntry>> found = new LinkedHashMap<>();
        ids.forEach(id -> found.put(id, List.of()));
        FactStore.findByIds(mongo, collection, ids).forEach((id, d) -> {
            List<Document> documents = d.getList("entries", Document.class);
            found.put(id, documents == null ? List.of() : distinct(documents.stream().map(HistoryEntry::of)
                    .sorted(VERSION_ORDER).toList()));
        });
        return found;
    }

    /**
     * One entry per fact version, in version order: the projection keeps a version once, so a version
     * that came twice (the same version republished under another {@code ce_id}) is one step.
     */
    private static List<HistoryEntry> distinct(List<HistoryEntry> sorted) {
        List<HistoryEntry> distinct = new ArrayList<>(sorted.size());
        for (HistoryEntry e : sorted) {
            HistoryEntry last = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
            if (last == null || last.kind() != e.kind() || !last.factId().equals(e.factId())
                    || last.version() != e.version()) {
                distinct.add(e);
            }
        }
        return distinct;
    }

    void drop() {
        mongo.dropCollection(collection);
    }

    /** The counts of a programme-year as the projection held them at {@code asOf}. */
    public static FactBucket countsAsOf(String country, int year, String programmeId, List<HistoryEntry> entries,
            Instant asOf) {
        return new FactBucket(FactStore.countBucketId(country, year, programmeId), country, year, programmeId,
                replay(entries, asOf), true);
    }

    /** The financing reports of a country-year as the projection held them at {@code asOf}. */
    public static FactBucket financingAsOf(CountryYear key, List<HistoryEntry> entries, Instant asOf) {
        return new FactBucket(FactStore.financingBucketId(key), key.country(), key.year(), null, replay(entries, asOf),
                true);
    }

    /** A rate document ({@link RateNode#id}) as the projection held its rate at {@code asOf}. */
    public static RateNode rateAsOf(String rateNodeId, List<HistoryEntry> entries, Instant asOf) {
        return new RateNode(rateNodeId, replay(entries, asOf), new TreeSet<>(), true, 0);
    }

    /**
     * A programme document as the projection held it at {@code asOf}: its state, milestones and indicator
     * actuals, and the years it had a programme-year summary in, from what its own events named then (the
     * years of its dates and targets, its milestones' years, its actuals' periods) plus
     * {@code countYears}, the years its counts were reported in by then.
     */
    public ProgrammeNode programmeAsOf(String programmeId, List<HistoryEntry> entries, Set<Integer> countYears,
            Instant asOf) {
        Set<Integer> years = new TreeSet<>(countYears);
        String country = null;
        for (HistoryEntry e : entries) {
            if (!e.knownAt(asOf) || e.json() == null) {
                continue;
            }
            switch (e.kind()) {
                case PROGRAMME -> {
                    ProgrammeFact fact = json.readValue(e.json(), ProgrammeFact.class);
                    country = country == null ? fact.country() : country;
                    years.addAll(ProgrammeNode.yearsNamedBy(fact));
                }
                case MILESTONE -> {
                    MilestoneReported m = json.readValue(e.json(), MilestoneReported.class);
                    country = country == null ? m.country() : country;
                    addYear(years, DashboardCalculator.milestoneYear(m));
                }
                case INDICATOR -> ReportingPeriod.parse(json.readTree(e.json()).path("period").asString())
                        .ifPresent(p -> addYear(years, p.year()));
                default -> {
                    // counts, reports and rates live in other documents
                }
            }
        }
        return new ProgrammeNode(programmeId, country, replay(of(entries, HistoryEntry.Kind.PROGRAMME), asOf),
                replay(of(entries, HistoryEntry.Kind.MILESTONE), asOf),
                replay(of(entries, HistoryEntry.Kind.INDICATOR), asOf), years, true);
    }

    private static void addYear(Set<Integer> years, int year) {
        if (year >= 1900 && year <= 2200) {
            years.add(year);
        }
    }

    private static List<HistoryEntry> of(List<HistoryEntry> entries, HistoryEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * The facts as the projection held them at {@code asOf}: every entry known then, in version order per
     * fact, through the projection's version guards: a report or state is kept, a withdrawal keeps the
     * fact withdrawn, a validation or return is applied as a review ({@link VersionedFacts#applyReview}).
     */
    static VersionedFacts replay(List<HistoryEntry> entries, Instant asOf) {
        VersionedFacts facts = new VersionedFacts();
        entries.stream().filter(e -> e.knownAt(asOf)).sorted(VERSION_ORDER).forEach(e -> {
            Step step = Step.of(e.type());
            switch (step) {
                case WITHDRAWAL -> facts.apply(new StoredFact(e.factId(), e.version(), e.time(), true, null));
                case VALIDATION, RETURN -> facts.applyReview(e.factId(), e.version(), e.reviewedVersion(),
                        step == Step.VALIDATION, e.time());
                case REPORT -> facts.apply(new StoredFact(e.factId(), e.version(), e.time(), false, e.json()));
            }
        });
        return facts;
    }

    /** What a version does to its fact, by the name of its event type. */
    public enum Step {
        REPORT, WITHDRAWAL, VALIDATION, RETURN;

        public static Step of(String eventName) {
            if (eventName.endsWith("Withdrawn")) {
                return WITHDRAWAL;
            }
            if (eventName.endsWith("Validated")) {
                return VALIDATION;
            }
            if (eventName.endsWith("Returned")) {
                return RETURN;
            }
            return REPORT;
        }
    }
}
