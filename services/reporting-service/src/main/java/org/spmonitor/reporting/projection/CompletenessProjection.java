package org.spmonitor.reporting.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.completeness.domain.CompletenessCalculator;
import org.spmonitor.reporting.completeness.domain.ProgrammeReporting;
import org.spmonitor.reporting.completeness.domain.Receipt;
import org.spmonitor.reporting.completeness.domain.ReportingSchedule;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.store.CompletenessStore;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;
import org.spmonitor.reporting.dashboard.store.StoredFact;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the completeness documents of the country-years a batch touched (ADR 0020), from the same
 * documents the batch projected: each touched programme-year's schedule (its programme document), the
 * state of its counts (its count bucket) and indicator actuals (its programme document), and each touched
 * country-year's financing reports (its financing bucket). Whether an item is there and validated is the
 * state of its fact (so a review event of any dataset plugs in by updating the fact's review state);
 * when it first arrived is the earliest {@code ce_time} of an event that reported it, which neither a
 * redelivery nor a replay changes. Read before the facts and written under the guard of ADR 0012, like
 * the country-year nodes.
 */
final class CompletenessProjection {

    private final CompletenessStore store;
    private final JsonMapper json;

    CompletenessProjection(CompletenessStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Reads the documents of the touched country-years: before the facts they are computed from. */
    Map<CountryYear, CompletenessStore.Node> read(Collection<CountryYear> touched) {
        return store.nodes(touched);
    }

    /** Recomputes the touched programme-years and country-years and writes what changed. */
    void project(Map<CountryYear, CompletenessStore.Node> nodes, List<ReceivedEvent> events,
            Collection<ProgrammeYear> programmeYears, Map<String, ProgrammeNode> programmes,
            Map<String, FactBucket> counts, Map<CountryYear, FactBucket> financing) {
        Arrivals arrivals = new Arrivals(events);
        for (ProgrammeYear py : programmeYears) {
            CompletenessStore.Node node = nodes.get(py.countryYear());
            ProgrammeNode programme = programmes.get(py.programmeId());
            FactBucket bucket = counts.get(FactStore.countBucketId(py.country(), py.year(), py.programmeId()));
            if (node != null && programme != null && bucket != null) {
                node.put(programmeReporting(py, node.programmes().get(py.programmeId()), programme, bucket, arrivals));
            }
        }
        financing.forEach((key, bucket) -> {
            CompletenessStore.Node node = nodes.get(key);
            if (node != null) {
                Map<String, Receipt> receipts = node.financing();
                Map<String, Receipt> before = new HashMap<>(receipts);
                receipts.clear();
                for (StoredFact f : bucket.facts().all()) {
                    if (f.json() != null) {
                        FinancingReportSubmitted r = json.readValue(f.json(), FinancingReportSubmitted.class);
                        String item = financingItem(r.period(), r.programmeId());
                        receipts.put(item, receipt(before.get(item), arrivals.of(key, item), f));
                    }
                }
            }
        });
        store.save(nodes.values());
    }

    private ProgrammeReporting programmeReporting(ProgrammeYear py, ProgrammeReporting before, ProgrammeNode programme,
            FactBucket bucket, Arrivals arrivals) {
        CountryYear key = py.countryYear();
        Map<String, Receipt> countReceipts = new TreeMap<>();
        for (StoredFact f : bucket.facts().all()) {
            if (f.json() != null) {
                BeneficiaryCountReported c = json.readValue(f.json(), BeneficiaryCountReported.class);
                String item = ProgrammeReporting.key(c.period(), c.targetGroup() + "/" + c.measure());
                countReceipts.put(item, receipt(before == null ? null : before.counts().get(item),
                        arrivals.of(key, py.programmeId() + "|" + item), f));
            }
        }
        Map<String, Receipt> indicatorReceipts = new TreeMap<>();
        TreeSet<String> codes = new TreeSet<>();
        for (StoredFact f : programme.indicators().all()) {
            if (f.json() != null) {
                IndicatorResultReported r = json.readValue(f.json(), IndicatorResultReported.class);
                codes.add(r.indicatorCode());
                if (yearOf(r.period()) == py.year() && py.country().equals(r.country())) {
                    String item = ProgrammeReporting.key(r.period(), r.indicatorCode());
                    indicatorReceipts.put(item, receipt(before == null ? null : before.indicators().get(item),
                            arrivals.of(key, py.programmeId() + "|" + item), f));
                }
            }
        }
        List<StoredFact> state = programme.programme().live();
        ProgrammeFact fact = state.isEmpty() ? null : json.readValue(state.get(0).json(), ProgrammeFact.class);
        List<String> series = new ArrayList<>();
        if (fact != null && fact.targetGroups() != null) {
            for (TargetGroup group : fact.targetGroups()) {
                for (Measure measure : Measure.values()) {
                    series.add(group + "/" + measure);
                }
            }
        }
        ReportingSchedule schedule = fact == null ? ReportingSchedule.of(null, null, null, null)
                : ReportingSchedule.of(fact.reportingFrequency(), fact.dueLagDays(), fact.startDate(), fact.endDate());
        return new ProgrammeReporting(py.programmeId(), fact == null ? null : fact.name(),
                fact == null ? null : fact.status(), schedule, series, List.copyOf(codes), countReceipts,
                indicatorReceipts);
    }

    /**
     * An item's receipt: there unless its fact is withdrawn, validated as its fact is, first received at
     * the earliest of what was stored and this batch's events; a fact projected before completeness
     * existed (no receipt, no event in the batch) counts from its current version's event.
     */
    private static Receipt receipt(Receipt before, Instant arrivedInBatch, StoredFact fact) {
        Instant first = before == null ? null : before.firstReceived();
        if (arrivedInBatch != null && (first == null || arrivedInBatch.isBefore(first))) {
            first = arrivedInBatch;
        }
        if (first == null) {
            first = fact.eventTime();
        }
        return new Receipt(first, !fact.withdrawn(), !fact.withdrawn() && fact.isValidated());
    }

    static String financingItem(String period, String programmeId) {
        return ProgrammeReporting.key(period, programmeId == null ? CompletenessCalculator.WHOLE_COUNTRY : programmeId);
    }

    private static int yearOf(String period) {
        return ReportingPeriod.parse(period).map(ReportingPeriod::year).orElse(0);
    }

    /** The earliest time of the batch's events that reported each item, by country-year. */
    private static final class Arrivals {

        private final Map<CountryYear, Map<String, Instant>> times = new HashMap<>();

        Arrivals(List<ReceivedEvent> events) {
            for (ReceivedEvent event : events) {
                Object payload = event.payload();
                if (payload instanceof BeneficiaryCountReported c) {
                    offer(new CountryYear(c.country(), yearOf(c.period())), c.programmeId() + "|"
                            + ProgrammeReporting.key(c.period(), c.targetGroup() + "/" + c.measure()), event.time());
                }
                else if (payload instanceof FinancingReportSubmitted r) {
                    offer(new CountryYear(r.country(), yearOf(r.period())), financingItem(r.period(), r.programmeId()),
                            event.time());
                }
                else if (payload instanceof IndicatorResultReported i) {
                    offer(new CountryYear(i.country(), yearOf(i.period())), i.programmeId() + "|"
                            + ProgrammeReporting.key(i.period(), i.indicatorCode()), event.time());
                }
            }
        }

        private void offer(CountryYear key, String item, Instant time) {
            if (time != null) {
                times.computeIfAbsent(key, k -> new HashMap<>()).merge(item, time, (a, b) -> a.isBefore(b) ? a : b);
            }
        }

        Instant of(CountryYear key, String item) {
            return times.getOrDefault(key, Map.of()).get(item);
        }
    }
}
