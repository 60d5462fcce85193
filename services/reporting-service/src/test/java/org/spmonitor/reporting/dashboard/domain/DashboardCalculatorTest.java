package org.spmonitor.reporting.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;
import static org.spmonitor.reporting.testdata.Facts.programme;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.reporting.testdata.Facts;

/** The beneficiary, milestone and indicator rules of DESIGN.md, on facts, with hand-computed figures. */
class DashboardCalculatorTest {

    private static CountryDashboard dashboard(List<CountFact> counts, List<ProgrammeFact> programmes) {
        return DashboardCalculator.country("KHM", 2025, counts, programmes);
    }

    private static CountFact fact(org.spmonitor.events.beneficiary.BeneficiaryCountReported count) {
        return CountFact.of(count);
    }

    @Test
    void activeBeneficiariesOfAYearAreTheLatestReportedPeriodNotTheSumOfQuarters() {
        CountryDashboard d = dashboard(List.of(fact(active("p1", "KHM", "2025Q1", 100)),
                fact(active("p1", "KHM", "2025Q3", 300)), fact(active("p1", "KHM", "2025Q2", 200))), List.of());

        assertThat(d.activeBeneficiaries()).isEqualTo(300);
        assertThat(d.quarterly()).extracting(CountryDashboard.QuarterFigures::activeBeneficiaries)
                .containsExactly(100L, 200L, 300L, null);
    }

    @Test
    void activeBeneficiariesOfSeveralProgrammesAreSummedEachAtItsLatestPeriod() {
        CountryDashboard d = dashboard(List.of(fact(active("p1", "KHM", "2025Q1", 100)),
                fact(active("p1", "KHM", "2025Q4", 400)), fact(active("p2", "KHM", "2025Q2", 50))), List.of());

        assertThat(d.activeBeneficiaries()).isEqualTo(450);
    }

    @Test
    void newBeneficiariesAreSummedOverThePeriodsOfTheYear() {
        CountryDashboard d = dashboard(List.of(fact(added("p1", "KHM", "2025Q1", 10)),
                fact(added("p1", "KHM", "2025Q2", 20)), fact(added("p1", "KHM", "2025Q3", 30))), List.of());

        assertThat(d.newBeneficiaries()).isEqualTo(60);
    }

    @Test
    void newBeneficiariesOfAMonthInsideAReportedQuarterAreNotAddedAgain() {
        CountryDashboard d = dashboard(List.of(fact(added("p1", "KHM", "2025Q1", 90)),
                fact(added("p1", "KHM", "2025-02", 40)), fact(added("p1", "KHM", "2025Q2", 10))), List.of());

        assertThat(d.newBeneficiaries()).isEqualTo(100);
    }

    @Test
    void coverageIsTheRatioOfSumsOverProgrammesWithATargetPopulationNotTheAverageOfRatios() {
        // p1: 100 / 1,000 = 10 %; p2: 900 / 3,000 = 30 %; the average of ratios would be 20 %.
        // p3 has no target population: its 500 stay out of the numerator (else 1,500 / 4,000).
        CountryDashboard d = dashboard(
                List.of(fact(active("p1", "KHM", "2025Q4", 100)), fact(active("p2", "KHM", "2025Q4", 900)),
                        fact(active("p3", "KHM", "2025Q4", 500))),
                List.of(ProgrammeFact.of(programme("p1", "KHM", 1_000L)), ProgrammeFact.of(programme("p2", "KHM", 3_000L)),
                        ProgrammeFact.of(programme("p3", "KHM", null))));

        assertThat(d.coverageRate()).isEqualByComparingTo("0.25");
        assertThat(d.targetPopulation()).isEqualTo(4_000);
        assertThat(d.activeBeneficiariesWithTarget()).isEqualTo(1_000);
        assertThat(d.activeBeneficiaries()).isEqualTo(1_500);
    }

