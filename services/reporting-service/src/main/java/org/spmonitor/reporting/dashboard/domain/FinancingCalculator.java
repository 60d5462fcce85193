package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.Excluded;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.FinancingFigures;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.Line;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.MissingRate;

/**
 * The financing rollup rules of DESIGN.md, the one place they live: every financing figure of a
 * programme, a country and the world, in total, by function, by source and by quarter, comes from
 * {@link #summarise} (reports of a programme or a country-year) or {@link #combine} (country summaries).
 * <ol>
 * <li><b>Per amount, the coarsest period reported.</b> A report line is an amount per (country,
 * programme or whole country, function, source) and per kind (allocated, executed). For each of these
 * series, an amount whose period lies inside another period reported for the same series is left out:
 * the annual figure where one is reported, else the sum of the quarters that report it, else of the
 * months (a month inside a reported quarter is left out too). Allocated and executed are separate
 * series, so an annual budget (allocated only) never hides quarterly execution reports, and vice
 * versa.</li>
 * <li><b>Whole country is the total, programmes its breakdown.</b> For a (country, function, source,
 * kind), the whole-country amounts (reports without {@code programmeId}), when there are any, are the
 * country's figure and the programmes' amounts are not added to them; without a whole-country amount,
 * the country's figure is the sum of its programmes'. A programme's dashboard shows its own amounts.</li>
 * <li><b>USD at the rate of the report's year</b> (local amount / units per USD). A USD total that
 * includes an amount without a rate is missing ({@code null}), never a partial sum; beside it the known
 * total (the USD of the amounts that have a rate), what it excludes (currency, year, countries,
 * reports) and the share of reports covered. A country without a rate never blanks the world's known
 * totals.</li>
 * <li><b>Execution rate</b> = sum(executed) / sum(allocated) over the lines that report both amounts
 * (a line: country, function, source, currency, after rules 1 and 2), in the one local currency when
 * all amounts share one (the rate cancels out), else in USD over such lines that have a rate. The
 * share of the allocated total in lines without an executed amount is {@code allocatedOnlyShare}.</li>
 * <li><b>Spending as a share of GDP</b> (and of total government expenditure): executed / GDP, the GDP
 * given by the latest-period report of the window; in the local currency when it is the only one, else
 * in USD (missing without a rate). The world's share is over the countries having both an executed USD
 * figure and a GDP in USD.</li>
 * </ol>
 * All arithmetic in {@link BigDecimal}; USD amounts are rounded to cents only when shown.
 */
public final class FinancingCalculator {

    public static final int USD_SCALE = 2;
    public static final int SHARE_SCALE = 6;
    private static final MathContext DIVISION = MathContext.DECIMAL128;
    private static final String UNSPECIFIED = "UNSPECIFIED";

    private enum Kind {
        ALLOCATED, EXECUTED
    }

    /** One amount of one report line. */
    private record Amount(FinancingFact fact, String function, String source, Kind kind, BigDecimal value) {

        String series() {
            return fact.report().country() + "|" + fact.report().programmeId() + "|" + function + "|" + source + "|"
                    + kind;
        }

        String country() {
            return fact.report().country();
        }

        boolean wholeCountry() {
            return fact.report().programmeId() == null;
        }
    }

