package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import tools.jackson.databind.json.JsonMapper;

/**
 * Rollups of one read-model generation, every one addressed by {@code _id}: a country-year node (its
 * dashboard and the summaries of its programmes for the year), a world node per year (the summary of
 * each country, set field by field), and the world dashboard of each year. A dashboard is kept as
 * JSON (exact decimals). Each of them also keeps the tally of its facts validated (ADR 0019,
 * {@code validation}), so a dashboard's share validated is read with it. Every rollup is written with a version guard ({@code {_id, version}}), so
 * several instances projecting different partitions never lose each other's updates (ADR 0012).
 */
public class DashboardStore {

    static final String COUNTRIES = "country_dashboards";
    static final String YEARS = "world_years";
    static final String GLOBAL = "global_dashboards";
    /** Merges of the world node or world dashboard tried before the batch is failed (and retried whole). */
    private static final int MAX_MERGE_ATTEMPTS = 50;

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
     * A stored dashboard with the tally of its facts validated kept beside it (ADR 0019); empty for a
     * document stored before the tally was (an earlier layout).
     */
    public record Rollup<T>(Stored<T> stored, Optional<ValidationTally> tally) {
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

    /** Country-year nodes by key, one query; a key not stored yet gives an empty node. */
    public Map<CountryYear, CountryNode> countryNodes(Collection<CountryYear> keys) {
        Map<String, CountryYear> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(k.id(), k));
        Map<String, Document> found = FactStore.findByIds(mongo, c(COUNTRIES), byId.keySet());
        Map<CountryYear, CountryNode> nodes = new LinkedHashMap<>();
        byId.forEach((id, k) -> nodes.put(k, new CountryNode(k, found.get(id))));
        return nodes;
    }

    /** A programme-year summary as a part of a country node holds it ({@link CountryNode.Part#json()}). */
    public CountryDashboard summary(String json) {
        return this.json.readValue(json, CountryDashboard.class);
    }

    /**
     * The programme-year summaries of country-years (ADR 0004), by country-year and programme id: one
     * query by {@code _id}.
     */
    public Map<CountryYear, Map<String, CountryDashboard>> programmeSummaries(Collection<CountryYear> keys) {
        Map<CountryYear, Map<String, CountryDashboard>> summaries = new LinkedHashMap<>();
        countryNodes(keys).forEach((key, node) -> {
            Map<String, CountryDashboard> parts = new LinkedHashMap<>();
            node.parts().forEach(p -> parts.put(p.programmeId(), json.readValue(p.json(), CountryDashboard.class)));
            summaries.put(key, parts);
        });
        return summaries;
    }

    /**
     * A country-year node as this batch wrote it: the dashboard stored, with the node's new version, and
     * whether a DashboardUpdated for it is still to be published (its figures changed, now or in a write
     * whose announcement did not get out).
     */
    public record WrittenCountry(CountryYear key, Stored<CountryDashboard> stored, boolean announce,
            ValidationTally tally) {
    }

    /**
     * Writes the country-year nodes: their programme summaries, and their dashboard where it changed
     * (otherwise the stored one stays), each with a new version and only if it is still at the version
     * it was read at (ADR 0012). One bulk by {@code _id} and {@code version}.
     *
     * @param announce whether changed figures are to be announced (the generation is served)
     * @throws WriteConflictException when another writer changed one of them since it was read
     */
    public List<WrittenCountry> saveCountries(Collection<CountryNode> nodes,
            Map<CountryYear, Change<CountryDashboard>> changes, Instant now, boolean announce) {
        List<GuardedWrites.Guarded> documents = new ArrayList<>();
        List<WrittenCountry> written = new ArrayList<>();
        for (CountryNode node : nodes) {
            Change<CountryDashboard> change = changes.get(node.key());
            Document before = node.stored();
            if (change == null && before == null) {
                continue;
            }
            long read = GuardedWrites.versionOf(before);
            long version = Math.max(read + 1, now.toEpochMilli());
            boolean pending = before != null && Boolean.TRUE.equals(before.getBoolean("announce"));
            Document document;
            Stored<CountryDashboard> stored;
            if (change != null) {
                document = document(change);
                stored = new Stored<>(change.stored().dashboard(), change.stored().json(), change.stored().freshness(),
                        version);
                pending |= change.figuresChanged();
            }
            else {
                document = new Document(before);
                Stored<CountryDashboard> kept = stored(before, CountryDashboard.class);
                stored = new Stored<>(kept.dashboard(), kept.json(), kept.freshness(), version);
            }
            pending &= announce;
            document.put("version", version);
            document.put("announce", pending);
            document.put("parts", node.partDocuments());
            document.put("validation", CountryNode.tallyDocument(node.tally()));
            documents.add(new GuardedWrites.Guarded(document, read, before != null));
            written.add(new WrittenCountry(node.key(), stored, pending, node.tally()));
        }
        GuardedWrites.write(mongo, c(COUNTRIES), documents);
        return written;
    }

