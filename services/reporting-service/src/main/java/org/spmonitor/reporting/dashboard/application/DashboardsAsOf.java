package org.spmonitor.reporting.dashboard.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.spmonitor.events.reporting.ReportingDataset;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.reporting.completeness.domain.ProgrammeReporting;
import org.spmonitor.reporting.completeness.domain.Receipt;
import org.spmonitor.reporting.dashboard.application.AuditSteps.AuditStep;
import org.spmonitor.reporting.dashboard.application.DashboardQueries.Served;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.Validation;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;
import org.spmonitor.reporting.dashboard.store.CountryNode;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactHistory;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.HistoryEntry;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;
import org.spmonitor.reporting.dashboard.store.RateNode;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.projection.CompletenessReceipts;
import org.spmonitor.reporting.projection.CountryYearSummaries;
import org.spmonitor.reporting.projection.ProjectionGenerations;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards as they were at an instant, their changes between two instants, and the audit trail
 * of a figure (ADR 0021), from the served generation's fact history: the facts known at the instant
 * (event time not after it) are rebuilt under the projection's version guards and fed to the same
 * summaries and calculators as the projection's, so a dashboard as of now equals the dashboard served.
 * Every document is read by {@code _id}: the country nodes (which programmes a country-year has had),
 * then the history documents beside them, then the rates' histories.
 */
@Service
public class DashboardsAsOf {

    private final ProjectionGenerations generations;
    private final DashboardQueries queries;
    private final JsonMapper json;
    private final CountryYearSummaries summaries;
    private final CompletenessReceipts receipts;

    public DashboardsAsOf(ProjectionGenerations generations, DashboardQueries queries, EventCodec codec) {
        this.generations = generations;
        this.queries = queries;
        this.json = codec.mapper();
        this.summaries = new CountryYearSummaries(json);
        this.receipts = new CompletenessReceipts(json);
    }

    /** The country's dashboard in the view named, as it was at {@code asOf}. */
    public Served<CountryDashboard> country(String iso3, int year, String view, Instant asOf) {
        CountryYear key = new CountryYear(iso3, year);
        return country(key, countries(generations.serving(), List.of(key), asOf).get(key), view);
    }

    /** A country's dashboard in the view named, from the country-year as it was ({@link #countries}). */
    Served<CountryDashboard> country(CountryYear key, CountryAt at, String view) {
        if (!at.exists()) {
            return queries.inView(key.country(), key.year(), view,
                    DashboardCalculator.country(key.country(), key.year(), CountryFacts.empty()), Freshness.none(),
                    ValidationTally.NONE, List.of(), List.of(), ExchangeRates.none());
        }
        return queries.inView(key.country(), key.year(), view, at.dashboard(), freshness(at.newestEventTime()),
                at.tally(),
                at.parts(), at.validatedReports(), at.rates());
    }

    /**
     * The world's dashboard in the view named as it was at {@code asOf}: the world rollup of every country's
     * dashboard then (validated: of every country's validated dashboard then, ADR 0019), with its validation
     * over the facts known then (counts, financing reports, indicator results).
     */
    public Served<GlobalDashboard> global(int year, String view, Instant asOf) {
        ReadModel model = generations.serving();
        return global(year, view, countries(model, worldKeys(model, List.of(year)), asOf));
    }

