package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The dashboard of one programme: what it is, its beneficiary figures and financing for a year, all
 * its milestones, and its indicators with every actual reported.
 */
public record ProgrammeDashboard(
        String programmeId,
        String country,
        String name,
        String description,
        String status,
        LocalDate startDate,
        LocalDate endDate,
        List<String> partners,
        List<String> donors,
        List<String> floorGuarantees,
        List<String> branches,
        List<String> targetGroups,
        int year,
        long activeBeneficiaries,
        long newBeneficiaries,
        Long targetPopulation,
        Long targetBeneficiaries,
        BigDecimal coverageRate,
        List<CountryDashboard.GroupFigures> byTargetGroup,
        Breakdown sex,
        Breakdown ageGroup,
        Breakdown withDisability,
        Breakdown informalEconomy,
        List<CountryDashboard.QuarterFigures> quarterly,
        FinancingSummary financing,
        Map<String, Long> milestonesByStatus,
        List<CountryDashboard.MilestoneView> milestones,
        List<CountryDashboard.IndicatorView> indicators) {
}