    @Test
    void coverageIsMissingNotZeroWhenNoProgrammeHasATargetPopulation() {
        CountryDashboard d = dashboard(List.of(fact(active("p3", "KHM", "2025Q4", 500))),
                List.of(ProgrammeFact.of(programme("p3", "KHM", null))));

        assertThat(d.coverageRate()).isNull();
        assertThat(d.targetPopulation()).isNull();
    }

    @Test
    void coveragePerTargetGroupIsTheRatioOfSumsOverProgrammesGivingTheGroupATargetPopulation() {
        ProgrammeFact p1 = ProgrammeFact.of(Facts.programmeWithGroupTargets("p1", "KHM", 2025, 1_000, 400));
        ProgrammeFact p2 = ProgrammeFact.of(Facts.programmeWithGroupTargets("p2", "KHM", 2025, 3_000, 100));
        CountryDashboard d = dashboard(List.of(
                fact(Facts.active("p1", "KHM", "2025Q4", TargetGroup.CHILDREN, 500)),
                fact(Facts.active("p2", "KHM", "2025Q4", TargetGroup.CHILDREN, 300)),
                fact(Facts.active("p1", "KHM", "2025Q4", TargetGroup.PERSONS_WITH_DISABILITIES, 70)),
                fact(Facts.active("p3", "KHM", "2025Q4", TargetGroup.CHILDREN, 9_000))), List.of(p1, p2));

        assertThat(d.byTargetGroup()).extracting(CountryDashboard.GroupFigures::targetGroup)
                .containsExactly("CHILDREN", "OLDER_PERSONS", "PERSONS_WITH_DISABILITIES");
        CountryDashboard.GroupFigures children = d.byTargetGroup().get(0);
        assertThat(children.activeBeneficiaries()).as("p3 has no target: counted, not in coverage").isEqualTo(9_800);
        assertThat(children.targetPopulation()).isEqualTo(4_000);
        assertThat(children.activeBeneficiariesWithTarget()).isEqualTo(800);
        assertThat(children.coverageRate()).as("(500 + 300) / (1000 + 3000), not the average of 0.5 and 0.1")
                .isEqualByComparingTo("0.2000");
        CountryDashboard.GroupFigures older = d.byTargetGroup().get(1);
        assertThat(older.activeBeneficiaries()).isZero();
        assertThat(older.targetPopulation()).isEqualTo(500);
        assertThat(older.coverageRate()).as("a denominator and nobody reported: 0").isEqualByComparingTo("0");
        CountryDashboard.GroupFigures disabled = d.byTargetGroup().get(2);
        assertThat(disabled.activeBeneficiaries()).isEqualTo(70);
        assertThat(disabled.targetPopulation()).isNull();
        assertThat(disabled.coverageRate()).as("no denominator: missing, not zero").isNull();
    }

    @Test
    void coveragePerTargetGroupSurvivesTheRollupToCountryAndWorld() {
        ProgrammeFact p1 = ProgrammeFact.of(Facts.programmeWithGroupTargets("p1", "KHM", 2025, 1_000, 400));
        ProgrammeFact p2 = ProgrammeFact.of(Facts.programmeWithGroupTargets("p2", "KHM", 2025, 3_000, 100));
        CountryDashboard s1 = CountryRollup.programmeYear("KHM", 2025,
                List.of(fact(Facts.active("p1", "KHM", "2025Q4", TargetGroup.CHILDREN, 500))), p1, List.of(), List.of());
        CountryDashboard s2 = CountryRollup.programmeYear("KHM", 2025,
                List.of(fact(Facts.active("p2", "KHM", "2025Q4", TargetGroup.CHILDREN, 300))), p2, List.of(), List.of());
        CountryDashboard country = CountryRollup.country("KHM", 2025, List.of(s1, s2), List.of(), ExchangeRates.none());
        GlobalDashboard world = GlobalCalculator.global(2025, List.of(country, DashboardCalculator.country("SEN", 2025,
                List.of(fact(Facts.active("s1", "SEN", "2025Q4", TargetGroup.CHILDREN, 50))), List.of())));

        assertThat(country.byTargetGroup().get(0).coverageRate()).isEqualByComparingTo("0.2000");
        CountryDashboard.GroupFigures children = world.byTargetGroup().get(0);
        assertThat(children.activeBeneficiaries()).isEqualTo(850);
        assertThat(children.activeBeneficiariesWithTarget()).isEqualTo(800);
        assertThat(children.coverageRate()).isEqualByComparingTo("0.2000");
    }