    /** The world's dashboard of {@code year} in the view named, from its country-years as they were. */
    Served<GlobalDashboard> global(int year, String view, Map<CountryYear, CountryAt> ofYears) {
        List<CountryDashboard> countries = new ArrayList<>();
        Optional<Instant> newest = Optional.empty();
        ValidationTally tally = ValidationTally.NONE;
        for (Map.Entry<CountryYear, CountryAt> entry : ofYear(ofYears, year).entrySet()) {
            CountryAt at = entry.getValue();
            if (at.exists()) {
                CountryYear key = entry.getKey();
                CountryDashboard dashboard = queries.inView(key.country(), key.year(), view, at.dashboard(),
                        Freshness.none(), at.tally(), at.parts(), at.validatedReports(), at.rates()).dashboard();
                // as the world node keeps it: the summary without lists, through its JSON
                countries.add(json.readValue(json.writeValueAsString(CountryRollup.forWorld(dashboard)),
                        CountryDashboard.class));
                newest = newer(newest, at.newestEventTime());
                tally = tally.plus(at.tally());
            }
        }
        return new Served<>(GlobalCalculator.global(year, countries), countries.isEmpty() ? Freshness.none()
                : freshness(newest), Validation.of(view, tally));
    }

    /**
     * The programme's dashboard in the view named, as it was at {@code asOf}.
     *
     * @throws NotFoundException when no event had reported the programme by then
     */
    public Served<ProgrammeDashboard> programme(String id, int year, String view, Instant asOf) {
        ReadModel model = generations.serving();
        ProgrammeNode current = model.facts().programme(id).filter(n -> !n.programme().live().isEmpty())
                .orElseThrow(() -> new NotFoundException("no programme " + id + " has been reported"));
        String country = current.country().orElseGet(
                () -> json.readValue(current.programme().live().get(0).json(), ProgrammeFact.class).country());
        CountryYear key = new CountryYear(country, year);
        String countsId = FactHistory.countsId(country, year, id);
        Map<String, List<HistoryEntry>> history = model.history().load(
                List.of(FactHistory.programmeId(id), countsId, FactHistory.financingId(key)));
        ProgrammeNode node = model.history().programmeAsOf(id, history.get(FactHistory.programmeId(id)), Set.of(), asOf);
        if (node.programme().live().isEmpty()) {
            throw new NotFoundException("no programme " + id + " had been reported at " + asOf);
        }
        FactStore.ProgrammeFacts loaded = model.facts().programmeFacts(node, year, view,
                FactHistory.countsAsOf(country, year, id, history.get(countsId), asOf),
                FactHistory.financingAsOf(key, history.get(FactHistory.financingId(key)), asOf),
                ids -> rates(model, ids, asOf));
        ProgrammeDashboard dashboard = DashboardCalculator.programme(loaded.programme(), year, loaded.facts(),
                loaded.countryFinancing());
        return new Served<>(dashboard, freshness(loaded.newestEventTime()), loaded.validation());
    }

    /**
     * The years that had a dashboard at {@code asOf} (those listed now in which some country had data
     * then), latest first, and the year the web app opened on then ({@link DashboardQueries#latestWithData}
     * judged in the year of {@code asOf}): every country-year of the years listed, read from the history at
     * once.
     */
    public DashboardQueries.Years years(Instant asOf) {
        ReadModel model = generations.serving();
        List<Integer> listed = model.dashboards().years();
        Map<CountryYear, CountryAt> then = countries(model, worldKeys(model, listed), asOf);
        List<Integer> years = new ArrayList<>();
        List<Integer> withFigures = new ArrayList<>();
        for (int year : listed) {
            Map<CountryYear, CountryAt> ofYear = ofYear(then, year);
            if (ofYear.values().stream().anyMatch(CountryAt::exists)) {
                years.add(year);
                if (DashboardQueries.hasFigures(global(year, Validation.ALL, ofYear).dashboard())) {
                    withFigures.add(year);
                }
            }
        }
        return new DashboardQueries.Years(years, model.generation(), DashboardQueries.latestWithData(years,
                withFigures, asOf.atZone(ZoneOffset.UTC).getYear()));
    }

    /**
     * What a country-year owed and delivered at an instant (ADR 0020): the reporting of each programme it had
     * then (its schedule then, the receipts of its counts and indicator actuals) and its financing receipts;
     * {@code exists} when it had any fact then.
     */
    public record CompletenessAt(boolean exists, List<ProgrammeReporting> programmes, Map<String, Receipt> financing) {
    }

