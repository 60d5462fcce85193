package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.reporting.dashboard.domain.CountFact;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.IndicatorFact;
import org.spmonitor.reporting.dashboard.domain.MilestoneFact;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.Validation;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;

import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Facts of one read-model generation, kept in bucket documents addressed by {@code _id} only: the
 * counts of a (country, year, programme), the financing reports of a (country, year), everything of a
 * programme (its state, milestones, indicator actuals), and each exchange rate with the countries
 * reporting in its currency. Reads are one {@code _id: {$in}} query per collection and batch, writes
 * one bulk of replacements by {@code _id}. Each fact inside a bucket keeps its own version guard
 * ({@link VersionedFacts}).
 */
public class FactStore {

    static final String COUNTS = "count_buckets";
    static final String FINANCING = "financing_buckets";
    static final String PROGRAMMES = "programme_facts";
    static final String RATES = "exchange_rate_facts";
    static final List<String> COLLECTIONS = List.of(COUNTS, FINANCING, PROGRAMMES, RATES);
    /** Collections of the layout before ADR 0004, dropped with their generation. */
    static final List<String> EARLIER_LAYOUT = List.of("beneficiary_facts", "financing_facts", "milestone_facts",
            "indicator_facts");

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final String prefix;

    FactStore(MongoTemplate mongo, JsonMapper json, String generation) {
        this.mongo = mongo;
        this.json = json;
        this.prefix = generation + "_";
    }

    /** The bucket of the counts of a programme in a country and year. */
    public static String countBucketId(String country, int year, String programmeId) {
        return country + "/" + year + "/" + programmeId;
    }

    /** The bucket of the financing reports of a country and year. */
    public static String financingBucketId(CountryYear key) {
        return key.id();
    }