    /** The financing of the reports inside {@code window}, by the rules above. */
    public static FinancingSummary summarise(ReportingPeriod window, Collection<FinancingFact> all,
            ExchangeRates rates) {
        List<FinancingFact> inWindow = all.stream().filter(f -> window.contains(f.period()))
                .sorted(Comparator.comparing((FinancingFact f) -> f.period()).thenComparing(f -> f.report().reportId()))
                .toList();
        if (inWindow.isEmpty()) {
            return FinancingSummary.none();
        }
        List<Amount> amounts = resolve(inWindow);
        Set<FinancingFact> contributing = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        amounts.forEach(a -> contributing.add(a.fact()));
        List<FinancingFact> counted = inWindow.stream()
                .filter(f -> contributing.contains(f) || amountsOf(f).isEmpty()).toList();

        TreeSet<String> currencies = new TreeSet<>();
        counted.forEach(f -> currencies.add(f.report().currency()));
        boolean single = currencies.size() == 1;

        Map<String, Line> lines = new TreeMap<>();
        for (Amount a : amounts) {
            FinancingReportSubmitted r = a.fact().report();
            int year = a.fact().period().year();
            String key = a.country() + "|" + a.function() + "|" + a.source() + "|" + r.currency() + "|" + year;
            Line before = lines.get(key);
            BigDecimal allocated = before == null ? null : before.allocated();
            BigDecimal executed = before == null ? null : before.executed();
            if (a.kind() == Kind.ALLOCATED) {
                allocated = plus(allocated, a.value());
            }
            else {
                executed = plus(executed, a.value());
            }
            lines.put(key, new Line(a.country(), a.function(), a.source(), r.currency(), year, allocated, executed,
                    rates.unitsPerUsd(r.currency(), year).orElse(null)));
        }

        int covered = 0;
        Map<String, Excluded> excluded = new TreeMap<>();
        for (FinancingFact f : counted) {
            String currency = f.report().currency();
            int year = f.period().year();
            if (rates.unitsPerUsd(currency, year).isPresent()) {
                covered++;
            }
            else {
                excluded.merge(currency + "/" + year,
                        new Excluded(currency, year, List.of(f.report().country()), 1), FinancingCalculator::merge);
            }
        }

        Money total = Money.of(lines.values(), single);
        Optional<FinancingFact> gdpReport = latestGiving(inWindow, FinancingReportSubmitted::gdp);
        Optional<FinancingFact> tgeReport = latestGiving(inWindow, FinancingReportSubmitted::totalGovernmentExpenditure);
        BigDecimal gdpLocal = gdpReport.map(f -> f.report().gdp()).orElse(null);
        BigDecimal tgeLocal = tgeReport.map(f -> f.report().totalGovernmentExpenditure()).orElse(null);
        BigDecimal gdpUsd = gdpReport.flatMap(f -> toUsd(f.report().gdp(), f, rates)).orElse(null);
        BigDecimal tgeUsd = tgeReport.flatMap(f -> toUsd(f.report().totalGovernmentExpenditure(), f, rates))
                .orElse(null);
        boolean localGdp = single && gdpReport.isPresent();
        boolean localTge = single && tgeReport.isPresent();
        BigDecimal executedUsd = total.executed.complete();
        return new FinancingSummary(counted.size(), List.copyOf(currencies), single ? currencies.first() : null,
                single ? total.allocatedLocal : null, single ? total.executedLocal : null, single ? gdpLocal : null,
                usd(total.allocated.complete()), usd(executedUsd), total.executionRate(),
                usd(gdpUsd), localGdp ? share(total.executedLocal, gdpLocal) : share(executedUsd, gdpUsd),
                usd(tgeUsd), localTge ? share(total.executedLocal, tgeLocal) : share(executedUsd, tgeUsd),
                figures(lines.values(), Line::function, single), figures(lines.values(), Line::source, single),
                missingRates(excluded.values()), usd(total.allocated.known()), usd(total.executed.known()),
                total.allocatedOnlyShare(), covered, DashboardCalculator.ratioOrNull(covered, counted.size()),
                List.copyOf(excluded.values()), null, null, List.copyOf(lines.values()));
    }

