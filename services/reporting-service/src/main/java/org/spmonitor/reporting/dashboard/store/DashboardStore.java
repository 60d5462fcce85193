package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import tools.jackson.databind.json.JsonMapper;

/**
 * Rollups of one read-model generation, every one addressed by {@code _id}: a country-year node (its
 * dashboard and the summaries of its programmes for the year), a world node per year (the summary of
 * each country, set field by field), and the world dashboard of each year. A dashboard is kept as
 * JSON (exact decimals).
 */
public class DashboardStore {

    static final String COUNTRIES = "country_dashboards";
    static final String YEARS = "world_years";
    static final String GLOBAL = "global_dashboards";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final String prefix;

    DashboardStore(MongoTemplate mongo, JsonMapper json, String generation) {
        this.mongo = mongo;
        this.json = json;
        this.prefix = generation + "_";
    }

    /** A stored dashboard, its freshness and a version that grows with every change. */
    public record Stored<T>(T dashboard, String json, Freshness freshness, long version) {
    }

    /**
     * A computed dashboard that differs from the stored one, with its next version; not yet saved.
     * {@code figuresChanged} is false when only its freshness moved on (an event that changed no
     * figure, such as a count added and withdrawn in one batch).
     */
    public record Change<T>(String id, Document keys, Stored<T> stored, boolean figuresChanged) {
    }

    /** The change to store, or empty when an equal dashboard reflecting the same newest event is stored already. */
    public Optional<Change<CountryDashboard>> changeOf(CountryNode node, CountryDashboard dashboard,
            Freshness freshness) {
        return change(node.stored(), node.key().id(), dashboard, freshness,
                new Document("country", dashboard.country()).append("year", dashboard.year()));
    }

    /** The change to store for a world dashboard, given the stored one ({@link #globals}). */
    public Optional<Change<GlobalDashboard>> changeOf(Optional<Document> stored, GlobalDashboard dashboard,
            Freshness freshness) {
        return change(stored.orElse(null), Integer.toString(dashboard.year()), dashboard, freshness,
                new Document("year", dashboard.year()));
    }

