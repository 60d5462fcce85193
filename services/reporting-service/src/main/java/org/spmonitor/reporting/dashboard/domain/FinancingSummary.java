package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Financing of a country, programme or the world for a year. USD figures use the exchange rate of
 * each report's year; a USD figure that includes an amount without a rate is {@code null} (shown as
 * "missing"), never a partial sum. Where every report is in one currency, the local figures are
 * given too, and the ratios are computed in that currency (the rate cancels out), so they survive a
 * missing rate.
 *
 * @param reports number of live reports reflected
 * @param localCurrency the one currency of all reports, or {@code null} when they use several
 * @param executionRate sum(executed) / sum(allocated); {@code null} when nothing is allocated
 * @param spendingShareOfGdp executed / GDP (a fraction: 0.012 is 1.2 % of GDP); {@code null} without a GDP
 * @param missingRates the (currency, year) pairs without a published rate
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
        List<MissingRate> missingRates) {

    /** Allocated and executed of one function or source. */
    public record FinancingFigures(String key, BigDecimal allocatedLocal, BigDecimal executedLocal,
            BigDecimal allocatedUsd, BigDecimal executedUsd, BigDecimal executionRate) {
    }

    /** A currency and year for which no exchange rate has been published. */
    public record MissingRate(String currency, int year) {
    }

    public static FinancingSummary none() {
        return new FinancingSummary(0, List.of(), null, null, null, null, null, null, null, null, null, null, null,
                List.of(), List.of(), List.of());
    }
}