    /**
     * Worldwide (or multi-country) financing from country summaries: their resolved lines together, by
     * the same rules; the known totals of the countries with rates stay whole when another lacks one.
     */
    public static FinancingSummary combine(Collection<FinancingSummary> summaries) {
        List<FinancingSummary> parts = summaries.stream().filter(s -> s.reports() > 0).toList();
        if (parts.isEmpty()) {
            return FinancingSummary.none();
        }
        TreeSet<String> currencies = new TreeSet<>();
        List<Line> lines = new ArrayList<>();
        Map<String, Excluded> excluded = new TreeMap<>();
        int reports = 0;
        int covered = 0;
        for (FinancingSummary s : parts) {
            currencies.addAll(s.currencies());
            lines.addAll(nonNull(s.lines()));
            nonNull(s.excluded()).forEach(e -> excluded.merge(e.currency() + "/" + e.year(), e,
                    FinancingCalculator::merge));
            reports += s.reports();
            covered += s.reportsCovered() == null ? 0 : s.reportsCovered();
        }
        boolean single = currencies.size() == 1;
        Money total = Money.of(lines, single);

        // denominators: a country's GDP counts where its executed figure is known in the same unit
        Exact gdpUsd = new Exact();
        Exact gdpLocal = new Exact();
        Exact tgeUsd = new Exact();
        BigDecimal executedWithGdpUsd = null;
        BigDecimal gdpWithExecutedUsd = null;
        BigDecimal executedWithGdpLocal = null;
        BigDecimal gdpWithExecutedLocal = null;
        BigDecimal executedWithTgeUsd = null;
        BigDecimal tgeWithExecutedUsd = null;
        for (FinancingSummary s : parts) {
            if (s.gdpLocal() != null || s.gdpUsd() != null) {
                gdpUsd.add(s.gdpUsd());
                gdpLocal.add(s.gdpLocal());
                if (s.executedUsd() != null && s.gdpUsd() != null) {
                    executedWithGdpUsd = plus(executedWithGdpUsd, s.executedUsd());
                    gdpWithExecutedUsd = plus(gdpWithExecutedUsd, s.gdpUsd());
                }
                if (s.executedLocal() != null && s.gdpLocal() != null) {
                    executedWithGdpLocal = plus(executedWithGdpLocal, s.executedLocal());
                    gdpWithExecutedLocal = plus(gdpWithExecutedLocal, s.gdpLocal());
                }
            }
            if (s.totalGovernmentExpenditureUsd() != null || s.spendingShareOfGovernmentExpenditure() != null) {
                tgeUsd.add(s.totalGovernmentExpenditureUsd());
                if (s.executedUsd() != null && s.totalGovernmentExpenditureUsd() != null) {
                    executedWithTgeUsd = plus(executedWithTgeUsd, s.executedUsd());
                    tgeWithExecutedUsd = plus(tgeWithExecutedUsd, s.totalGovernmentExpenditureUsd());
                }
            }
        }
        return new FinancingSummary(reports, List.copyOf(currencies), single ? currencies.first() : null,
                single ? total.allocatedLocal : null, single ? total.executedLocal : null,
                single ? gdpLocal.complete() : null, usd(total.allocated.complete()), usd(total.executed.complete()),
                total.executionRate(), usd(gdpUsd.complete()),
                single ? share(executedWithGdpLocal, gdpWithExecutedLocal) : share(executedWithGdpUsd, gdpWithExecutedUsd),
                usd(tgeUsd.complete()), share(executedWithTgeUsd, tgeWithExecutedUsd),
                figures(lines, Line::function, single), figures(lines, Line::source, single),
                missingRates(excluded.values()), usd(total.allocated.known()), usd(total.executed.known()),
                total.allocatedOnlyShare(), covered, DashboardCalculator.ratioOrNull(covered, reports),
                List.copyOf(excluded.values()), null, null, List.copyOf(lines));
    }

    /**
     * The quarters of a year: each the financing of the reports inside the quarter (rules 1 to 3), with
     * the executed amount to date and its share of the year's allocated total (in the local currency
     * where it is the only one, else in USD), so a donor sees whether spending lags the budget.
     */
    public static List<QuarterMoney> quarters(int year, Collection<FinancingFact> facts, ExchangeRates rates,
            FinancingSummary ofYear) {
        List<QuarterMoney> quarters = new ArrayList<>();
        Exact toDateUsd = new Exact();
        Exact toDateLocal = new Exact();
        for (int q = 1; q <= 4; q++) {
            FinancingSummary s = summarise(new ReportingPeriod(year, ReportingPeriod.Kind.QUARTER, q), facts, rates);
            if (s.executedUsdKnown() != null) {
                toDateUsd.add(s.executedUsd());
                toDateLocal.add(s.localCurrency() != null && s.localCurrency().equals(ofYear.localCurrency())
                        ? s.executedLocal() : null);
            }
            BigDecimal shareToDate = ofYear.localCurrency() != null && toDateLocal.complete() != null
                    ? DashboardCalculator.ratioOrNull(toDateLocal.complete(), ofYear.allocatedLocal())
                    : DashboardCalculator.ratioOrNull(toDateUsd.complete(), ofYear.allocatedUsd());
            quarters.add(new QuarterMoney(s.allocatedUsd(), s.executedUsd(), s.allocatedUsdKnown(),
                    s.executedUsdKnown(), usd(toDateUsd.complete()), shareToDate));
        }
        return quarters;
    }