    /**
     * The completeness inputs of these country-years as they were at {@code asOf} (ADR 0021): computed by the
     * projection's own code ({@link CompletenessReceipts}) from the fact documents as they were then, each
     * item first received at the earliest event time known then that reported it. The same fixed number of
     * queries by {@code _id} as a dashboard as of a date.
     */
    public Map<CountryYear, CompletenessAt> completeness(Collection<CountryYear> keys, Instant asOf) {
        Map<CountryYear, CompletenessAt> result = new LinkedHashMap<>();
        countries(generations.serving(), keys, asOf).forEach((key, at) -> {
            Map<String, Instant> arrivals = receipts.arrivals(key.country(), key.year(), at.history(), asOf);
            List<ProgrammeReporting> programmes = new ArrayList<>();
            at.programmes().forEach((id, node) -> programmes.add(receipts.programmeReporting(
                    new ProgrammeYear(key.country(), key.year(), id), null, node, at.counts().get(id), arrivals::get)));
            Map<String, Receipt> financing = new TreeMap<>();
            receipts.financing(financing, at.financing(), arrivals::get);
            result.put(key, new CompletenessAt(at.exists(), programmes, financing));
        });
        return result;
    }

    /** A figure of a country dashboard that differs between two instants. */
    public record FigureChange(String figure, Object before, Object after) {
    }

    /**
     * What changed on a country dashboard between {@code from} and {@code to}: each figure that differs
     * (headline, per target group, per programme) with its value at both instants, and every fact version
     * that became known in between ({@code from} excluded, {@code to} included), oldest first.
     */
    public record Changes(String country, int year, Instant from, Instant to, List<FigureChange> figures,
            List<AuditStep> steps) {
    }

    public Changes changes(String iso3, int year, Instant from, Instant to) {
        ReadModel model = generations.serving();
        CountryYear key = new CountryYear(iso3, year);
        CountryDashboard before = dashboardAt(model, key, from);
        CountryDashboard after = dashboardAt(model, key, to);
        List<FigureChange> figures = new ArrayList<>();
        figureChanges(figures(before), figures(after), figures);
        List<AuditStep> steps = new ArrayList<>();
        countryHistory(model, key).values().forEach(entries -> AuditSteps.of(entries, json).stream()
                .filter(s -> s.time() != null && s.time().isAfter(from) && !s.time().isAfter(to)).forEach(steps::add));
        steps.sort(AuditSteps.BY_TIME);
        return new Changes(iso3, year, from, to, figures, steps);
    }

    /**
     * The chain behind the figures of a country-year: every count, financing report and indicator result
     * that makes them up, with all its versions. {@code dataset} says which sections are filled (null:
     * all three, or only the counts when a target group or measure narrows them to a beneficiary figure);
     * the others are empty.
     */
    public record AuditTrail(String country, int year, String programmeId, String targetGroup, String measure,
            ReportingDataset dataset, List<AuditedCount> counts, List<AuditedReport> financingReports,
            List<AuditedIndicatorResult> indicatorResults) {
    }

    /**
     * One count (a programme, period, target group and measure) and its versions.
     *
     * @param state SUBMITTED, VALIDATED, RETURNED or WITHDRAWN after its last version
     * @param figures its figures now (null when withdrawn)
     */
    public record AuditedCount(String countId, String programmeId, String period, String targetGroup, String measure,
            String state, Object figures, List<AuditStep> steps) {
    }

    /**
     * One financing report (a country, period and programme, or the whole country) and its versions.
     *
     * @param state SUBMITTED, VALIDATED, RETURNED or WITHDRAWN after its last version
     * @param figures its amounts now (null when withdrawn)
     */
    public record AuditedReport(String reportId, String programmeId, String period, String state, Object figures,
            List<AuditStep> steps) {
    }

