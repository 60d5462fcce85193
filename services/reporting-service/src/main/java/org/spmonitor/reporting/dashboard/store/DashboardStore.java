package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import tools.jackson.databind.json.JsonMapper;

/**
 * Rollups of one read-model generation: one document per (country, year) and one per year for the
 * world, replaced whenever their facts change. A dashboard is kept as JSON (exact decimals).
 */
public class DashboardStore {

    static final String COUNTRIES = "country_dashboards";
    static final String GLOBAL = "global_dashboards";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final String prefix;

    DashboardStore(MongoTemplate mongo, JsonMapper json, String generation) {
        this.mongo = mongo;
        this.json = json;
        this.prefix = generation + "_";
    }

    /** When the newest event reflected happened, when it was projected, and the lag between the two. */
    public record Freshness(Instant newestEventTime, Instant projectedAt, Long projectionLagMillis) {

        public static Freshness none() {
            return new Freshness(null, null, null);
        }
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
    public Optional<Change<CountryDashboard>> changeOf(CountryDashboard dashboard, Freshness freshness) {
        return change(COUNTRIES, new CountryYear(dashboard.country(), dashboard.year()).id(), dashboard, freshness,
                new Document("country", dashboard.country()).append("year", dashboard.year()));
    }

    public Optional<Change<GlobalDashboard>> changeOf(GlobalDashboard dashboard, Freshness freshness) {
        return change(GLOBAL, Integer.toString(dashboard.year()), dashboard, freshness,
                new Document("year", dashboard.year()));
    }

    public void saveCountry(Change<CountryDashboard> change) {
        save(COUNTRIES, change);
    }

    public void saveGlobal(Change<GlobalDashboard> change) {
        save(GLOBAL, change);
    }

    /** Years that have a global dashboard, latest first. */
    public List<Integer> years() {
        return mongo.findDistinct(new Query(), "year", c(GLOBAL), Integer.class).stream()
                .sorted(java.util.Comparator.reverseOrder()).toList();
    }

    public Optional<Stored<CountryDashboard>> findCountry(CountryYear key) {
        return Optional.ofNullable(mongo.findById(key.id(), Document.class, c(COUNTRIES)))
                .map(d -> stored(d, CountryDashboard.class));
    }

    public Optional<Stored<GlobalDashboard>> findGlobal(int year) {
        return Optional.ofNullable(mongo.findById(Integer.toString(year), Document.class, c(GLOBAL)))
                .map(d -> stored(d, GlobalDashboard.class));
    }

    /** The country dashboards of a year. */
    public List<Stored<CountryDashboard>> countriesOf(int year) {
        return mongo.find(new Query(Criteria.where("year").is(year)), Document.class, c(COUNTRIES)).stream()
                .map(d -> stored(d, CountryDashboard.class)).toList();
    }

    void drop() {
        mongo.dropCollection(c(COUNTRIES));
        mongo.dropCollection(c(GLOBAL));
    }

    private <T> Optional<Change<T>> change(String collection, String id, T dashboard, Freshness freshness,
            Document keys) {
        String text = json.writeValueAsString(dashboard);
        Document before = mongo.findById(id, Document.class, c(collection));
        boolean figuresChanged = before == null || !text.equals(before.getString("json"));
        if (!figuresChanged && java.util.Objects.equals(instant(before.get("newestEventTime")),
                freshness.newestEventTime())) {
            return Optional.empty();
        }
        long previous = before == null ? 0 : before.getLong("version");
        long version = figuresChanged ? Math.max(previous + 1, freshness.projectedAt().toEpochMilli()) : previous;
        return Optional.of(new Change<>(id, keys, new Stored<>(dashboard, text, freshness, version), figuresChanged));
    }

    private void save(String collection, Change<?> change) {
        Stored<?> stored = change.stored();
        Document document = new Document("_id", change.id()).append("json", stored.json())
                .append("version", stored.version())
                .append("newestEventTime", date(stored.freshness().newestEventTime()))
                .append("projectedAt", date(stored.freshness().projectedAt()))
                .append("projectionLagMillis", stored.freshness().projectionLagMillis());
        document.putAll(change.keys());
        mongo.save(document, c(collection));
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