    /** Count buckets by id, one query; an id not stored yet gives an empty bucket. */
    public Map<String, FactBucket> countBuckets(Collection<ProgrammeYear> keys) {
        Map<String, ProgrammeYear> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(countBucketId(k.country(), k.year(), k.programmeId()), k));
        Map<String, Document> found = findByIds(COUNTS, byId.keySet());
        Map<String, FactBucket> buckets = new LinkedHashMap<>();
        byId.forEach((id, k) -> buckets.put(id, found.containsKey(id) ? FactBucket.of(found.get(id))
                : new FactBucket(id, k.country(), k.year(), k.programmeId(), new VersionedFacts(), false)));
        return buckets;
    }

    /** Financing buckets by (country, year), one query. */
    public Map<CountryYear, FactBucket> financingBuckets(Collection<CountryYear> keys) {
        Map<String, CountryYear> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(financingBucketId(k), k));
        Map<String, Document> found = findByIds(FINANCING, byId.keySet());
        Map<CountryYear, FactBucket> buckets = new LinkedHashMap<>();
        byId.forEach((id, k) -> buckets.put(k, found.containsKey(id) ? FactBucket.of(found.get(id))
                : new FactBucket(id, k.country(), k.year(), null, new VersionedFacts(), false)));
        return buckets;
    }

    /** Programmes by id, one query; an id not stored yet gives an empty programme. */
    public Map<String, ProgrammeNode> programmes(Collection<String> ids) {
        return load(PROGRAMMES, ids, ProgrammeNode::of, ProgrammeNode::empty);
    }

    /** Exchange rates by {@link RateNode#id}, one query. */
    public Map<String, RateNode> rates(Collection<String> ids) {
        return load(RATES, ids, RateNode::of, RateNode::empty);
    }

    /** What a programme's dashboard for a year is computed from, and the newest event among it. */
    public record ProgrammeFacts(ProgrammeFact programme, CountryFacts facts, List<FinancingFact> countryFinancing,
            Optional<Instant> newestEventTime, Validation validation) {
    }

    /**
     * The facts of a programme for a year, read by {@code _id}: the programme document (its state, all
     * its milestones and indicator actuals), its count bucket and its country's financing bucket for
     * the year (its own reports), and the rates these need. Empty when the programme was never
     * registered.
     */
    public Optional<ProgrammeFacts> programmeFacts(String programmeId, int year) {
        return programmeFacts(programmeId, year, Validation.ALL);
    }

    /**
     * The facts of a programme for a year as {@link #programmeFacts(String, int)}, in the view named
     * ({@link Validation}): with {@code validated}, each count's last validated figures only (ADR 0019).
     */
    public Optional<ProgrammeFacts> programmeFacts(String programmeId, int year, String view) {
        Optional<ProgrammeNode> found = programme(programmeId);
        if (found.isEmpty() || found.get().programme().live().isEmpty()) {
            return Optional.empty();
        }
        ProgrammeNode node = found.get();
        String country = node.country().orElse(read(node.programme().live().get(0), ProgrammeFact.class).country());
        FactBucket counts = countBuckets(List.of(new ProgrammeYear(country, year, programmeId))).values().iterator()
                .next();
        FactBucket financingBucket = financingBuckets(List.of(new CountryYear(country, year))).values().iterator()
                .next();
        return Optional.of(programmeFacts(node, year, view, counts, financingBucket, this::rates));
    }

    /**
     * The facts of a programme for a year from its programme document, its count bucket of the year, its
     * country's financing bucket of the year, and the rate documents {@code rates} finds by id: the
     * stored ones, or those as of a date (ADR 0021). The node must hold the programme's state.
     */
    public ProgrammeFacts programmeFacts(ProgrammeNode node, int year, String view, FactBucket counts,
            FactBucket financingBucket, Function<Collection<String>, Map<String, RateNode>> rates) {
        String programmeId = node.programmeId();
        List<Instant> times = new ArrayList<>();
        StoredFact state = node.programme().live().get(0);
        ProgrammeFact programme = read(state, ProgrammeFact.class);
        times.add(state.eventTime());
        counts.facts().all().forEach(f -> times.add(f.eventTime()));
        List<StoredFact> live = counts.facts().live();
        boolean validatedOnly = Validation.VALIDATED.equals(view);
        List<CountFact> countFacts = (validatedOnly ? counts.facts().validated() : live).stream()
                .map(f -> CountFact.of(read(f, BeneficiaryCountReported.class))).toList();
        List<FinancingFact> financing = new ArrayList<>();
        List<FinancingFact> denominators = new ArrayList<>();
        VersionedFacts reports = financingBucket.facts();
        // the validation (ADR 0019) of what the programme's figures come from: its counts of the year, its
        // own financing reports of the year, every indicator result it shows
        List<StoredFact> ownReports = reports.live().stream()
                .filter(f -> programmeId.equals(read(f, FinancingReportSubmitted.class).programmeId())).toList();
        List<StoredFact> results = node.indicators().live();
        Validation validation = Validation.of(view, new ValidationTally(live.size(), validatedCount(live),
                ownReports.size(), validatedCount(ownReports), results.size(), validatedCount(results)));
        for (StoredFact f : validation.validatedOnly() ? reports.validated() : reports.all()) {
            FinancingReportSubmitted report = f.json() == null ? null : read(f, FinancingReportSubmitted.class);
            if (report != null && programmeId.equals(report.programmeId())) {
                times.add(f.eventTime());
                if (!f.withdrawn()) {
                    financing.add(FinancingFact.of(report));
                }
            }
            else if (report != null && !f.withdrawn()
                    && (report.gdp() != null || report.totalGovernmentExpenditure() != null)) {
                // the country's GDP and government expenditure, for the programme's shares of them
                times.add(f.eventTime());
                denominators.add(FinancingFact.of(report));
            }
        }
        ExchangeRates exchange = ExchangeRates.none();
        Set<String> rateIds = new TreeSet<>();
        financing.forEach(f -> rateIds.add(RateNode.id(f.report().currency(), f.period().year())));
        denominators.forEach(f -> rateIds.add(RateNode.id(f.report().currency(), f.period().year())));
        for (RateNode rate : rates.apply(rateIds).values()) {
            for (StoredFact f : rate.rate().live()) {
                ExchangeRatePublished published = read(f, ExchangeRatePublished.class);
                exchange.with(published.currency(), published.year(), published.unitsPerUsd());
                times.add(f.eventTime());
            }
        }
        List<MilestoneFact> milestones = new ArrayList<>();
        node.milestones().live().forEach(f -> {
            milestones.add(new MilestoneFact(read(f, MilestoneReported.class)));
            times.add(f.eventTime());
        });
        List<IndicatorFact> indicators = new ArrayList<>();
        (validation.validatedOnly() ? node.indicators().validated() : node.indicators().live()).forEach(f -> {
            indicators.add(IndicatorFact.of(read(f, IndicatorResultReported.class)));
            times.add(f.eventTime());
        });
        return new ProgrammeFacts(programme, new CountryFacts(countFacts, List.of(programme), financing,
                exchange, milestones, indicators), List.copyOf(denominators), times.stream().filter(t -> t != null).max(Instant::compareTo),
                validation);
    }

    private static long validatedCount(List<StoredFact> facts) {
        return facts.stream().filter(StoredFact::isValidated).count();
    }

    /** A programme's latest state and all its milestones. */
    public record ProgrammeState(ProgrammeFact programme, List<MilestoneFact> milestones) {
    }

    /**
     * The state and milestones of programmes, read by {@code _id} in one query; a programme never
     * registered is left out.
     */
    public Map<String, ProgrammeState> programmeStates(Collection<String> ids) {
        return programmeStates(programmes(ids));
    }

    /**
     * The state and milestones of programme documents as given (stored, or as of a date: ADR 0021); a
     * programme never registered is left out.
     */
    public Map<String, ProgrammeState> programmeStates(Map<String, ProgrammeNode> programmes) {
        Map<String, ProgrammeState> states = new LinkedHashMap<>();
        programmes.forEach((id, node) -> {
            if (!node.programme().live().isEmpty()) {
                List<MilestoneFact> milestones = node.milestones().live().stream()
                        .map(f -> new MilestoneFact(read(f, MilestoneReported.class))).toList();
                states.put(id, new ProgrammeState(read(node.programme().live().get(0), ProgrammeFact.class),
                        milestones));
            }
        });
        return states;
    }

    /**
     * The financing reports of country-years in a view and the rates they need, read by {@code _id}; and
     * the review of every live report ({@code reviews}, ADR 0019), whatever the view.
     */
    public record Financing(Map<CountryYear, List<FinancingFact>> reports, ExchangeRates rates,
            Map<CountryYear, List<Reviewed>> reviews) {
    }

    /** A live financing report's programme (null: the whole country's) and whether its current version is validated. */
    public record Reviewed(String programmeId, boolean validated) {
    }

    /** The live financing reports of these country-years with their rates: two queries by {@code _id}. */
    public Financing financing(Collection<CountryYear> keys) {
        return financing(keys, Validation.ALL);
    }

    /**
     * The financing reports of these country-years in the view named ({@link Validation}, ADR 0019): the
     * live reports, or with {@code validated} each report's last validated amounts; with their rates.
     */
    public Financing financing(Collection<CountryYear> keys, String view) {
        boolean validatedOnly = Validation.VALIDATED.equals(view);
        Map<CountryYear, List<FinancingFact>> reports = new LinkedHashMap<>();
        Map<CountryYear, List<Reviewed>> reviews = new LinkedHashMap<>();
        Set<String> rateIds = new TreeSet<>();
        financingBuckets(keys).forEach((key, bucket) -> {
            reviews.put(key, reviews(bucket));
            List<FinancingFact> live = new ArrayList<>();
            (validatedOnly ? bucket.facts().validated() : bucket.facts().live()).forEach(f -> {
                FinancingFact fact = FinancingFact.of(read(f, FinancingReportSubmitted.class));
                live.add(fact);
                rateIds.add(RateNode.id(fact.report().currency(), fact.period().year()));
            });
            reports.put(key, live);
        });
        ExchangeRates rates = ExchangeRates.none();
        rates(rateIds).values().forEach(rate -> rate.rate().live().forEach(f -> {
            ExchangeRatePublished published = read(f, ExchangeRatePublished.class);
            rates.with(published.currency(), published.year(), published.unitsPerUsd());
        }));
        return new Financing(reports, rates, reviews);
    }

    /** The live reports of a country-year's financing bucket: each one's programme and whether it is validated. */
    public List<Reviewed> reviews(FactBucket bucket) {
        return bucket.facts().live().stream().map(f -> new Reviewed(read(f, FinancingReportSubmitted.class).programmeId(),
                f.isValidated())).toList();
    }

    private <T> T read(StoredFact fact, Class<T> type) {
        return json.readValue(fact.json(), type);
    }

    public Optional<ProgrammeNode> programme(String programmeId) {
        return Optional.ofNullable(mongo.getCollection(c(PROGRAMMES)).find(Filters.eq("_id", programmeId)).first())
                .map(ProgrammeNode::of);
    }

    /**
     * Writes the buckets, programmes and rates that changed: one bulk per collection, each document only
     * if no other writer changed it since it was read (ADR 0012).
     *
     * @throws WriteConflictException when one was changed meanwhile: read again and project again
     */
    public void save(Collection<FactBucket> counts, Collection<FactBucket> financing,
            Collection<ProgrammeNode> programmes, Collection<RateNode> rates) {
        write(PROGRAMMES, programmes.stream().filter(ProgrammeNode::needsWrite).map(ProgrammeNode::toWrite).toList());
        write(RATES, rates.stream().filter(RateNode::needsWrite).map(RateNode::toWrite).toList());
        write(COUNTS, counts.stream().filter(FactBucket::needsWrite).map(FactBucket::toWrite).toList());
        write(FINANCING, financing.stream().filter(FactBucket::needsWrite).map(FactBucket::toWrite).toList());
    }

    /** Creates the {@code id_version} index of every fact collection (idempotent). */
    void ensureIndexes() {
        COLLECTIONS.forEach(name -> GuardedWrites.ensureIndex(mongo, c(name)));
    }

    /** Deletes this generation's facts. */
    void drop() {
        COLLECTIONS.forEach(name -> mongo.dropCollection(c(name)));
        EARLIER_LAYOUT.forEach(name -> mongo.dropCollection(c(name)));
    }

    private <T> Map<String, T> load(String collection, Collection<String> ids, Function<Document, T> of,
            Function<String, T> empty) {
        Map<String, Document> found = findByIds(collection, ids);
        Map<String, T> nodes = new LinkedHashMap<>();
        ids.forEach(id -> nodes.put(id, found.containsKey(id) ? of.apply(found.get(id)) : empty.apply(id)));
        return nodes;
    }

    private Map<String, Document> findByIds(String collection, Collection<String> ids) {
        return findByIds(mongo, c(collection), ids);
    }

    /** The documents of {@code collection} (a full name) with these ids, in one {@code _id $in} query. */
    static Map<String, Document> findByIds(MongoTemplate mongo, String collection, Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            mongo.getCollection(collection).find(Filters.in("_id", new ArrayList<>(ids)))
                    .forEach(d -> found.put(d.getString("_id"), d));
        }
        return found;
    }

    private void write(String collection, List<GuardedWrites.Guarded> documents) {
        GuardedWrites.write(mongo, c(collection), documents);
    }

    private String c(String name) {
        return prefix + name;
    }

    /** A programme's summary node for one year in one country. */
    public record ProgrammeYear(String country, int year, String programmeId) {

        public CountryYear countryYear() {
            return new CountryYear(country, year);
        }
    }
}
