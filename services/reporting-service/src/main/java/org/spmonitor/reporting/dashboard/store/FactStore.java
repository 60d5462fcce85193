package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.store.VersionGuard;
import org.spmonitor.reporting.dashboard.domain.CountFact;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.IndicatorFact;
import org.spmonitor.reporting.dashboard.domain.MilestoneFact;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import tools.jackson.databind.json.JsonMapper;

/**
 * Facts of one read-model generation, by natural key, each with the version of the event that wrote
 * it: an older or equal version never overwrites a newer one, so redelivery and replay change
 * nothing. A fact keeps its event as JSON (exact decimals), plus the fields it is queried by.
 */
public class FactStore {

    static final String COUNTS = "beneficiary_facts";
    static final String PROGRAMMES = "programme_facts";
    static final String FINANCING = "financing_facts";
    static final String RATES = "exchange_rate_facts";
    static final String MILESTONES = "milestone_facts";
    static final String INDICATORS = "indicator_facts";
    static final List<String> COLLECTIONS = List.of(COUNTS, PROGRAMMES, FINANCING, RATES, MILESTONES, INDICATORS);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final String prefix;

    FactStore(MongoTemplate mongo, JsonMapper json, String generation) {
        this.mongo = mongo;
        this.json = json;
        this.prefix = generation + "_";
    }

    private String c(String name) {
        return prefix + name;
    }

    /** A fact written by an event: returns the year it belonged to before (for moved facts), if any. */
    public record Saved(boolean applied, Optional<Integer> previousYear) {
    }

    public Saved saveCount(BeneficiaryCountReported count, Instant eventTime) {
        return upsert(COUNTS, count.countId(), count.version(), base(count.country(), yearOf(count.period()), eventTime)
                .set("programmeId", count.programmeId()).set("withdrawn", false).set("json", write(count)));
    }

    public Saved withdrawCount(BeneficiaryCountWithdrawn withdrawn, Instant eventTime) {
        return upsert(COUNTS, withdrawn.countId(), withdrawn.version(),
                base(withdrawn.country(), yearOf(withdrawn.period()), eventTime)
                        .set("programmeId", withdrawn.programmeId()).set("withdrawn", true));
    }

    public Saved saveProgramme(ProgrammeFact programme, long version, Instant eventTime) {
        return upsert(PROGRAMMES, programme.programmeId(), version, new Update().set("country", programme.country())
                .set("eventTime", eventTime).set("json", write(programme)));
    }

    public Saved saveFinancing(FinancingReportSubmitted report, Instant eventTime) {
        return upsert(FINANCING, report.reportId(), report.version(),
                base(report.country(), yearOf(report.period()), eventTime).set("programmeId", report.programmeId())
                        .set("currency", report.currency()).set("withdrawn", false).set("json", write(report)));
    }

    public Saved withdrawFinancing(FinancingReportWithdrawn withdrawn, Instant eventTime) {
        return upsert(FINANCING, withdrawn.reportId(), withdrawn.version(),
                base(withdrawn.country(), yearOf(withdrawn.period()), eventTime).set("withdrawn", true));
    }

    public Saved saveRate(ExchangeRatePublished rate, Instant eventTime) {
        return upsert(RATES, rate.currency() + "/" + rate.year(), rate.version(), new Update()
                .set("currency", rate.currency()).set("year", rate.year()).set("eventTime", eventTime)
                .set("json", write(rate)));
    }

    public Saved saveMilestone(MilestoneReported milestone, Instant eventTime) {
        return upsert(MILESTONES, milestone.programmeId() + "/" + milestone.milestoneId(), milestone.version(),
                base(milestone.country(), DashboardCalculator.milestoneYear(milestone), eventTime)
                        .set("programmeId", milestone.programmeId()).set("json", write(milestone)));
    }

    public Saved saveIndicator(IndicatorResultReported result, Instant eventTime) {
        return upsert(INDICATORS, result.programmeId() + "/" + result.indicatorCode() + "/" + result.period(),
                result.version(), base(result.country(), yearOf(result.period()), eventTime)
                        .set("programmeId", result.programmeId()).set("indicatorCode", result.indicatorCode())
                        .set("json", write(result)));
    }

    /** The facts of a country for a year, and the time of the newest event among them. */
    public record Loaded(CountryFacts facts, Optional<Instant> newestEventTime) {
    }

    public Loaded countryFacts(String country, int year) {
        Criteria ofYear = Criteria.where("country").is(country).and("year").is(year);
        return load(ofYear, Criteria.where("country").is(country), year);
    }

    public Loaded programmeFacts(String programmeId, int year) {
        Criteria ofYear = Criteria.where("programmeId").is(programmeId).and("year").is(year);
        Criteria allYears = Criteria.where("programmeId").is(programmeId);
        Newest newest = new Newest();
        List<CountFact> counts = counts(ofYear, newest);
        List<FinancingFact> financing = financing(ofYear, newest);
        List<MilestoneFact> milestones = find(allYears, MILESTONES, newest).stream()
                .map(d -> new MilestoneFact(read(d, MilestoneReported.class))).toList();
        List<IndicatorFact> indicators = find(allYears, INDICATORS, newest).stream()
                .map(d -> IndicatorFact.of(read(d, IndicatorResultReported.class))).toList();
        List<ProgrammeFact> programmes = find(Criteria.where("_id").is(programmeId), PROGRAMMES, newest).stream()
                .map(d -> read(d, ProgrammeFact.class)).toList();
        return new Loaded(new CountryFacts(counts, programmes, financing, rates(financing, year, newest), milestones,
                indicators), newest.value());
    }

