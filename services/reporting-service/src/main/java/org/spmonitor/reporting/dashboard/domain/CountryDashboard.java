package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The dashboard of one country and year, computed from facts by {@link DashboardCalculator}.
 * Totals are beneficiary-programme enrolments, not unique persons. A figure whose denominator is
 * missing is {@code null}, never zero.
 */
public record CountryDashboard(
        String country,
        int year,
        long activeBeneficiaries,
        long newBeneficiaries,
        Long targetPopulation,
        Long activeBeneficiariesWithTarget,
        BigDecimal coverageRate,
        List<GroupFigures> byTargetGroup,
        Breakdown sex,
        Breakdown ageGroup,
        Breakdown withDisability,
        Breakdown informalEconomy,
        List<QuarterFigures> quarterly,
        List<ProgrammeFigures> programmes) {

    /** ACTIVE and NEW of one target group. */
    public record GroupFigures(String targetGroup, long activeBeneficiaries, long newBeneficiaries) {
    }

    /** ACTIVE (latest period inside the quarter) and NEW (summed) of one quarter. */
    public record QuarterFigures(int quarter, String period, Long activeBeneficiaries, Long newBeneficiaries) {
    }

    /** Figures of one programme of the country for the year. */
    public record ProgrammeFigures(String programmeId, String name, String status, long activeBeneficiaries,
            long newBeneficiaries, Long targetPopulation, Long targetBeneficiaries, BigDecimal coverageRate) {
    }
}