    /**
     * One indicator result (a programme's indicator for a period) and its versions (the programme's).
     *
     * @param state SUBMITTED, VALIDATED or RETURNED after its last version
     * @param figures the result now: actual value, baseline and target
     */
    public record AuditedIndicatorResult(String programmeId, String indicatorCode, String period, String state,
            Object figures, List<AuditStep> steps) {
    }

    /**
     * The audit trail of the figures of a country-year, narrowed to a programme, and for counts to a
     * target group and a measure, where named: each count, financing report and indicator result with
     * every version (reported, withdrawn, validated, returned). One query by {@code _id $in}.
     */
    public AuditTrail audit(String iso3, int year, String programmeId, String targetGroup, String measure,
            ReportingDataset dataset) {
        ReportingDataset only = dataset != null ? dataset
                : targetGroup != null || measure != null ? ReportingDataset.BENEFICIARY_COUNTS : null;
        ReadModel model = generations.serving();
        CountryYear key = new CountryYear(iso3, year);
        Set<String> ofCountry = new TreeSet<>();
        model.dashboards().findCountryNode(key).ifPresent(n -> n.parts().forEach(p -> ofCountry.add(p.programmeId())));
        // a programme's counts are this country's by their history id; its indicator results only if the
        // country-year has the programme
        Set<String> programmes = programmeId == null ? ofCountry : Set.of(programmeId);
        boolean counts = only == null || only == ReportingDataset.BENEFICIARY_COUNTS;
        boolean financing = only == null || only == ReportingDataset.FINANCING;
        boolean indicators = only == null || only == ReportingDataset.INDICATOR_RESULTS;
        Set<String> ids = new LinkedHashSet<>();
        if (counts) {
            programmes.forEach(p -> ids.add(FactHistory.countsId(iso3, year, p)));
        }
        if (financing) {
            ids.add(FactHistory.financingId(key));
        }
        if (indicators) {
            ofCountry.stream().filter(p -> programmeId == null || programmeId.equals(p))
                    .forEach(p -> ids.add(FactHistory.programmeId(p)));
        }
        Map<String, List<HistoryEntry>> history = model.history().load(ids);
        List<AuditedCount> audited = counts ? auditedCounts(history, iso3, year, programmes, targetGroup, measure)
                : List.of();
        List<AuditedReport> reports = new ArrayList<>();
        if (financing) {
            byFact(AuditSteps.of(history.get(FactHistory.financingId(key)), json)).forEach((reportId, steps) -> {
                AuditStep last = steps.get(steps.size() - 1);
                if (programmeId == null || programmeId.equals(last.programmeId())) {
                    reports.add(new AuditedReport(reportId, last.programmeId(), last.period(), AuditSteps.state(steps),
                            last.after(), steps));
                }
            });
        }
        List<AuditedIndicatorResult> results = new ArrayList<>();
        history.forEach((id, entries) -> {
            if (!id.startsWith(FactHistory.programmeId(""))) {
                return;
            }
            List<HistoryEntry> ofIndicators = entries.stream().filter(e -> e.kind() == HistoryEntry.Kind.INDICATOR)
                    .toList();
            byFact(AuditSteps.of(ofIndicators, json)).forEach((fact, steps) -> {
                AuditStep last = steps.get(steps.size() - 1);
                if (ReportingPeriod.parse(last.period()).map(ReportingPeriod::year).orElse(0) == year) {
                    results.add(new AuditedIndicatorResult(last.programmeId(), fact.substring(0, fact.lastIndexOf('/')),
                            last.period(), AuditSteps.state(steps), last.after(), steps));
                }
            });
        });
        results.sort(java.util.Comparator.comparing(AuditedIndicatorResult::programmeId)
                .thenComparing(AuditedIndicatorResult::indicatorCode).thenComparing(AuditedIndicatorResult::period));
        return new AuditTrail(iso3, year, programmeId, targetGroup, measure, dataset, audited, reports, results);
    }

