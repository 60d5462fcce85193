package org.spmonitor.reporting.dashboard.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.spmonitor.reporting.completeness.domain.ProgrammeReporting;
import org.spmonitor.reporting.completeness.domain.Receipt;
import org.spmonitor.reporting.dashboard.domain.CountryYear;

import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each country owes and delivered in a year (ADR 0020), in one document per country-year
 * ({@code completeness}, {@code _id} {@code KHM-2025}): the reporting of each programme (its schedule,
 * what it owes, the receipts of its counts and indicator actuals) and the receipts of the country's
 * financing reports. Written by the projection under the guard of ADR 0012, read by {@code _id}; the
 * countries of a year are listed in {@code completeness_years} ({@code _id} the year).
 */
public class CompletenessStore {

    static final String NODES = "completeness";
    static final String YEARS = "completeness_years";
    static final List<String> COLLECTIONS = List.of(NODES, YEARS);
    private static final TypeReference<Map<String, Receipt>> RECEIPTS = new TypeReference<>() {
    };

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final String prefix;

    CompletenessStore(MongoTemplate mongo, JsonMapper json, String generation) {
        this.mongo = mongo;
        this.json = json;
        this.prefix = generation + "_";
    }

    /** One country-year's completeness as stored (or empty), changed in memory, written back under its guard. */
    public final class Node {

        private final CountryYear key;
        private final long version;
        private final boolean stored;
        private final String storedJson;
        private final Map<String, ProgrammeReporting> programmes = new TreeMap<>();
        private final Map<String, Receipt> financing = new TreeMap<>();

        Node(CountryYear key, Document document) {
            this.key = key;
            this.stored = document != null;
            this.version = GuardedWrites.versionOf(document);
            if (document != null) {
                List<Document> parts = document.getList("programmes", Document.class, List.of());
                parts.forEach(p -> programmes.put(p.getString("programmeId"),
                        json.readValue(p.getString("json"), ProgrammeReporting.class)));
                String receipts = document.getString("financing");
                if (receipts != null) {
                    financing.putAll(json.readValue(receipts, RECEIPTS));
                }
            }
            this.storedJson = content();
        }

        public CountryYear key() {
            return key;
        }

        /** The programmes' reporting, by programme id (change it with {@link #put}). */
        public Map<String, ProgrammeReporting> programmes() {
            return programmes;
        }

        public void put(ProgrammeReporting programme) {
            programmes.put(programme.programmeId(), programme);
        }

        /** The country's financing receipts by {@code <period>|<programmeId or *>}, changed in place. */
        public Map<String, Receipt> financing() {
            return financing;
        }

        private String content() {
            return json.writeValueAsString(programmes) + json.writeValueAsString(financing);
        }

        boolean needsWrite() {
            return !content().equals(storedJson);
        }

        GuardedWrites.Guarded toWrite() {
            List<Document> parts = new ArrayList<>();
            programmes.forEach((id, p) -> parts.add(new Document("programmeId", id).append("json",
                    json.writeValueAsString(p))));
            return new GuardedWrites.Guarded(new Document("_id", key.id()).append("country", key.country())
                    .append("year", key.year()).append("programmes", parts)
                    .append("financing", json.writeValueAsString(financing)).append("version", version + 1), version,
                    stored);
        }
    }

    /** The completeness of these country-years, one query by {@code _id}; one not stored yet is empty. */
    public Map<CountryYear, Node> nodes(Collection<CountryYear> keys) {
        Map<String, CountryYear> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(k.id(), k));
        Map<String, Document> found = FactStore.findByIds(mongo, c(NODES), byId.keySet());
        Map<CountryYear, Node> nodes = new LinkedHashMap<>();
        byId.forEach((id, k) -> nodes.put(k, new Node(k, found.get(id))));
        return nodes;
    }

    /**
     * Writes the nodes that changed, each only if no other writer changed it since it was read, and
     * lists their countries under their years ({@code $addToSet} by {@code _id}: idempotent).
     *
     * @throws WriteConflictException when one was changed meanwhile: read again and project again
     */
    public void save(Collection<Node> nodes) {
        List<Node> changed = nodes.stream().filter(Node::needsWrite).toList();
        GuardedWrites.write(mongo, c(NODES), changed.stream().map(Node::toWrite).toList());
        Map<Integer, TreeSet<String>> years = new TreeMap<>();
        changed.forEach(n -> years.computeIfAbsent(n.key().year(), y -> new TreeSet<>()).add(n.key().country()));
        years.forEach((year, countries) -> mongo.getCollection(c(YEARS)).updateOne(Filters.eq("_id", year.toString()),
                Updates.addEachToSet("countries", new ArrayList<>(countries)), new UpdateOptions().upsert(true)));
    }

    /** The countries with completeness in {@code year}, read by {@code _id}. */
    public List<String> countries(int year) {
        Document d = mongo.getCollection(c(YEARS)).find(Filters.eq("_id", Integer.toString(year))).first();
        return d == null ? List.of() : List.copyOf(new TreeSet<>(d.getList("countries", String.class, List.of())));
    }

    void ensureIndexes() {
        GuardedWrites.ensureIndex(mongo, c(NODES));
    }

    void drop() {
        COLLECTIONS.forEach(name -> mongo.dropCollection(c(name)));
    }

    private String c(String name) {
        return prefix + name;
    }
}
