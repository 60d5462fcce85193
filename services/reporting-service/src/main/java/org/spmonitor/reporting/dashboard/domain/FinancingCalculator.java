package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.FinancingFigures;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.MissingRate;

/**
 * The financing rules of DESIGN.md: amounts converted to USD with the rate of the report's year
 * (local amount / units per USD), summed; execution rate = sum(executed) / sum(allocated); social
 * protection spending as a share of GDP = executed / GDP. A figure whose rate or denominator is
 * missing is {@code null}. All arithmetic in {@link BigDecimal}.
 * <p>
 * Within one series (country and programme), a report whose period lies inside another reported
 * period of the same series is not added again (the coarser report wins), so an annual report and
 * its quarterly reports never double count. The GDP (and total government expenditure) of a year is
 * the one given by the latest-period report of the year that gives one.
 */
public final class FinancingCalculator {

    public static final int USD_SCALE = 2;
    public static final int SHARE_SCALE = 6;
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    public static FinancingSummary summarise(ReportingPeriod window, Collection<FinancingFact> all,
            ExchangeRates rates) {
        List<FinancingFact> facts = inWindow(all, window);
        if (facts.isEmpty()) {
            return FinancingSummary.none();
        }
        TreeSet<String> currencies = new TreeSet<>();
        facts.forEach(f -> currencies.add(f.report().currency()));
        boolean single = currencies.size() == 1;
        TreeSet<String> missing = new TreeSet<>();
        Amounts total = new Amounts();
        Map<String, Amounts> byFunction = new TreeMap<>();
        Map<String, Amounts> bySource = new TreeMap<>();
        for (FinancingFact fact : facts) {
            FinancingReportSubmitted report = fact.report();
            Optional<BigDecimal> rate = rates.unitsPerUsd(report.currency(), fact.period().year());
            if (rate.isEmpty()) {
                missing.add(report.currency() + "/" + fact.period().year());
            }
            for (FinancingLine line : report.lines() == null ? List.<FinancingLine>of() : report.lines()) {
                total.add(line, rate);
                if (line.function() != null) {
                    byFunction.computeIfAbsent(line.function().name(), k -> new Amounts()).add(line, rate);
                }
                if (line.source() != null) {
                    bySource.computeIfAbsent(line.source().name(), k -> new Amounts()).add(line, rate);
                }
            }
        }
        Optional<FinancingFact> gdpReport = latestGiving(facts, r -> r.gdp());
        Optional<FinancingFact> tgeReport = latestGiving(facts, r -> r.totalGovernmentExpenditure());
        BigDecimal gdpLocal = gdpReport.map(f -> f.report().gdp()).orElse(null);
        BigDecimal gdpUsd = gdpReport.flatMap(f -> toUsd(f.report().gdp(), f, rates)).map(FinancingCalculator::usd)
                .orElse(null);
        BigDecimal tgeUsd = tgeReport
                .flatMap(f -> toUsd(f.report().totalGovernmentExpenditure(), f, rates)).map(FinancingCalculator::usd)
                .orElse(null);
        BigDecimal tgeLocal = tgeReport.map(f -> f.report().totalGovernmentExpenditure()).orElse(null);

        BigDecimal executedUsd = total.usd(total.executedUsd);
        BigDecimal shareOfGdp = single ? share(total.executedLocal, gdpLocal) : share(executedUsd, gdpUsd);
        BigDecimal shareOfTge = single ? share(total.executedLocal, tgeLocal)
                : share(executedUsd, tgeUsd);
        return new FinancingSummary(facts.size(), List.copyOf(currencies), single ? currencies.first() : null,
                single ? total.allocatedLocal : null,
                single ? total.executedLocal : null, single ? gdpLocal : null,
                total.usd(total.allocatedUsd), executedUsd, total.executionRate(single),
                gdpUsd, shareOfGdp, tgeUsd, shareOfTge,
                figures(byFunction, single), figures(bySource, single),
                missing.stream().map(k -> new MissingRate(k.substring(0, k.indexOf('/')),
                        Integer.parseInt(k.substring(k.indexOf('/') + 1)))).toList());
    }