    private List<AuditedCount> auditedCounts(Map<String, List<HistoryEntry>> history, String iso3, int year,
            Set<String> programmes, String targetGroup, String measure) {
        List<AuditStep> all = new ArrayList<>();
        programmes.forEach(p -> all.addAll(AuditSteps.of(history.get(FactHistory.countsId(iso3, year, p)), json)));
        List<AuditedCount> counts = new ArrayList<>();
        byFact(all.stream().filter(s -> targetGroup == null || targetGroup.equals(s.targetGroup()))
                .filter(s -> measure == null || measure.equals(s.measure())).toList()).forEach((countId, steps) -> {
                    AuditStep last = steps.get(steps.size() - 1);
                    counts.add(new AuditedCount(countId, last.programmeId(), last.period(), last.targetGroup(),
                            last.measure(), AuditSteps.state(steps), last.after(), steps));
                });
        counts.sort(java.util.Comparator.comparing(AuditedCount::programmeId).thenComparing(AuditedCount::period)
                .thenComparing(AuditedCount::targetGroup).thenComparing(AuditedCount::measure)
                .thenComparing(AuditedCount::countId));
        return counts;
    }

    /** Steps by fact id, each fact's in version order. */
    private static Map<String, List<AuditStep>> byFact(List<AuditStep> steps) {
        Map<String, List<AuditStep>> byFact = new TreeMap<>();
        steps.forEach(s -> byFact.computeIfAbsent(s.fact(), k -> new ArrayList<>()).add(s));
        return byFact;
    }

    /**
     * A country-year as the projection held it at an instant: its dashboard, the tally of its facts
     * validated then, its programme-year parts, the
     * programme documents and count buckets of those parts, its financing bucket, its reports (live and
     * validated) with the rate documents they need, and the history entries it was rebuilt from.
     */
    record CountryAt(boolean exists, CountryDashboard dashboard, Optional<Instant> newestEventTime,
            ValidationTally tally, List<CountryNode.Part> parts, List<FinancingFact> validatedReports, ExchangeRates rates,
            Map<String, ProgrammeNode> programmes, Map<String, FactBucket> counts, FactBucket financing,
            List<FinancingFact> reports, Map<String, RateNode> rateNodes, Map<String, List<HistoryEntry>> history) {
    }

    /** The country-years the world nodes of these years list (every country that has had a dashboard in one). */
    static List<CountryYear> worldKeys(ReadModel model, Collection<Integer> years) {
        List<CountryYear> keys = new ArrayList<>();
        years.forEach(year -> model.dashboards().worldCountries(year).forEach(c -> keys.add(new CountryYear(c, year))));
        return keys;
    }

    /** The entries of one year. */
    static Map<CountryYear, CountryAt> ofYear(Map<CountryYear, CountryAt> countries, int year) {
        Map<CountryYear, CountryAt> ofYear = new LinkedHashMap<>();
        countries.forEach((key, at) -> {
            if (key.year() == year) {
                ofYear.put(key, at);
            }
        });
        return ofYear;
    }

    /** How fresh the existing country-years were: the newest event among them. */
    static Freshness freshnessOf(Collection<CountryAt> countries) {
        Optional<Instant> newest = Optional.empty();
        boolean any = false;
        for (CountryAt at : countries) {
            if (at.exists()) {
                any = true;
                newest = newer(newest, at.newestEventTime());
            }
        }
        return any ? freshness(newest) : Freshness.none();
    }

    /**
     * The financing of country-years as they were, in the view named ({@link Validation}): each one's live
     * reports or last validated ones, with the rates they need then (what {@code FactStore.financing}
     * reads from the stored buckets).
     */
    FactStore.Financing financing(Map<CountryYear, CountryAt> countries, String view) {
        Map<CountryYear, List<FinancingFact>> reports = new LinkedHashMap<>();
        List<FinancingFact> all = new ArrayList<>();
        Map<String, RateNode> rates = new LinkedHashMap<>();
        Map<CountryYear, List<FactStore.Reviewed>> reviews = new LinkedHashMap<>();
        FactStore facts = generations.serving().facts();
        countries.forEach((key, at) -> {
            reviews.put(key, facts.reviews(at.financing()));
            List<FinancingFact> inView = Validation.VALIDATED.equals(view) ? at.validatedReports() : at.reports();
            reports.put(key, inView);
            all.addAll(inView);
            rates.putAll(at.rateNodes());
        });
        return new FactStore.Financing(reports, summaries.exchange(all, rates), reviews);
    }