    /** Country-year nodes by key, one query; a key not stored yet gives an empty node. */
    public Map<CountryYear, CountryNode> countryNodes(Collection<CountryYear> keys) {
        Map<String, CountryYear> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(k.id(), k));
        Map<String, Document> found = FactStore.findByIds(mongo, c(COUNTRIES), byId.keySet());
        Map<CountryYear, CountryNode> nodes = new LinkedHashMap<>();
        byId.forEach((id, k) -> nodes.put(k, new CountryNode(k, found.get(id))));
        return nodes;
    }

    /**
     * Writes the country-year nodes: their programme summaries, and their dashboard where it changed
     * (otherwise the stored one stays). One bulk of replacements by {@code _id}.
     */
    public void saveCountries(Collection<CountryNode> nodes, Map<CountryYear, Change<CountryDashboard>> changes) {
        List<Document> documents = new ArrayList<>();
        for (CountryNode node : nodes) {
            Change<CountryDashboard> change = changes.get(node.key());
            Document document = change != null ? document(change) : node.stored() != null ? new Document(node.stored())
                    : null;
            if (document != null) {
                document.put("parts", node.partDocuments());
                documents.add(document);
            }
        }
        FactStore.replaceById(mongo, c(COUNTRIES), documents);
    }

    /**
     * Sets each country's summary (its dashboard without milestone and indicator lists) in the world
     * node of its year ({@code _id} = year), field by field: one bulk of updates by {@code _id}.
     */
    public void putCountrySummaries(Collection<Stored<CountryDashboard>> countries) {
        if (countries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Stored<CountryDashboard> s : countries) {
            CountryDashboard d = s.dashboard();
            writes.add(new UpdateOneModel<>(Filters.eq("_id", Integer.toString(d.year())),
                    Updates.combine(Updates.set("year", d.year()), Updates.set("countries." + d.country(),
                            new Document("json", json.writeValueAsString(CountryRollup.forWorld(d)))
                                    .append("newestEventTime", date(s.freshness().newestEventTime())))),
                    new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(c(YEARS)).bulkWrite(writes);
    }

    /** The country summaries of a world node: the dashboards and the newest event each reflects. */
    public record CountrySummaries(int year, List<CountryDashboard> dashboards, Optional<Instant> newestEventTime) {
    }

    /** The world nodes of the years given, one query. */
    public Map<Integer, CountrySummaries> countrySummaries(Collection<Integer> years) {
        Map<String, Document> found = FactStore.findByIds(mongo, c(YEARS), years.stream().map(String::valueOf).toList());
        Map<Integer, CountrySummaries> summaries = new LinkedHashMap<>();
        for (Integer year : years) {
            Document d = found.get(Integer.toString(year));
            List<CountryDashboard> dashboards = new ArrayList<>();
            Instant newest = null;
            if (d != null && d.get("countries") instanceof Document countries) {
                for (Object value : countries.values()) {
                    Document country = (Document) value;
                    dashboards.add(json.readValue(country.getString("json"), CountryDashboard.class));
                    Instant time = instant(country.get("newestEventTime"));
                    if (time != null && (newest == null || time.isAfter(newest))) {
                        newest = time;
                    }
                }
            }
            summaries.put(year, new CountrySummaries(year, dashboards, Optional.ofNullable(newest)));
        }
        return summaries;
    }

    /** The stored world dashboards of the years given, one query. */
    public Map<Integer, Document> globals(Collection<Integer> years) {
        Map<Integer, Document> stored = new LinkedHashMap<>();
        FactStore.findByIds(mongo, c(GLOBAL), years.stream().map(String::valueOf).toList())
                .forEach((id, d) -> stored.put(Integer.valueOf(id), d));
        return stored;
    }

    public void saveGlobals(Collection<Change<GlobalDashboard>> changes) {
        FactStore.replaceById(mongo, c(GLOBAL), changes.stream().map(this::document).toList());
    }

    /** Years that have a global dashboard, latest first. A listing: reads the whole (small) collection. */
    public List<Integer> years() {
        return mongo.findDistinct(new Query(), "year", c(GLOBAL), Integer.class).stream()
                .sorted(java.util.Comparator.reverseOrder()).toList();
    }

    public Optional<Stored<CountryDashboard>> findCountry(CountryYear key) {
        return Optional.ofNullable(mongo.getCollection(c(COUNTRIES)).find(Filters.eq("_id", key.id()))
                .projection(Projections.exclude("parts")).first()).map(d -> stored(d, CountryDashboard.class));
    }

    public Optional<Stored<GlobalDashboard>> findGlobal(int year) {
        return Optional.ofNullable(mongo.getCollection(c(GLOBAL)).find(Filters.eq("_id", Integer.toString(year)))
                .first()).map(d -> stored(d, GlobalDashboard.class));
    }

    void drop() {
        mongo.dropCollection(c(COUNTRIES));
        mongo.dropCollection(c(YEARS));
        mongo.dropCollection(c(GLOBAL));
    }

    private <T> Optional<Change<T>> change(Document before, String id, T dashboard, Freshness freshness,
            Document keys) {
        String text = json.writeValueAsString(dashboard);
        boolean figuresChanged = before == null || !text.equals(before.getString("json"));
        if (!figuresChanged && java.util.Objects.equals(instant(before.get("newestEventTime")),
                freshness.newestEventTime())) {
            return Optional.empty();
        }
        long previous = before == null ? 0 : before.getLong("version");
        long version = figuresChanged ? Math.max(previous + 1, freshness.projectedAt().toEpochMilli()) : previous;
        return Optional.of(new Change<>(id, keys, new Stored<>(dashboard, text, freshness, version), figuresChanged));
    }

    private Document document(Change<?> change) {
        Stored<?> stored = change.stored();
        Document document = new Document("_id", change.id()).append("json", stored.json())
                .append("version", stored.version())
                .append("newestEventTime", date(stored.freshness().newestEventTime()))
                .append("projectedAt", date(stored.freshness().projectedAt()))
                .append("projectionLagMillis", stored.freshness().projectionLagMillis());
        document.putAll(change.keys());
        return document;
    }

    private <T> Stored<T> stored(Document d, Class<T> type) {
        String text = d.getString("json");
        return new Stored<>(json.readValue(text, type), text, new Freshness(instant(d.get("newestEventTime")),
                instant(d.get("projectedAt")), d.getLong("projectionLagMillis")), d.getLong("version"));
    }

    private String c(String name) {
        return prefix + name;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
