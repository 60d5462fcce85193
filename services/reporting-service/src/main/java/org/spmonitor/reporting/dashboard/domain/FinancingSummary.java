package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Financing of a country, programme or the world for a year, after the rollup rules of
 * {@link FinancingCalculator}. USD figures use the exchange rate of each report's year.
 * <p>
 * A USD total that includes an amount without a rate ({@code allocatedUsd}, {@code executedUsd}) is
 * {@code null} (shown as "missing"), never a partial sum; next to it, {@code allocatedUsdKnown} and
 * {@code executedUsdKnown} give the USD total of the amounts that have a rate, {@code excluded} says
 * what they leave out (currency, year, countries, reports) and {@code reportsCoveredShare} which share
 * of the reports they cover. Where every amount is in one currency, the local figures are given too,
 * and the ratios are computed in that currency (the rate cancels out), so they survive a missing rate.
 *
 * @param reports number of live reports reflected (a report whose every amount is superseded, by a
 *        coarser period of the same series or by a whole-country figure, is not; nor one outside the window)
 * @param localCurrency the one currency of all amounts, or {@code null} when they use several
 * @param executionRate sum(executed) / sum(allocated) over the lines reporting both amounts;
 *        {@code null} when no line does
 * @param spendingShareOfGdp executed / GDP (a fraction: 0.012 is 1.2 % of GDP); {@code null} without a GDP
 * @param missingRates the (currency, year) pairs without a published rate
 * @param allocatedUsdKnown USD total of the allocated amounts that have a rate ({@code null}: none reported)
 * @param executedUsdKnown USD total of the executed amounts that have a rate ({@code null}: none reported)
 * @param allocatedOnlyShare share of the allocated total in lines that report no executed amount
 *        (budget only, not in the execution rate)
 * @param reportsCovered reports whose currency and year have a rate
 * @param reportsCoveredShare reportsCovered / reports
 * @param excluded what the known USD totals leave out for want of a rate
 * @param executedUsdPerActiveBeneficiary executed USD / active beneficiaries (cost per beneficiary)
 * @param executedUsdPerTargetPerson executed USD / target population
 * @param lines the resolved lines the figures are computed from (per country, function, source and
 *        currency, after the period and scope rules), each with its rate
 */
public record FinancingSummary(
        int reports,
        List<String> currencies,
        String localCurrency,
        BigDecimal allocatedLocal,
        BigDecimal executedLocal,
        BigDecimal gdpLocal,
        BigDecimal allocatedUsd,
        BigDecimal executedUsd,
        BigDecimal executionRate,
        BigDecimal gdpUsd,
        BigDecimal spendingShareOfGdp,
        BigDecimal totalGovernmentExpenditureUsd,
        BigDecimal spendingShareOfGovernmentExpenditure,
        List<FinancingFigures> byFunction,
        List<FinancingFigures> bySource,
        List<MissingRate> missingRates,
        BigDecimal allocatedUsdKnown,
        BigDecimal executedUsdKnown,
        BigDecimal allocatedOnlyShare,
        Integer reportsCovered,
        BigDecimal reportsCoveredShare,
        List<Excluded> excluded,
        BigDecimal executedUsdPerActiveBeneficiary,
        BigDecimal executedUsdPerTargetPerson,
        List<Line> lines) {

    /** Allocated and executed of one function or source. */
    public record FinancingFigures(String key, BigDecimal allocatedLocal, BigDecimal executedLocal,
            BigDecimal allocatedUsd, BigDecimal executedUsd, BigDecimal executionRate, BigDecimal allocatedUsdKnown,
            BigDecimal executedUsdKnown) {
    }

    /** A currency and year for which no exchange rate has been published. */
    public record MissingRate(String currency, int year) {
    }

    /**
     * What a known USD total leaves out: the amounts in a currency and year without a rate, reported by
     * {@code countries} in {@code reports} reports.
     */
    public record Excluded(String currency, int year, List<String> countries, int reports) {
    }

    /**
     * One resolved line: the allocated and executed amounts of a (country, function, source) in one
     * currency after the period and scope rules, and the rate of its year ({@code null} when missing).
     */
    public record Line(String country, String function, String source, String currency, int year,
            BigDecimal allocated, BigDecimal executed, BigDecimal unitsPerUsd) {
    }

    public static FinancingSummary none() {
        return new FinancingSummary(0, List.of(), null, null, null, null, null, null, null, null, null, null, null,
                List.of(), List.of(), List.of(), null, null, null, 0, null, List.of(), null, null, List.of());
    }

    /**
     * These figures set against results: executed USD per active beneficiary and per person of the
     * target population; missing where executed USD or the denominator is (or the denominator is 0).
     */
    public FinancingSummary withResults(Long activeBeneficiaries, Long targetPopulation) {
        return withCostPerPerson(FinancingCalculator.perPerson(executedUsd, activeBeneficiaries),
                FinancingCalculator.perPerson(executedUsd, targetPopulation));
    }

    /** These figures with the given executed USD per active beneficiary and per person of the target population. */
    public FinancingSummary withCostPerPerson(BigDecimal perActiveBeneficiary, BigDecimal perTargetPerson) {
        return new FinancingSummary(reports, currencies, localCurrency, allocatedLocal, executedLocal, gdpLocal,
                allocatedUsd, executedUsd, executionRate, gdpUsd, spendingShareOfGdp, totalGovernmentExpenditureUsd,
                spendingShareOfGovernmentExpenditure, byFunction, bySource, missingRates, allocatedUsdKnown,
                executedUsdKnown, allocatedOnlyShare, reportsCovered, reportsCoveredShare, excluded,
                perActiveBeneficiary, perTargetPerson, lines);
    }
}