    /**
     * Country-years as they were at {@code asOf}, in a fixed number of queries by {@code _id}: the nodes
     * (their parts name every programme the country-year has had, a superset of those it had then), the
     * history documents of those programmes and of the financing, then the rates' histories.
     */
    Map<CountryYear, CountryAt> countries(ReadModel model, Collection<CountryYear> keys, Instant asOf) {
        Map<CountryYear, CountryNode> nodes = model.dashboards().countryNodes(keys);
        Set<String> ids = new LinkedHashSet<>();
        nodes.forEach((key, node) -> {
            ids.add(FactHistory.financingId(key));
            node.parts().forEach(p -> {
                ids.add(FactHistory.countsId(key.country(), key.year(), p.programmeId()));
                ids.add(FactHistory.programmeId(p.programmeId()));
            });
        });
        Map<String, List<HistoryEntry>> history = model.history().load(ids);
        Map<CountryYear, FactBucket> financing = new LinkedHashMap<>();
        Map<CountryYear, List<FinancingFact>> reports = new LinkedHashMap<>();
        Map<CountryYear, List<FinancingFact>> validatedReports = new LinkedHashMap<>();
        Set<String> rateIds = new TreeSet<>();
        nodes.keySet().forEach(key -> {
            FactBucket bucket = FactHistory.financingAsOf(key, history.get(FactHistory.financingId(key)), asOf);
            financing.put(key, bucket);
            List<FinancingFact> live = summaries.reports(bucket);
            reports.put(key, live);
            validatedReports.put(key, summaries.validatedReports(bucket));
            rateIds.addAll(CountryYearSummaries.rateIds(live));
            rateIds.addAll(CountryYearSummaries.rateIds(validatedReports.get(key)));
        });
        Map<String, RateNode> rates = rates(model, rateIds, asOf);
        Map<CountryYear, CountryAt> result = new LinkedHashMap<>();
        nodes.forEach((key, node) -> {
            List<CountryNode.Part> parts = new ArrayList<>();
            Map<String, ProgrammeNode> programmes = new LinkedHashMap<>();
            Map<String, FactBucket> counts = new LinkedHashMap<>();
            for (CountryNode.Part stored : node.parts()) {
                String programmeId = stored.programmeId();
                List<HistoryEntry> countEntries = history.get(FactHistory.countsId(key.country(), key.year(),
                        programmeId));
                Set<Integer> countYears = countEntries.stream().anyMatch(e -> e.knownAt(asOf)) ? Set.of(key.year())
                        : Set.of();
                ProgrammeNode programme = model.history().programmeAsOf(programmeId,
                        history.get(FactHistory.programmeId(programmeId)), countYears, asOf);
                if (programme.years().contains(key.year())) {
                    FactBucket bucket = FactHistory.countsAsOf(key.country(), key.year(), programmeId, countEntries,
                            asOf);
                    parts.add(summaries.programmeYear(new ProgrammeYear(key.country(), key.year(), programmeId),
                            bucket, programme));
                    programmes.put(programmeId, programme);
                    counts.put(programmeId, bucket);
                }
            }
            FactBucket bucket = financing.get(key);
            boolean exists = !parts.isEmpty() || !bucket.facts().all().isEmpty();
            CountryYearSummaries.Country computed = summaries.country(key, parts, bucket, reports.get(key), rates);
            Map<String, List<HistoryEntry>> entries = new LinkedHashMap<>();
            entries.put(FactHistory.financingId(key), history.get(FactHistory.financingId(key)));
            node.parts().forEach(p -> {
                String countsId = FactHistory.countsId(key.country(), key.year(), p.programmeId());
                entries.put(countsId, history.get(countsId));
                entries.put(FactHistory.programmeId(p.programmeId()),
                        history.get(FactHistory.programmeId(p.programmeId())));
            });
            result.put(key, new CountryAt(exists, computed.dashboard(), computed.newestEventTime(), computed.tally(),
                    parts,
                    validatedReports.get(key), summaries.exchange(validatedReports.get(key), rates), programmes,
                    counts, bucket, reports.get(key), rates, entries));
        });
        return result;
    }

