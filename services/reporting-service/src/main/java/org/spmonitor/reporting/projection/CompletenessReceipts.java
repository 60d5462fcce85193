package org.spmonitor.reporting.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.completeness.domain.CompletenessCalculator;
import org.spmonitor.reporting.completeness.domain.ProgrammeReporting;
import org.spmonitor.reporting.completeness.domain.Receipt;
import org.spmonitor.reporting.completeness.domain.ReportingSchedule;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactHistory;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.HistoryEntry;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;
import org.spmonitor.reporting.dashboard.store.StoredFact;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a country-year's programmes owe and delivered (ADR 0020), from its fact documents: the projection
 * keeps it from the stored documents and the arrivals of a batch's events, a completeness view as of a
 * date (ADR 0021) computes it from the documents as they were then and the arrivals the history knew then,
 * by the same code. An item's arrival is keyed {@code <programmeId>|<period>|<series or indicator code>} for
 * counts and indicator actuals, {@code <period>|<programmeId or *>} for financing reports.
 */
public final class CompletenessReceipts {

    private final JsonMapper json;

    public CompletenessReceipts(JsonMapper json) {
        this.json = json;
    }

    /**
     * A programme-year's reporting: its schedule and what it owes from its programme document, the receipts
     * of its counts (its count bucket) and of its indicator actuals of the year (its programme document).
     *
     * @param before what was stored (null: nothing)
     * @param arrivals the earliest event time that reported an item, by its key (null: none)
     */
    public ProgrammeReporting programmeReporting(ProgrammeYear py, ProgrammeReporting before, ProgrammeNode programme,
            FactBucket bucket, Function<String, Instant> arrivals) {
        Map<String, Receipt> countReceipts = new TreeMap<>();
        for (StoredFact f : bucket.facts().all()) {
            if (f.json() != null) {
                BeneficiaryCountReported c = json.readValue(f.json(), BeneficiaryCountReported.class);
                String item = ProgrammeReporting.key(c.period(), c.targetGroup() + "/" + c.measure());
                countReceipts.put(item, receipt(before == null ? null : before.counts().get(item),
                        arrivals.apply(py.programmeId() + "|" + item), f));
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
                            arrivals.apply(py.programmeId() + "|" + item), f));
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
     * Sets {@code receipts} (by {@code <period>|<programmeId or *>}) to those of the financing bucket's
     * reports, keeping the first arrivals they had.
     */
    public void financing(Map<String, Receipt> receipts, FactBucket bucket, Function<String, Instant> arrivals) {
        Map<String, Receipt> before = new HashMap<>(receipts);
        receipts.clear();
        for (StoredFact f : bucket.facts().all()) {
            if (f.json() != null) {
                FinancingReportSubmitted r = json.readValue(f.json(), FinancingReportSubmitted.class);
                String item = financingItem(r.period(), r.programmeId());
                receipts.put(item, receipt(before.get(item), arrivals.apply(item), f));
            }
        }
    }

    /**
     * The arrivals of a country-year's items known at {@code asOf}: the earliest time of an entry, known
     * then, that reported the item, from the history documents of its counts, its financing and its
     * programmes (an indicator actual counts for the country and year it names).
     */
    public Map<String, Instant> arrivals(String country, int year, Map<String, List<HistoryEntry>> history,
            Instant asOf) {
        Map<String, Instant> times = new HashMap<>();
        history.values().forEach(entries -> entries.forEach(e -> {
            if (!e.knownAt(asOf) || e.json() == null || FactHistory.Step.of(e.type()) != FactHistory.Step.REPORT) {
                return;
            }
            String item = switch (e.kind()) {
                case COUNT -> {
                    BeneficiaryCountReported c = json.readValue(e.json(), BeneficiaryCountReported.class);
                    yield c.programmeId() + "|" + ProgrammeReporting.key(c.period(), c.targetGroup() + "/" + c.measure());
                }
                case FINANCING -> {
                    FinancingReportSubmitted r = json.readValue(e.json(), FinancingReportSubmitted.class);
                    yield financingItem(r.period(), r.programmeId());
                }
                case INDICATOR -> {
                    IndicatorResultReported i = json.readValue(e.json(), IndicatorResultReported.class);
                    yield country.equals(i.country()) && yearOf(i.period()) == year
                            ? i.programmeId() + "|" + ProgrammeReporting.key(i.period(), i.indicatorCode()) : null;
                }
                default -> null;
            };
            if (item != null) {
                times.merge(item, e.time(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }));
        return times;
    }

    /**
     * An item's receipt: there unless its fact is withdrawn, validated as its fact is, first received at
     * the earliest of what was stored and what arrived; a fact projected before completeness existed (no
     * receipt, no arrival known) counts from its current version's event.
     */
    static Receipt receipt(Receipt before, Instant arrived, StoredFact fact) {
        Instant first = before == null ? null : before.firstReceived();
        if (arrived != null && (first == null || arrived.isBefore(first))) {
            first = arrived;
        }
        if (first == null) {
            first = fact.eventTime();
        }
        return new Receipt(first, !fact.withdrawn(), !fact.withdrawn() && fact.isValidated());
    }

    static String financingItem(String period, String programmeId) {
        return ProgrammeReporting.key(period, programmeId == null ? CompletenessCalculator.WHOLE_COUNTRY : programmeId);
    }

    static int yearOf(String period) {
        return ReportingPeriod.parse(period).map(ReportingPeriod::year).orElse(0);
    }
}
