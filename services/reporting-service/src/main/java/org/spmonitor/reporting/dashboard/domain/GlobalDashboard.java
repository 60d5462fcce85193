package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * All countries for a year: the country dashboards summed (enrolments, not unique persons), coverage
 * as a ratio of sums, financing in USD (the total missing when any country's amounts lack a rate, the
 * known total and what it excludes beside it), and one row per country.
 */
public record GlobalDashboard(
        int year,
        int countryCount,
        long activeBeneficiaries,
        long newBeneficiaries,
        Long targetPopulation,
        Long activeBeneficiariesWithTarget,
        BigDecimal coverageRate,
        List<CountryDashboard.GroupFigures> byTargetGroup,
        Breakdown sex,
        Breakdown ageGroup,
        Breakdown withDisability,
        Breakdown informalEconomy,
        List<CountryDashboard.QuarterFigures> quarterly,
        FinancingSummary financing,
        Map<String, Long> milestonesByStatus,
        List<CountryRow> countries) {

    /**
     * One country's headline figures. {@code financingReports} 0 means no financing was reported (the
     * USD figures are then absent, not missing a rate); {@code missingRate} that a rate is missing.
     */
    public record CountryRow(String country, int programmes, long activeBeneficiaries, long newBeneficiaries,
            Long targetPopulation, BigDecimal coverageRate, String localCurrency, int financingReports,
            BigDecimal allocatedUsd, BigDecimal executedUsd, BigDecimal executionRate, BigDecimal spendingShareOfGdp,
            boolean missingRate, BigDecimal allocatedUsdKnown, BigDecimal executedUsdKnown,
            BigDecimal spendingShareOfGovernmentExpenditure, BigDecimal executedUsdPerActiveBeneficiary,
            BigDecimal executedUsdPerTargetPerson) {
    }
}
