package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        List<ProgrammeFigures> programmes,
        FinancingSummary financing,
        Map<String, Long> milestonesByStatus,
        List<MilestoneView> milestones,
        List<IndicatorView> indicators) {

    /**
     * ACTIVE and NEW of one target group, and its coverage (the SDG 1.3.1 series of the group):
     * {@code activeBeneficiariesWithTarget} (ACTIVE of the group in the programmes that give a target
     * population for the group and year) / {@code targetPopulation} (the sum of those target
     * populations), a ratio of sums. All three are missing ({@code null}) when no programme gives the
     * group a target population: missing, never zero.
     */
    public record GroupFigures(String targetGroup, long activeBeneficiaries, long newBeneficiaries,
            Long targetPopulation, Long activeBeneficiariesWithTarget, BigDecimal coverageRate) {

        /** A group without a target population: its coverage is missing. */
        public GroupFigures(String targetGroup, long activeBeneficiaries, long newBeneficiaries) {
            this(targetGroup, activeBeneficiaries, newBeneficiaries, null, null, null);
        }

        /** The figures of a group, its coverage derived from the two sums (missing without a target population). */
        static GroupFigures of(String targetGroup, long active, long added, Long targetPopulation,
                Long activeWithTarget) {
            return new GroupFigures(targetGroup, active, added, targetPopulation,
                    targetPopulation == null ? null : activeWithTarget,
                    targetPopulation == null ? null : DashboardCalculator.ratioOrNull(activeWithTarget, targetPopulation));
        }

        /**
         * The groups of several dashboards (programmes of a country, countries of the world) summed, by
         * group name: ACTIVE, NEW, and the numerator and denominator of the coverage, which is derived
         * again from the sums (a ratio of sums, never an average of ratios).
         */
        public static List<GroupFigures> combine(Collection<List<GroupFigures>> parts) {
            Map<String, GroupFigures> sums = new TreeMap<>();
            parts.forEach(groups -> groups.forEach(g -> sums.merge(g.targetGroup(), g, GroupFigures::plus)));
            return List.copyOf(sums.values());
        }

        private static GroupFigures plus(GroupFigures a, GroupFigures b) {
            Long population = a.targetPopulation() == null ? b.targetPopulation()
                    : b.targetPopulation() == null ? a.targetPopulation()
                    : Long.valueOf(a.targetPopulation() + b.targetPopulation());
            long withTarget = (a.targetPopulation() == null ? 0 : a.activeBeneficiariesWithTarget())
                    + (b.targetPopulation() == null ? 0 : b.activeBeneficiariesWithTarget());
            return of(a.targetGroup(), a.activeBeneficiaries() + b.activeBeneficiaries(),
                    a.newBeneficiaries() + b.newBeneficiaries(), population, withTarget);
        }
    }

    /**
     * One quarter: ACTIVE (latest period inside the quarter), NEW (summed), and the financing of the
     * reports whose period lies inside the quarter ({@link FinancingCalculator#quarters}): allocated and
     * executed USD (missing when an amount lacks a rate), their known USD totals, executed USD from the
     * start of the year to the end of the quarter and its share of the year's allocated total.
     * {@code null} where nothing was reported.
     */
    public record QuarterFigures(int quarter, String period, Long activeBeneficiaries, Long newBeneficiaries,
            BigDecimal allocatedUsd, BigDecimal executedUsd, BigDecimal allocatedUsdKnown, BigDecimal executedUsdKnown,
            BigDecimal executedUsdToDate, BigDecimal executedShareOfAllocatedToDate) {

        public static QuarterFigures of(int quarter, String period, Long active, Long added,
                FinancingCalculator.QuarterMoney money) {
            return new QuarterFigures(quarter, period, active, added, money.allocatedUsd(), money.executedUsd(),
                    money.allocatedUsdKnown(), money.executedUsdKnown(), money.executedUsdToDate(),
                    money.executedShareOfAllocatedToDate());
        }
    }

    /** Figures of one programme of the country for the year. */
    public record ProgrammeFigures(String programmeId, String name, String status, long activeBeneficiaries,
            long newBeneficiaries, Long targetPopulation, Long targetBeneficiaries, BigDecimal coverageRate) {
    }

    /** The latest reported state of a milestone. */
    public record MilestoneView(String programmeId, String milestoneId, String title, LocalDate dueDate,
            String status, LocalDate statusDate, String note) {
    }

    /**
     * A results indicator of a programme: baseline and target (as last reported), the latest actual
     * inside the window, its progress from baseline to target, and every actual inside the window.
     */
    public record IndicatorView(String programmeId, String indicatorCode, String name, String unit,
            BigDecimal baselineValue, Integer baselineYear, BigDecimal targetValue, Integer targetYear,
            String actualPeriod, BigDecimal actualValue, BigDecimal progress, List<Actual> actuals) {
    }

    /** An indicator's actual value for a period. */
    public record Actual(String period, BigDecimal value) {
    }
}
