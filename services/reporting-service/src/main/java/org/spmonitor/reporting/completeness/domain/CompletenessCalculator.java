package org.spmonitor.reporting.completeness.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.spmonitor.events.reporting.ReportingDataset;
import org.spmonitor.platform.reference.ReportingPeriod;

/**
 * Completeness and timeliness from what programmes owe and what arrived (ADR 0020). Pure: the receipts
 * come from events (their {@code ce_time}), and only {@code now}, the clock's reading, decides what is
 * past due; so the same read model and the same clock give the same answer.
 * <ul>
 * <li>Counts: each period, one count per target group of the programme and measure (ACTIVE, NEW).</li>
 * <li>Financing: each period, a report of the programme, or one of the whole country (no programme).</li>
 * <li>Indicator results: each period, an actual of each results indicator of the programme.</li>
 * </ul>
 * An item arrived on time when its first event's time is before the end of its due date (UTC); it is
 * overdue when it is still missing after that.
 */
public final class CompletenessCalculator {

    /** Financing receipts of the whole country (a report naming no programme) use this in place of an id. */
    public static final String WHOLE_COUNTRY = "*";
    static final String FINANCING_ITEM = "report";

    private CompletenessCalculator() {
    }

    public static CountryCompleteness country(String country, int year, List<ProgrammeReporting> programmes,
            Map<String, Receipt> financing, Instant now) {
        List<ProgrammeCompleteness> perProgramme = new ArrayList<>();
        Map<String, Map<ReportingDataset, Tally>> cells = new TreeMap<>(Comparator
                .comparing((String p) -> ReportingPeriod.parse(p).orElseThrow()).thenComparing(p -> p));
        Map<ReportingDataset, Tally> datasets = emptyDatasets();
        List<Obligation> owed = new ArrayList<>();
        List<ProgrammeReporting> ordered = new ArrayList<>(programmes);
        ordered.sort(Comparator.comparing(ProgrammeReporting::programmeId));
        for (ProgrammeReporting programme : ordered) {
            List<Obligation> obligations = obligations(programme, financing, now, year);
            Tally total = Tally.NONE;
            for (Obligation o : obligations) {
                total = total.plus(o.tally());
                datasets.merge(o.dataset(), o.tally(), Tally::plus);
                cells.computeIfAbsent(o.period(), p -> new EnumMap<>(ReportingDataset.class)).merge(o.dataset(),
                        o.tally(), Tally::plus);
                if (o.isOverdue()) {
                    owed.add(o);
                }
            }
            perProgramme.add(new ProgrammeCompleteness(programme.programmeId(), programme.name(),
                    programme.schedule().frequency(), programme.schedule().dueLagDays(), total, obligations));
        }
        List<PeriodCompleteness> periods = new ArrayList<>();
        cells.forEach((period, byDataset) -> byDataset
                .forEach((dataset, tally) -> periods.add(new PeriodCompleteness(period, dataset, tally))));
        Tally total = datasets.values().stream().reduce(Tally.NONE, Tally::plus);
        return new CountryCompleteness(country, year, now, total, datasets, periods, perProgramme, owed);
    }

    /** The world's completeness: the sum of its countries' (each computed with the same clock). */
    public static GlobalCompleteness global(int year, Instant now, List<CountryCompleteness> countries) {
        Map<ReportingDataset, Tally> datasets = emptyDatasets();
        List<GlobalCompleteness.CountryRow> rows = new ArrayList<>();
        List<CountryCompleteness> ordered = new ArrayList<>(countries);
        ordered.sort(Comparator.comparing(CountryCompleteness::country));
        for (CountryCompleteness c : ordered) {
            c.datasets().forEach((dataset, tally) -> datasets.merge(dataset, tally, Tally::plus));
            rows.add(new GlobalCompleteness.CountryRow(c.country(), c.total(), c.datasets(), c.owed().size()));
        }
        Tally total = datasets.values().stream().reduce(Tally.NONE, Tally::plus);
        return new GlobalCompleteness(year, now, total, datasets, rows);
    }

    private static Map<ReportingDataset, Tally> emptyDatasets() {
        Map<ReportingDataset, Tally> datasets = new EnumMap<>(ReportingDataset.class);
        for (ReportingDataset dataset : ReportingDataset.values()) {
            datasets.put(dataset, Tally.NONE);
        }
        return datasets;
    }

    /** Every dataset the programme owes for every period of the year, in period order. */
    static List<Obligation> obligations(ProgrammeReporting programme, Map<String, Receipt> financing, Instant now,
            int year) {
        List<Obligation> obligations = new ArrayList<>();
        if (!programme.owesReports()) {
            return obligations;
        }
        ReportingSchedule schedule = programme.schedule();
        for (ReportingPeriod period : schedule.periodsIn(year)) {
            String p = period.toString();
            Map<String, Receipt> counts = new TreeMap<>();
            programme.countSeries().forEach(s -> counts.put(s, programme.counts().get(ProgrammeReporting.key(p, s))));
            add(obligations, programme, period, ReportingDataset.BENEFICIARY_COUNTS, counts, now);

            Map<String, Receipt> report = new TreeMap<>();
            report.put(FINANCING_ITEM, financingOf(financing, p, programme.programmeId()));
            add(obligations, programme, period, ReportingDataset.FINANCING, report, now);

            Map<String, Receipt> indicators = new TreeMap<>();
            programme.indicatorCodes()
                    .forEach(c -> indicators.put(c, programme.indicators().get(ProgrammeReporting.key(p, c))));
            add(obligations, programme, period, ReportingDataset.INDICATOR_RESULTS, indicators, now);
        }
        return obligations;
    }

    /** The programme's own report of the period, else the whole country's: the live one that arrived first. */
    private static Receipt financingOf(Map<String, Receipt> financing, String period, String programmeId) {
        Receipt own = live(financing.get(ProgrammeReporting.key(period, programmeId)));
        Receipt country = live(financing.get(ProgrammeReporting.key(period, WHOLE_COUNTRY)));
        if (own == null || country == null) {
            return own == null ? country : own;
        }
        return country.firstReceived().isBefore(own.firstReceived()) ? country : own;
    }

    private static Receipt live(Receipt receipt) {
        return receipt != null && receipt.live() ? receipt : null;
    }

    private static void add(List<Obligation> obligations, ProgrammeReporting programme, ReportingPeriod period,
            ReportingDataset dataset, Map<String, Receipt> items, Instant now) {
        if (items.isEmpty()) {
            return;
        }
        ReportingSchedule schedule = programme.schedule();
        boolean pastDue = schedule.isPastDue(period, now);
        int received = 0;
        int validated = 0;
        int onTime = 0;
        int receivedLate = 0;
        int overdue = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Receipt> item : items.entrySet()) {
            Receipt r = item.getValue();
            if (r != null && r.live()) {
                received++;
                validated += r.validated() ? 1 : 0;
                if (schedule.onTime(period, r.firstReceived())) {
                    onTime++;
                }
                else {
                    receivedLate++;
                }
            }
            else {
                missing.add(item.getKey());
                overdue += pastDue ? 1 : 0;
            }
        }
        String status = missing.isEmpty() ? "COMPLETE" : pastDue ? "OVERDUE" : received > 0 ? "PARTIAL" : "DUE_LATER";
        obligations.add(new Obligation(programme.programmeId(), period.toString(), dataset, schedule.dueDate(period),
                status, Tally.of(items.size(), received, validated, onTime, receivedLate, overdue), missing));
    }
}
