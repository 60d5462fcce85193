package org.spmonitor.reporting.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.reporting.dashboard.domain.CountFact;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.IndicatorFact;
import org.spmonitor.reporting.dashboard.domain.MilestoneFact;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;
import org.spmonitor.reporting.dashboard.store.CountryNode;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;
import org.spmonitor.reporting.dashboard.store.RateNode;
import org.spmonitor.reporting.dashboard.store.StoredFact;

import tools.jackson.databind.json.JsonMapper;

/**
 * The summaries of the rollup hierarchy (ADR 0004) computed from the fact documents: a programme-year
 * part from its count bucket and its programme document, a country-year dashboard from its parts, its
 * financing bucket and the rates of its currencies. The projection computes them from the stored facts;
 * a dashboard as of a date (ADR 0021) from the facts as they were then, by the same code, so both agree.
 */
public final class CountryYearSummaries {

    private final JsonMapper json;

    public CountryYearSummaries(JsonMapper json) {
        this.json = json;
    }

    /**
     * A country-year dashboard, the newest event among what it was computed from, and the tally of the
     * facts validated its figures come from (ADR 0019): its parts' counts and indicator results, its
     * financing reports.
     */
    public record Country(CountryDashboard dashboard, Optional<Instant> newestEventTime, ValidationTally tally) {
    }

    /** A programme's summary for one country and year, from its count bucket and its programme document. */
    public CountryNode.Part programmeYear(ProgrammeYear node, FactBucket bucket, ProgrammeNode programme) {
        Newest newest = new Newest();
        bucket.facts().newestEventTime().ifPresent(newest::offer);
        List<CountFact> live = bucket.facts().live().stream()
                .map(f -> CountFact.of(read(f, BeneficiaryCountReported.class))).toList();
        ProgrammeFact fact = null;
        for (StoredFact f : programme.programme().live()) {
            fact = read(f, ProgrammeFact.class);
            newest.offer(f.eventTime());
        }
        List<MilestoneFact> milestones = new ArrayList<>();
        for (StoredFact f : programme.milestones().live()) {
            MilestoneReported m = read(f, MilestoneReported.class);
            if (node.country().equals(m.country()) && DashboardCalculator.milestoneYear(m) == node.year()) {
                milestones.add(new MilestoneFact(m));
                newest.offer(f.eventTime());
            }
        }
        List<IndicatorFact> indicators = new ArrayList<>();
        Map<String, List<Instant>> times = new TreeMap<>();
        long results = 0;
        long validatedResults = 0;
        for (StoredFact f : programme.indicators().live()) {
            IndicatorFact i = IndicatorFact.of(read(f, IndicatorResultReported.class));
            indicators.add(i);
            times.computeIfAbsent(i.indicatorKey(), k -> new ArrayList<>()).add(f.eventTime());
            if (node.country().equals(i.result().country()) && i.period().year() == node.year()) {
                // the results of the country and year: those the country dashboard shows
                results++;
                validatedResults += f.isValidated() ? 1 : 0;
            }
        }
        CountryDashboard summary = CountryRollup.programmeYear(node.country(), node.year(), live, fact,
                milestones, indicators);
        summary.indicators().forEach(v -> times.getOrDefault(v.programmeId() + "|" + v.indicatorCode(), List.of())
                .forEach(newest::offer));
        // the validated view (ADR 0019): the same summary of each count's and indicator result's last
        // validated figures
        List<CountFact> validated = bucket.facts().validated().stream()
                .map(f -> CountFact.of(read(f, BeneficiaryCountReported.class))).toList();
        List<IndicatorFact> validatedIndicators = programme.indicators().validated().stream()
                .map(f -> IndicatorFact.of(read(f, IndicatorResultReported.class))).toList();
        CountryDashboard validatedSummary = CountryRollup.programmeYear(node.country(), node.year(), validated, fact,
                milestones, validatedIndicators);
        long validatedFacts = bucket.facts().live().stream().filter(StoredFact::isValidated).count();
        return new CountryNode.Part(node.programmeId(), json.writeValueAsString(summary), newest.value().orElse(null),
                json.writeValueAsString(validatedSummary),
                ValidationTally.ofCountsAndIndicators(live.size(), validatedFacts, results, validatedResults));
    }