    /** The quarters of several countries summed, with the same missing rules, against {@code ofAll}'s allocated. */
    public static List<QuarterMoney> combineQuarters(Collection<List<CountryDashboard.QuarterFigures>> countries,
            FinancingSummary ofAll) {
        List<QuarterMoney> quarters = new ArrayList<>();
        Exact toDate = new Exact();
        for (int q = 1; q <= 4; q++) {
            Exact allocated = new Exact();
            Exact executed = new Exact();
            BigDecimal allocatedKnown = null;
            BigDecimal executedKnown = null;
            for (List<CountryDashboard.QuarterFigures> quarterly : countries) {
                for (CountryDashboard.QuarterFigures f : quarterly) {
                    if (f.quarter() != q) {
                        continue;
                    }
                    // a known total without a complete one: some amounts lack a rate
                    if (f.allocatedUsd() != null || f.allocatedUsdKnown() != null) {
                        allocated.add(f.allocatedUsd());
                        allocatedKnown = plus(allocatedKnown, f.allocatedUsdKnown() != null ? f.allocatedUsdKnown()
                                : f.allocatedUsd());
                    }
                    if (f.executedUsd() != null || f.executedUsdKnown() != null) {
                        executed.add(f.executedUsd());
                        executedKnown = plus(executedKnown, f.executedUsdKnown() != null ? f.executedUsdKnown()
                                : f.executedUsd());
                    }
                }
            }
            if (executedKnown != null) {
                toDate.add(executed.complete());
            }
            quarters.add(new QuarterMoney(usd(allocated.complete()), usd(executed.complete()), usd(allocatedKnown),
                    usd(executedKnown), usd(toDate.complete()),
                    DashboardCalculator.ratioOrNull(toDate.complete(), ofAll.allocatedUsd())));
        }
        return quarters;
    }

    /**
     * The financing of one quarter: allocated and executed USD (missing when an amount lacks a rate), the
     * known USD totals, executed USD from the start of the year to the end of the quarter, and that as a
     * share of the year's allocated total.
     */
    public record QuarterMoney(BigDecimal allocatedUsd, BigDecimal executedUsd, BigDecimal allocatedUsdKnown,
            BigDecimal executedUsdKnown, BigDecimal executedUsdToDate, BigDecimal executedShareOfAllocatedToDate) {
    }

    /**
     * A programme's spending set against its country's GDP and total government expenditure, when its
     * own reports give none: those of the latest-period report of the country in {@code window} that
     * gives one (rule 5), in the local currency when the programme's amounts and that report share it.
     */
    public static FinancingSummary withCountryDenominators(FinancingSummary programme, ReportingPeriod window,
            Collection<FinancingFact> countryReports, ExchangeRates rates) {
        if (programme.reports() == 0 || programme.gdpLocal() != null || programme.gdpUsd() != null
                || programme.totalGovernmentExpenditureUsd() != null) {
            return programme;
        }
        List<FinancingFact> inWindow = countryReports.stream().filter(f -> window.contains(f.period())).toList();
        Optional<FinancingFact> gdp = latestGiving(inWindow, FinancingReportSubmitted::gdp);
        Optional<FinancingFact> tge = latestGiving(inWindow, FinancingReportSubmitted::totalGovernmentExpenditure);
        BigDecimal gdpUsd = gdp.flatMap(f -> toUsd(f.report().gdp(), f, rates)).orElse(null);
        BigDecimal tgeUsd = tge.flatMap(f -> toUsd(f.report().totalGovernmentExpenditure(), f, rates)).orElse(null);
        BigDecimal gdpShare = gdp.map(f -> sameCurrency(programme, f) ? share(programme.executedLocal(), f.report().gdp())
                : share(programme.executedUsd(), gdpUsd)).orElse(null);
        BigDecimal tgeShare = tge.map(f -> sameCurrency(programme, f)
                ? share(programme.executedLocal(), f.report().totalGovernmentExpenditure())
                : share(programme.executedUsd(), tgeUsd)).orElse(null);
        return new FinancingSummary(programme.reports(), programme.currencies(), programme.localCurrency(),
                programme.allocatedLocal(), programme.executedLocal(),
                gdp.filter(f -> sameCurrency(programme, f)).map(f -> f.report().gdp()).orElse(null),
                programme.allocatedUsd(), programme.executedUsd(), programme.executionRate(), usd(gdpUsd), gdpShare,
                usd(tgeUsd), tgeShare, programme.byFunction(), programme.bySource(), programme.missingRates(),
                programme.allocatedUsdKnown(), programme.executedUsdKnown(), programme.allocatedOnlyShare(),
                programme.reportsCovered(), programme.reportsCoveredShare(), programme.excluded(),
                programme.executedUsdPerActiveBeneficiary(), programme.executedUsdPerTargetPerson(), programme.lines());
    }