    private CountryDashboard dashboardAt(ReadModel model, CountryYear key, Instant asOf) {
        CountryAt at = countries(model, List.of(key), asOf).get(key);
        return at.exists() ? at.dashboard() : DashboardCalculator.country(key.country(), key.year(), CountryFacts.empty());
    }

    /** The history documents of a country-year: its programmes' counts and documents, its financing. */
    private Map<String, List<HistoryEntry>> countryHistory(ReadModel model, CountryYear key) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(FactHistory.financingId(key));
        model.dashboards().findCountryNode(key).ifPresent(n -> n.parts().forEach(p -> {
            ids.add(FactHistory.countsId(key.country(), key.year(), p.programmeId()));
            ids.add(FactHistory.programmeId(p.programmeId()));
        }));
        return model.history().load(ids);
    }

    /** The rate documents named, as they were at {@code asOf}. */
    private static Map<String, RateNode> rates(ReadModel model, Collection<String> rateIds, Instant asOf) {
        Map<String, List<HistoryEntry>> history = model.history().load(rateIds.stream().map(FactHistory::rateId).toList());
        Map<String, RateNode> rates = new LinkedHashMap<>();
        rateIds.forEach(id -> rates.put(id, FactHistory.rateAsOf(id, history.get(FactHistory.rateId(id)), asOf)));
        return rates;
    }

    /** The figures a comparison looks at, by name (a flat map of the headline, groups and programmes). */
    static Map<String, Object> figures(CountryDashboard d) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("activeBeneficiaries", d.activeBeneficiaries());
        figures.put("newBeneficiaries", d.newBeneficiaries());
        figures.put("targetPopulation", d.targetPopulation());
        figures.put("coverageRate", d.coverageRate());
        if (d.financing() != null) {
            figures.put("financing.allocatedUsd", d.financing().allocatedUsd());
            figures.put("financing.executedUsd", d.financing().executedUsd());
        }
        if (d.byTargetGroup() != null) {
            d.byTargetGroup().forEach(g -> {
                figures.put("byTargetGroup." + g.targetGroup() + ".activeBeneficiaries", g.activeBeneficiaries());
                figures.put("byTargetGroup." + g.targetGroup() + ".newBeneficiaries", g.newBeneficiaries());
            });
        }
        if (d.programmes() != null) {
            d.programmes().forEach(p -> {
                figures.put("programmes." + p.programmeId() + ".activeBeneficiaries", p.activeBeneficiaries());
                figures.put("programmes." + p.programmeId() + ".newBeneficiaries", p.newBeneficiaries());
            });
        }
        return figures;
    }

    /** Adds each figure whose value differs (a figure present at one instant only: the other is null). */
    static void figureChanges(Map<String, Object> before, Map<String, Object> after, List<FigureChange> changes) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            Object a = before.get(name);
            Object b = after.get(name);
            boolean same = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0
                    : Objects.equals(a, b);
            if (!same) {
                changes.add(new FigureChange(name, a, b));
            }
        }
    }

    private static Optional<Instant> newer(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }

    private static Freshness freshness(Optional<Instant> newestEventTime) {
        return new Freshness(newestEventTime.orElse(null), null, null);
    }
}