    private Loaded load(Criteria ofYear, Criteria allYears, int year) {
        Newest newest = new Newest();
        List<CountFact> counts = counts(ofYear, newest);
        List<FinancingFact> financing = financing(ofYear, newest);
        List<MilestoneFact> milestones = find(ofYear, MILESTONES, newest).stream()
                .map(d -> new MilestoneFact(read(d, MilestoneReported.class))).toList();
        List<IndicatorFact> indicators = indicatorsOf(find(ofYear, INDICATORS, newest), newest);
        List<ProgrammeFact> programmes = find(allYears, PROGRAMMES, newest).stream()
                .map(d -> read(d, ProgrammeFact.class)).toList();
        return new Loaded(new CountryFacts(counts, programmes, financing, rates(financing, year, newest), milestones,
                indicators), newest.value());
    }

    public Optional<ProgrammeFact> programme(String programmeId) {
        return Optional.ofNullable(mongo.findById(programmeId, Document.class, c(PROGRAMMES)))
                .map(d -> read(d, ProgrammeFact.class));
    }

    /** Years in which a country has any fact (withdrawn ones included). */
    public Set<Integer> yearsWithFacts(String country) {
        Set<Integer> years = new TreeSet<>();
        for (String collection : List.of(COUNTS, FINANCING, MILESTONES, INDICATORS)) {
            years.addAll(mongo.findDistinct(new Query(Criteria.where("country").is(country)), "year", c(collection),
                    Integer.class));
        }
        return years;
    }

    /** Countries with financing reports in {@code currency} for {@code year}. */
    public List<String> countriesReportingIn(String currency, int year) {
        return mongo.findDistinct(new Query(Criteria.where("currency").is(currency).and("year").is(year)), "country",
                c(FINANCING), String.class);
    }

    /** Years in which one indicator of a programme has actuals. */
    public List<Integer> yearsOfIndicator(String programmeId, String indicatorCode) {
        return mongo.findDistinct(new Query(Criteria.where("programmeId").is(programmeId).and("indicatorCode")
                .is(indicatorCode)), "year", c(INDICATORS), Integer.class);
    }

    /** Deletes this generation's facts. */
    void drop() {
        COLLECTIONS.forEach(name -> mongo.dropCollection(c(name)));
    }

    private List<CountFact> counts(Criteria criteria, Newest newest) {
        return find(criteria, COUNTS, newest).stream().filter(d -> !Boolean.TRUE.equals(d.getBoolean("withdrawn")))
                .map(d -> CountFact.of(read(d, BeneficiaryCountReported.class))).toList();
    }

    private List<FinancingFact> financing(Criteria criteria, Newest newest) {
        return find(criteria, FINANCING, newest).stream().filter(d -> !Boolean.TRUE.equals(d.getBoolean("withdrawn")))
                .map(d -> FinancingFact.of(read(d, FinancingReportSubmitted.class))).toList();
    }

    /** Every actual of the indicators that have one in the documents given, so baselines come from their latest version. */
    private List<IndicatorFact> indicatorsOf(List<Document> ofYear, Newest newest) {
        List<IndicatorFact> facts = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Document d : ofYear) {
            String key = d.getString("programmeId") + "|" + d.getString("indicatorCode");
            if (seen.add(key)) {
                find(Criteria.where("programmeId").is(d.getString("programmeId")).and("indicatorCode")
                        .is(d.getString("indicatorCode")), INDICATORS, newest).stream()
                        .map(doc -> IndicatorFact.of(read(doc, IndicatorResultReported.class))).forEach(facts::add);
            }
        }
        return facts;
    }

    private ExchangeRates rates(List<FinancingFact> financing, int year, Newest newest) {
        ExchangeRates rates = ExchangeRates.none();
        Set<String> currencies = new TreeSet<>();
        financing.forEach(f -> currencies.add(f.report().currency()));
        if (!currencies.isEmpty()) {
            for (Document d : find(Criteria.where("currency").in(currencies).and("year").is(year), RATES, newest)) {
                ExchangeRatePublished rate = read(d, ExchangeRatePublished.class);
                rates.with(rate.currency(), rate.year(), rate.unitsPerUsd());
            }
        }
        return rates;
    }

    private List<Document> find(Criteria criteria, String collection, Newest newest) {
        List<Document> documents = mongo.find(new Query(criteria), Document.class, c(collection));
        documents.forEach(d -> newest.offer(d.get("eventTime")));
        return documents;
    }

    private Update base(String country, int year, Instant eventTime) {
        return new Update().set("country", country).set("year", year).set("eventTime", eventTime);
    }

    private Saved upsert(String collection, String id, long version, Update update) {
        Document before = mongo.findById(id, Document.class, c(collection));
        Optional<Integer> previousYear = Optional.ofNullable(before).map(d -> d.getInteger("year"));
        boolean applied = VersionGuard.upsertIfNewer(mongo, c(collection), id, version, update);
        return new Saved(applied, previousYear);
    }

    private <T> T read(Document document, Class<T> type) {
        return json.readValue(document.getString("json"), type);
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }

    static int yearOf(String period) {
        return ReportingPeriod.parse(period).map(ReportingPeriod::year)
                .orElseThrow(() -> new IllegalArgumentException("bad period " + period));
    }

    /** Keeps the newest event time seen. */
    private static final class Newest {
        private Instant value;

        void offer(Object time) {
            Instant instant = time instanceof Date date ? date.toInstant() : time instanceof Instant i ? i : null;
            if (instant != null && (value == null || instant.isAfter(value))) {
                value = instant;
            }
        }

        Optional<Instant> value() {
            return Optional.ofNullable(value);
        }
    }
}