    private static boolean sameCurrency(FinancingSummary summary, FinancingFact report) {
        return summary.localCurrency() != null && summary.localCurrency().equals(report.report().currency());
    }

    /** USD per person: {@code usd} / {@code people}, missing when either is or there is nobody. */
    static BigDecimal perPerson(BigDecimal usd, Long people) {
        if (usd == null || people == null || people <= 0) {
            return null;
        }
        return usd.divide(BigDecimal.valueOf(people), USD_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Rules 1 and 2: the amounts that count, among the reports of one window. */
    private static List<Amount> resolve(List<FinancingFact> inWindow) {
        Map<String, List<Amount>> bySeries = new LinkedHashMap<>();
        inWindow.forEach(f -> amountsOf(f).forEach(a -> bySeries.computeIfAbsent(a.series(), k -> new ArrayList<>())
                .add(a)));
        Map<String, List<Amount>> byCell = new LinkedHashMap<>();
        for (List<Amount> series : bySeries.values()) {
            for (Amount a : series) {
                boolean inside = series.stream().anyMatch(other -> !other.fact().period().equals(a.fact().period())
                        && other.fact().period().contains(a.fact().period()));
                if (!inside) {
                    byCell.computeIfAbsent(a.country() + "|" + a.function() + "|" + a.source() + "|" + a.kind(),
                            k -> new ArrayList<>()).add(a);
                }
            }
        }
        List<Amount> counted = new ArrayList<>();
        for (List<Amount> cell : byCell.values()) {
            boolean whole = cell.stream().anyMatch(Amount::wholeCountry);
            cell.stream().filter(a -> !whole || a.wholeCountry()).forEach(counted::add);
        }
        return counted;
    }

    private static List<Amount> amountsOf(FinancingFact fact) {
        List<Amount> amounts = new ArrayList<>();
        List<FinancingLine> lines = fact.report().lines() == null ? List.of() : fact.report().lines();
        for (FinancingLine line : lines) {
            String function = line.function() == null ? UNSPECIFIED : line.function().name();
            String source = line.source() == null ? UNSPECIFIED : line.source().name();
            if (line.allocated() != null) {
                amounts.add(new Amount(fact, function, source, Kind.ALLOCATED, line.allocated()));
            }
            if (line.executed() != null) {
                amounts.add(new Amount(fact, function, source, Kind.EXECUTED, line.executed()));
            }
        }
        return amounts;
    }

    private static Excluded merge(Excluded a, Excluded b) {
        TreeSet<String> countries = new TreeSet<>(a.countries());
        countries.addAll(b.countries());
        return new Excluded(a.currency(), a.year(), List.copyOf(countries), a.reports() + b.reports());
    }

    private static List<MissingRate> missingRates(Collection<Excluded> excluded) {
        return excluded.stream().map(e -> new MissingRate(e.currency(), e.year()))
                .sorted(Comparator.comparing(MissingRate::currency).thenComparing(MissingRate::year)).toList();
    }

    private static List<FinancingFigures> figures(Collection<Line> lines, Function<Line, String> key, boolean single) {
        Map<String, List<Line>> groups = new TreeMap<>();
        lines.stream().filter(l -> !UNSPECIFIED.equals(key.apply(l)))
                .forEach(l -> groups.computeIfAbsent(key.apply(l), k -> new ArrayList<>()).add(l));
        return groups.entrySet().stream().map(e -> {
            Money m = Money.of(e.getValue(), single);
            return new FinancingFigures(e.getKey(), single ? m.allocatedLocal : null, single ? m.executedLocal : null,
                    usd(m.allocated.complete()), usd(m.executed.complete()), m.executionRate(),
                    usd(m.allocated.known()), usd(m.executed.known()));
        }).toList();
    }

    private static Optional<FinancingFact> latestGiving(List<FinancingFact> facts,
            Function<FinancingReportSubmitted, BigDecimal> value) {
        return facts.stream().filter(f -> value.apply(f.report()) != null)
                .max(Comparator.comparing((FinancingFact f) -> f.period()).thenComparing(f -> f.report().reportId()));
    }

    private static Optional<BigDecimal> toUsd(BigDecimal amount, FinancingFact fact, ExchangeRates rates) {
        return rates.unitsPerUsd(fact.report().currency(), fact.period().year()).map(r -> amount.divide(r, DIVISION));
    }

    static BigDecimal usd(BigDecimal exact) {
        return exact == null ? null : exact.setScale(USD_SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal share(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, SHARE_SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return DashboardCalculator.ratioOrNull(numerator, denominator);
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A sum of parts that is missing as soon as one part is ({@code null}), and when there are no parts. */
    private static final class Exact {
        private BigDecimal value;
        private boolean missing;
        private boolean any;

        void add(BigDecimal part) {
            any = true;
            if (part == null) {
                missing = true;
            }
            else {
                value = plus(value, part);
            }
        }

        BigDecimal complete() {
            return !any || missing ? null : value;
        }
    }

    /** A USD total: the known part (amounts with a rate), and whether every amount had one. */
    private static final class Usd {
        private BigDecimal known;
        private boolean any;
        private boolean missing;

        void add(BigDecimal amount, BigDecimal unitsPerUsd) {
            any = true;
            if (unitsPerUsd == null || unitsPerUsd.signum() <= 0) {
                missing = true;
                known = plus(known, BigDecimal.ZERO);
            }
            else {
                known = plus(known, amount.divide(unitsPerUsd, DIVISION));
            }
        }

        BigDecimal known() {
            return any ? known : null;
        }

        BigDecimal complete() {
            return any && !missing ? known : null;
        }
    }

    /** Allocated and executed of a set of resolved lines, and the ratios rule 4 defines. */
    private static final class Money {
        private final boolean single;
        private BigDecimal allocatedLocal;
        private BigDecimal executedLocal;
        private final Usd allocated = new Usd();
        private final Usd executed = new Usd();
        private BigDecimal bothAllocatedLocal;
        private BigDecimal bothExecutedLocal;
        private BigDecimal bothAllocatedUsd;
        private BigDecimal bothExecutedUsd;
        private BigDecimal allocatedOnlyLocal;
        private BigDecimal allocatedOnlyUsd;
        private BigDecimal allocatedRatedUsd;

        private Money(boolean single) {
            this.single = single;
        }

        static Money of(Collection<Line> lines, boolean single) {
            Money m = new Money(single);
            lines.forEach(m::add);
            return m;
        }

        private void add(Line l) {
            BigDecimal rate = l.unitsPerUsd() != null && l.unitsPerUsd().signum() > 0 ? l.unitsPerUsd() : null;
            if (l.allocated() != null) {
                allocatedLocal = plus(allocatedLocal, l.allocated());
                allocated.add(l.allocated(), rate);
                BigDecimal only = l.executed() == null ? l.allocated() : BigDecimal.ZERO;
                allocatedOnlyLocal = plus(allocatedOnlyLocal, only);
                if (rate != null) {
                    allocatedOnlyUsd = plus(allocatedOnlyUsd, only.divide(rate, DIVISION));
                    allocatedRatedUsd = plus(allocatedRatedUsd, l.allocated().divide(rate, DIVISION));
                }
            }
            if (l.executed() != null) {
                executedLocal = plus(executedLocal, l.executed());
                executed.add(l.executed(), rate);
            }
            if (l.allocated() != null && l.executed() != null) {
                bothAllocatedLocal = plus(bothAllocatedLocal, l.allocated());
                bothExecutedLocal = plus(bothExecutedLocal, l.executed());
                if (rate != null) {
                    bothAllocatedUsd = plus(bothAllocatedUsd, l.allocated().divide(rate, DIVISION));
                    bothExecutedUsd = plus(bothExecutedUsd, l.executed().divide(rate, DIVISION));
                }
            }
        }

        BigDecimal executionRate() {
            return single ? ratio(bothExecutedLocal, bothAllocatedLocal) : ratio(bothExecutedUsd, bothAllocatedUsd);
        }

        BigDecimal allocatedOnlyShare() {
            return single ? ratio(allocatedOnlyLocal, allocatedLocal) : ratio(allocatedOnlyUsd, allocatedRatedUsd);
        }
    }

    private FinancingCalculator() {
    }
}