    /** How many financing reports of a country-year bucket are not withdrawn, and how many are validated. */
    public static ValidationTally financingTally(FactBucket financing) {
        List<StoredFact> live = financing.facts().live();
        return ValidationTally.ofFinancing(live.size(), live.stream().filter(StoredFact::isValidated).count());
    }

    /** The financing reports of a country-year bucket that are not withdrawn. */
    public List<FinancingFact> reports(FactBucket financing) {
        return financing.facts().live().stream()
                .map(f -> FinancingFact.of(read(f, FinancingReportSubmitted.class))).toList();
    }

    /** The last validated version of each financing report of a country-year bucket (ADR 0019). */
    public List<FinancingFact> validatedReports(FactBucket financing) {
        return financing.facts().validated().stream()
                .map(f -> FinancingFact.of(read(f, FinancingReportSubmitted.class))).toList();
    }

    /** The rates of the reports' currencies and years, from the rate documents (none where a document is missing). */
    public ExchangeRates exchange(Collection<FinancingFact> reports, Map<String, RateNode> rates) {
        return exchange(reports, rates, time -> { });
    }

    /** As {@link #exchange(Collection, Map)}, offering each rate's event time to {@code seen}. */
    private ExchangeRates exchange(Collection<FinancingFact> reports, Map<String, RateNode> rates,
            Consumer<Instant> seen) {
        ExchangeRates exchange = ExchangeRates.none();
        for (FinancingFact f : reports) {
            RateNode node = rates.get(RateNode.id(f.report().currency(), f.period().year()));
            if (node != null) {
                for (StoredFact r : node.rate().live()) {
                    ExchangeRatePublished published = read(r, ExchangeRatePublished.class);
                    exchange.with(published.currency(), published.year(), published.unitsPerUsd());
                    seen.accept(r.eventTime());
                }
            }
        }
        return exchange;
    }

    /** The ids of the rate documents the reports need ({@link RateNode#id}). */
    public static Set<String> rateIds(Collection<FinancingFact> reports) {
        Set<String> ids = new TreeSet<>();
        reports.forEach(f -> ids.add(RateNode.id(f.report().currency(), f.period().year())));
        return ids;
    }

    /**
     * The country-year dashboard: the sum of its programme-year parts (in the node's order), its financing
     * from {@code reports} converted with the {@code rates} of their currencies and years.
     */
    public Country country(CountryYear key, Collection<CountryNode.Part> parts, FactBucket financing,
            List<FinancingFact> reports, Map<String, RateNode> rates) {
        Newest newest = new Newest();
        List<CountryDashboard> summaries = new ArrayList<>();
        parts.forEach(part -> {
            summaries.add(json.readValue(part.json(), CountryDashboard.class));
            newest.offer(part.newestEventTime());
        });
        financing.facts().newestEventTime().ifPresent(newest::offer);
        ExchangeRates exchange = exchange(reports, rates, newest::offer);
        ValidationTally tally = ValidationTally.sum(parts.stream().map(CountryNode.Part::tally).toList())
                .plus(financingTally(financing));
        return new Country(CountryRollup.country(key.country(), key.year(), summaries, reports, exchange),
                newest.value(), tally);
    }

    private <T> T read(StoredFact fact, Class<T> type) {
        return json.readValue(fact.json(), type);
    }

    /** Keeps the newest event time offered. */
    private static final class Newest {
        private Instant value;

        void offer(Instant time) {
            if (time != null && (value == null || time.isAfter(value))) {
                value = time;
            }
        }

        Optional<Instant> value() {
            return Optional.ofNullable(value);
        }
    }
}