    @Test
    void breakdownsSumTheActiveCountsAtTheirLatestPeriod() {
        CountryDashboard d = dashboard(List.of(fact(active("p1", "KHM", "2025Q1", 1_000)),
                fact(active("p1", "KHM", "2025Q2", 2_000))), List.of());

        assertThat(d.sex().parts()).containsEntry("female", 1_200L).containsEntry("male", 800L);
        assertThat(d.ageGroup().parts()).containsEntry("0-17", 500L).containsEntry("18-64", 1_500L);
        assertThat(d.withDisability().parts()).containsEntry("yes", 200L);
        assertThat(d.informalEconomy().parts()).containsEntry("yes", 1_000L);
        assertThat(d.byTargetGroup()).containsExactly(new CountryDashboard.GroupFigures("CHILDREN", 2_000, 0));
    }

    @Test
    void milestonesDueInTheYearAreCountedByStatus() {
        List<MilestoneFact> milestones = List.of(
                new MilestoneFact(Facts.milestone("p1", "KHM", "m1", 2, LocalDate.of(2025, 3, 31), MilestoneStatus.ACHIEVED)),
                new MilestoneFact(Facts.milestone("p1", "KHM", "m2", 3, LocalDate.of(2025, 9, 30), MilestoneStatus.AT_RISK)),
                new MilestoneFact(Facts.milestone("p1", "KHM", "m3", 4, LocalDate.of(2025, 12, 31), MilestoneStatus.AT_RISK)),
                new MilestoneFact(Facts.milestone("p1", "KHM", "m4", 5, LocalDate.of(2026, 6, 30), MilestoneStatus.DELAYED)));
        CountryDashboard d = DashboardCalculator.country("KHM", 2025, new CountryFacts(List.of(), List.of(), List.of(),
                ExchangeRates.none(), milestones, List.of()));

        assertThat(d.milestonesByStatus()).containsEntry("ACHIEVED", 1L).containsEntry("AT_RISK", 2L)
                .containsEntry("DELAYED", 0L).containsEntry("PLANNED", 0L);
        assertThat(d.milestones()).extracting(CountryDashboard.MilestoneView::milestoneId)
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void anIndicatorShowsBaselineTargetTheLatestActualOfTheYearAndProgress() {
        List<IndicatorFact> indicators = List.of(IndicatorFact.of(Facts.indicator("p1", "KHM", 2, "2025Q1", "25")),
                IndicatorFact.of(Facts.indicator("p1", "KHM", 3, "2025Q2", "30")),
                IndicatorFact.of(Facts.indicator("p1", "KHM", 4, "2024", "22")));
        CountryDashboard d = DashboardCalculator.country("KHM", 2025, new CountryFacts(List.of(), List.of(), List.of(),
                ExchangeRates.none(), List.of(), indicators));

        assertThat(d.indicators()).hasSize(1);
        CountryDashboard.IndicatorView indicator = d.indicators().get(0);
        assertThat(indicator.baselineValue()).isEqualByComparingTo("20");
        assertThat(indicator.targetValue()).isEqualByComparingTo("60");
        assertThat(indicator.actualPeriod()).isEqualTo("2025Q2");
        assertThat(indicator.actualValue()).isEqualByComparingTo("30");
        // (30 - 20) / (60 - 20)
        assertThat(indicator.progress()).isEqualByComparingTo("0.25");
        assertThat(indicator.actuals()).extracting(CountryDashboard.Actual::period).containsExactly("2025Q1", "2025Q2");
    }
}