    /**
     * Notes that the DashboardUpdated of these nodes went out, unless a later write of a node (which
     * announces itself) came first: one bulk of updates by {@code _id} and {@code version}.
     */
    public void markAnnounced(Collection<WrittenCountry> announced) {
        if (announced.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        announced.forEach(w -> writes.add(new UpdateOneModel<>(GuardedWrites.guard(w.key().id(), w.stored().version()),
                Updates.set("announce", false))));
        mongo.getCollection(c(COUNTRIES)).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * The country summaries of a world node: the dashboards, the newest event they reflect, and the sum of
     * their tallies of facts validated (empty when a country's summary has none: an earlier layout).
     */
    public record CountrySummaries(int year, List<CountryDashboard> dashboards, Optional<Instant> newestEventTime,
            Optional<ValidationTally> tally) {
    }

    /** A world node (one year) as stored after a merge: its version and its country summaries. */
    public record World(int year, long version, CountrySummaries summaries) {
    }

    /**
     * Sets each country's summary (its dashboard without milestone and indicator lists) in the world
     * node of its year ({@code _id} = year), field by field ({@code countries.<ISO3>}), unless the field
     * holds the summary of a newer version of the country node already. The world node is read by
     * {@code _id} and updated only if still at the version read ({@code {_id, version}}); when another
     * instance merged its countries first, it is read and merged again (ADR 0012). Two instances
     * merging different countries of a year therefore both land, and an older summary never replaces
     * a newer one.
     *
     * @return every world node of the years given, as this merge left it (the snapshot its world
     *         dashboard is computed from)
     */
    public Map<Integer, World> mergeIntoWorld(Collection<Stored<CountryDashboard>> countries) {
        return mergeIntoWorld(countries, Map.of());
    }

    /** The country nodes a batch wrote, merged into their world nodes with their tallies of facts validated. */
    public Map<Integer, World> mergeWrittenIntoWorld(Collection<WrittenCountry> written) {
        Map<CountryYear, ValidationTally> tallies = new LinkedHashMap<>();
        written.forEach(w -> tallies.put(w.key(), w.tally()));
        return mergeIntoWorld(written.stream().map(WrittenCountry::stored).toList(), tallies);
    }

    /**
     * As {@link #mergeIntoWorld(Collection)}, each country's summary keeping its tally of facts validated
     * ({@code validation}) where {@code tallies} has one.
     */
    public Map<Integer, World> mergeIntoWorld(Collection<Stored<CountryDashboard>> countries,
            Map<CountryYear, ValidationTally> tallies) {
        Map<Integer, List<Stored<CountryDashboard>>> byYear = new TreeMap<>();
        countries.forEach(s -> byYear.computeIfAbsent(s.dashboard().year(), y -> new ArrayList<>()).add(s));
        for (int attempt = 1;; attempt++) {
            Map<String, Document> found = FactStore.findByIds(mongo, c(YEARS),
                    byYear.keySet().stream().map(String::valueOf).toList());
            List<WriteModel<Document>> writes = new ArrayList<>();
            int conditional = 0;
            Map<Integer, World> worlds = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<Stored<CountryDashboard>>> entry : byYear.entrySet()) {
                int year = entry.getKey();
                Document stored = found.get(Integer.toString(year));
                long read = GuardedWrites.versionOf(stored);
                Document fields = stored != null && stored.get("countries") instanceof Document d ? new Document(d)
                        : new Document();
                List<Bson> sets = new ArrayList<>();
                for (Stored<CountryDashboard> s : entry.getValue()) {
                    String country = s.dashboard().country();
                    if (fields.get(country) instanceof Document field && GuardedWrites.versionOf(field) >= s.version()) {
                        continue;
                    }
                    Document field = new Document("json", json.writeValueAsString(CountryRollup.forWorld(s.dashboard())))
                            .append("newestEventTime", date(s.freshness().newestEventTime()))
                            .append("version", s.version());
                    ValidationTally tally = tallies.get(new CountryYear(country, year));
                    if (tally != null) {
                        field.append("validation", CountryNode.tallyDocument(tally));
                    }
                    fields.put(country, field);
                    sets.add(Updates.set("countries." + country, field));
                }
                long version = read;
                if (!sets.isEmpty()) {
                    version = read + 1;
                    if (stored == null) {
                        writes.add(new InsertOneModel<>(new Document("_id", Integer.toString(year)).append("year", year)
                                .append("countries", fields).append("version", version)));
                    }
                    else {
                        sets.add(Updates.set("version", version));
                        writes.add(new UpdateOneModel<>(GuardedWrites.guard(Integer.toString(year), read),
                                Updates.combine(sets)));
                        conditional++;
                    }
                }
                worlds.put(year, new World(year, version, summaries(year, fields)));
            }
            try {
                if (!writes.isEmpty()) {
                    GuardedWrites.apply(mongo, c(YEARS), writes, conditional);
                }
                return worlds;
            }
            catch (WriteConflictException ex) {
                if (attempt >= MAX_MERGE_ATTEMPTS) {
                    throw ex;
                }
            }
        }
    }

    private CountrySummaries summaries(int year, Document countries) {
        List<CountryDashboard> dashboards = new ArrayList<>();
        Instant newest = null;
        Optional<ValidationTally> tally = Optional.of(ValidationTally.NONE);
        for (Object value : countries.values()) {
            Document country = (Document) value;
            dashboards.add(json.readValue(country.getString("json"), CountryDashboard.class));
            Optional<ValidationTally> ofCountry = CountryNode.tallyOf(country.get("validation"));
            tally = tally.flatMap(t -> ofCountry.map(t::plus));
            Instant time = instant(country.get("newestEventTime"));
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
        }
        return new CountrySummaries(year, dashboards, Optional.ofNullable(newest), tally);
    }

    /**
     * A world dashboard computed from the world node at {@code worldVersion}, with the sum of its countries'
     * tallies of facts validated (empty when one has none).
     */
    public record ComputedGlobal(GlobalDashboard dashboard, Freshness freshness, long worldVersion,
            Optional<ValidationTally> tally) {

        public ComputedGlobal(GlobalDashboard dashboard, Freshness freshness, long worldVersion) {
            this(dashboard, freshness, worldVersion, Optional.empty());
        }
    }

    /**
     * Stores each world dashboard unless the stored one was computed from the same or a newer version
     * of its world node; written by {@code _id} and {@code version}, and tried again on a conflict, so
     * the world dashboard always ends computed from the newest world node (ADR 0012).
     *
     * @return the years whose stored figures changed
     */
    public List<Integer> saveGlobals(Collection<ComputedGlobal> computed, Instant now) {
        for (int attempt = 1;; attempt++) {
            Map<String, Document> stored = FactStore.findByIds(mongo, c(GLOBAL),
                    computed.stream().map(g -> Integer.toString(g.dashboard().year())).toList());
            List<GuardedWrites.Guarded> documents = new ArrayList<>();
            List<Integer> changed = new ArrayList<>();
            for (ComputedGlobal g : computed) {
                String id = Integer.toString(g.dashboard().year());
                Document before = stored.get(id);
                if (before != null && before.get("worldVersion") instanceof Number n && n.longValue() >= g.worldVersion()) {
                    continue;
                }
                Optional<Change<GlobalDashboard>> change = change(before, id, g.dashboard(), g.freshness(),
                        new Document("year", g.dashboard().year()));
                long read = GuardedWrites.versionOf(before);
                // written even when equal: the stored dashboard then says it reflects this world node
                Document document = change.map(this::document).orElseGet(() -> new Document(before));
                document.put("version", Math.max(read + 1, now.toEpochMilli()));
                document.put("worldVersion", g.worldVersion());
                g.tally().ifPresentOrElse(t -> document.put("validation", CountryNode.tallyDocument(t)),
                        () -> document.remove("validation"));
                documents.add(new GuardedWrites.Guarded(document, read, before != null));
                if (change.filter(Change::figuresChanged).isPresent()) {
                    changed.add(g.dashboard().year());
                }
            }
            try {
                GuardedWrites.write(mongo, c(GLOBAL), documents);
                return changed;
            }
            catch (WriteConflictException ex) {
                if (attempt >= MAX_MERGE_ATTEMPTS) {
                    throw ex;
                }
            }
        }
    }

    /** Creates the {@code id_version} index of every rollup collection (idempotent). */
    void ensureIndexes() {
        for (String name : new String[] { COUNTRIES, YEARS, GLOBAL }) {
            GuardedWrites.ensureIndex(mongo, c(name));
        }
    }

    /** Years that have a global dashboard, latest first. A listing: reads the whole (small) collection. */
    public List<Integer> years() {
        return mongo.findDistinct(new Query(), "year", c(GLOBAL), Integer.class).stream()
                .sorted(java.util.Comparator.reverseOrder()).toList();
    }

    /** The world dashboards of these years, read by {@code _id} in one query. */
    public List<GlobalDashboard> globals(Collection<Integer> years) {
        return FactStore.findByIds(mongo, c(GLOBAL), years.stream().map(String::valueOf).toList()).values().stream()
                .map(d -> stored(d, GlobalDashboard.class).dashboard()).toList();
    }

    public Optional<Stored<CountryDashboard>> findCountry(CountryYear key) {
        return findCountryRollup(key).map(Rollup::stored);
    }

    /** The country-year's dashboard and its tally of facts validated, without its parts: one read by {@code _id}. */
    public Optional<Rollup<CountryDashboard>> findCountryRollup(CountryYear key) {
        return Optional.ofNullable(mongo.getCollection(c(COUNTRIES)).find(Filters.eq("_id", key.id()))
                .projection(Projections.exclude("parts")).first())
                .map(d -> new Rollup<>(stored(d, CountryDashboard.class), CountryNode.tallyOf(d.get("validation"))));
    }

    /** The country-year node with its programme-year parts, by {@code _id} (the validated view, ADR 0019). */
    public Optional<CountryNode> findCountryNode(CountryYear key) {
        CountryNode node = countryNodes(List.of(key)).get(key);
        return node.stored() == null ? Optional.empty() : Optional.of(node);
    }

    /**
     * The countries the world node of a year lists, by {@code _id}: every country that has had a dashboard
     * in that year (a country never leaves it): what the validated global dashboard (ADR 0019) and the world
     * as of a date (ADR 0021) are rolled up from.
     */
    public List<String> worldCountries(int year) {
        Document world = mongo.getCollection(c(YEARS)).find(Filters.eq("_id", Integer.toString(year)))
                .projection(Projections.include("countries")).first();
        return world != null && world.get("countries") instanceof Document countries
                ? countries.keySet().stream().sorted().toList() : List.of();
    }

    public Optional<Stored<GlobalDashboard>> findGlobal(int year) {
        return findGlobalRollup(year).map(Rollup::stored);
    }

    /**
     * The world dashboard of a year and the sum of its countries' tallies of facts validated, kept beside
     * it by the projection: one read by {@code _id}.
     */
    public Optional<Rollup<GlobalDashboard>> findGlobalRollup(int year) {
        return Optional.ofNullable(mongo.getCollection(c(GLOBAL)).find(Filters.eq("_id", Integer.toString(year)))
                .first()).map(d -> new Rollup<>(stored(d, GlobalDashboard.class), CountryNode.tallyOf(d.get("validation"))));
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