    /** Worldwide (or multi-country) financing: the country summaries summed, with the same missing rules. */
    public static FinancingSummary combine(Collection<FinancingSummary> summaries) {
        List<FinancingSummary> parts = summaries.stream().filter(s -> s.reports() > 0).toList();
        if (parts.isEmpty()) {
            return FinancingSummary.none();
        }
        TreeSet<String> currencies = new TreeSet<>();
        parts.forEach(s -> currencies.addAll(s.currencies()));
        boolean single = currencies.size() == 1;
        Amounts total = new Amounts();
        Map<String, Amounts> byFunction = new TreeMap<>();
        Map<String, Amounts> bySource = new TreeMap<>();
        Sum gdpLocal = new Sum();
        Sum gdpUsd = new Sum();
        Sum executedLocalWithGdp = new Sum();
        Sum executedUsdWithGdp = new Sum();
        Sum tgeUsd = new Sum();
        Sum executedUsdWithTge = new Sum();
        List<MissingRate> missing = new ArrayList<>();
        for (FinancingSummary s : parts) {
            total.add(s.allocatedLocal(), s.executedLocal(), s.allocatedUsd(), s.executedUsd());
            s.byFunction().forEach(f -> byFunction.computeIfAbsent(f.key(), k -> new Amounts())
                    .add(f.allocatedLocal(), f.executedLocal(), f.allocatedUsd(), f.executedUsd()));
            s.bySource().forEach(f -> bySource.computeIfAbsent(f.key(), k -> new Amounts())
                    .add(f.allocatedLocal(), f.executedLocal(), f.allocatedUsd(), f.executedUsd()));
            if (s.gdpLocal() != null || s.gdpUsd() != null) {
                gdpLocal.add(s.gdpLocal());
                gdpUsd.add(s.gdpUsd());
                executedLocalWithGdp.add(s.executedLocal());
                executedUsdWithGdp.add(s.executedUsd());
            }
            if (s.totalGovernmentExpenditureUsd() != null || s.spendingShareOfGovernmentExpenditure() != null) {
                tgeUsd.add(s.totalGovernmentExpenditureUsd());
                executedUsdWithTge.add(s.executedUsd());
            }
            s.missingRates().stream().filter(m -> !missing.contains(m)).forEach(missing::add);
        }
        missing.sort(Comparator.comparing(MissingRate::currency).thenComparing(MissingRate::year));
        BigDecimal shareOfGdp = single ? share(executedLocalWithGdp.value(), gdpLocal.value())
                : share(executedUsdWithGdp.value(), gdpUsd.value());
        return new FinancingSummary(parts.stream().mapToInt(FinancingSummary::reports).sum(), List.copyOf(currencies),
                single ? currencies.first() : null, single ? total.allocatedLocal : null,
                single ? total.executedLocal : null, single ? gdpLocal.value() : null,
                total.usd(total.allocatedUsd), total.usd(total.executedUsd), total.executionRate(single),
                gdpUsd.value() == null ? null : usd(gdpUsd.value()), shareOfGdp,
                tgeUsd.value() == null ? null : usd(tgeUsd.value()),
                share(executedUsdWithTge.value(), tgeUsd.value()),
                figures(byFunction, single), figures(bySource, single), List.copyOf(missing));
    }

    /** The reports inside the window, leaving out those inside another reported period of their series. */
    static List<FinancingFact> inWindow(Collection<FinancingFact> all, ReportingPeriod window) {
        List<FinancingFact> candidates = all.stream().filter(f -> window.contains(f.period())).toList();
        return candidates.stream()
                .filter(f -> candidates.stream().noneMatch(other -> other != f && other.series().equals(f.series())
                        && !other.period().equals(f.period()) && other.period().contains(f.period())))
                .sorted(Comparator.comparing((FinancingFact f) -> f.period()).thenComparing(f -> f.report().reportId()))
                .toList();
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
        return exact.setScale(USD_SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal share(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, SHARE_SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, DashboardCalculator.RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    private static List<FinancingFigures> figures(Map<String, Amounts> amounts, boolean single) {
        return amounts.entrySet().stream().map(e -> new FinancingFigures(e.getKey(),
                single ? e.getValue().allocatedLocal : null, single ? e.getValue().executedLocal : null,
                e.getValue().usd(e.getValue().allocatedUsd), e.getValue().usd(e.getValue().executedUsd),
                e.getValue().executionRate(single))).toList();
    }

    /** A sum that becomes missing as soon as one of its parts is. */
    private static final class Sum {
        private BigDecimal value;
        private boolean missing;
        private boolean any;

        void add(BigDecimal part) {
            any = true;
            if (part == null) {
                missing = true;
            }
            else {
                value = value == null ? part : value.add(part);
            }
        }

        BigDecimal value() {
            return !any || missing ? null : value;
        }
    }

    /** Allocated and executed, in local currency and in USD (missing once an amount has no rate). */
    private static final class Amounts {
        private BigDecimal allocatedLocal;
        private BigDecimal executedLocal;
        private final Sum allocatedUsd = new Sum();
        private final Sum executedUsd = new Sum();

        void add(FinancingLine line, Optional<BigDecimal> rate) {
            if (line.allocated() != null) {
                allocatedLocal = allocatedLocal == null ? line.allocated() : allocatedLocal.add(line.allocated());
                allocatedUsd.add(rate.map(r -> line.allocated().divide(r, DIVISION)).orElse(null));
            }
            if (line.executed() != null) {
                executedLocal = executedLocal == null ? line.executed() : executedLocal.add(line.executed());
                executedUsd.add(rate.map(r -> line.executed().divide(r, DIVISION)).orElse(null));
            }
        }

        void add(BigDecimal allocLocal, BigDecimal execLocal, BigDecimal allocUsd, BigDecimal execUsd) {
            if (allocLocal != null) {
                allocatedLocal = allocatedLocal == null ? allocLocal : allocatedLocal.add(allocLocal);
            }
            if (execLocal != null) {
                executedLocal = executedLocal == null ? execLocal : executedLocal.add(execLocal);
            }
            allocatedUsd.add(allocUsd);
            executedUsd.add(execUsd);
        }

        BigDecimal usd(Sum sum) {
            BigDecimal value = sum.value();
            return value == null ? null : FinancingCalculator.usd(value);
        }

        BigDecimal executionRate(boolean single) {
            return single ? ratio(executedLocal, allocatedLocal)
                    : ratio(executedUsd.value(), allocatedUsd.value());
        }
    }

    private FinancingCalculator() {
    }
}
