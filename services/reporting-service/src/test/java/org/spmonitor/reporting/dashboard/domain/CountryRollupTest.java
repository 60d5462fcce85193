package org.spmonitor.reporting.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.reporting.testdata.Facts;

/**
 * The hierarchical rollup gives exactly the dashboard the calculator gives for all the facts of a
 * country-year at once: summing programme-year summaries changes no figure (ADR 0004).
 */
class CountryRollupTest {

    private static final String KHM = "KHM";

    /** Three programmes (two with a target population, one unregistered), milestones, indicators, money. */
    private final List<ProgrammeFact> programmes = List.of(ProgrammeFact.of(Facts.programme("p1", KHM, 1_000L)),
            ProgrammeFact.of(Facts.programme("p2", KHM, 3_000L)), ProgrammeFact.of(Facts.programme("p3", KHM, null)),
            ProgrammeFact.of(Facts.programmeWithTarget("p4", KHM, 2024, 500)));

    private final List<CountFact> counts = Stream.of(active("p1", KHM, "2025Q1", 100), active("p1", KHM, "2025Q3", 300),
            added("p1", KHM, "2025Q1", 40), added("p1", KHM, "2025-02", 15), added("p1", KHM, "2025Q2", 25),
            active("p2", KHM, "2025Q4", 900), added("p2", KHM, "2025", 120),
            new BeneficiaryCountReported("c-p2-old", 1, "p2", KHM, "2025Q2", TargetGroup.OLDER_PERSONS, Measure.ACTIVE,
                    70, new SexBreakdown(30L, 40L, null), null, null, null),
            active("p3", KHM, "2025Q2", 500), active("unregistered", KHM, "2025-11", 7))
            .map(CountFact::of).toList();

    private final List<MilestoneFact> milestones = List.of(
            new MilestoneFact(Facts.milestone("p1", KHM, "m1", 2, LocalDate.of(2025, 6, 30), MilestoneStatus.ON_TRACK)),
            new MilestoneFact(Facts.milestone("p2", KHM, "m2", 3, LocalDate.of(2025, 3, 31), MilestoneStatus.DELAYED)),
            new MilestoneFact(Facts.milestone("p1", KHM, "m3", 4, LocalDate.of(2026, 1, 31), MilestoneStatus.PLANNED)));

    private final List<IndicatorFact> indicators = List.of(IndicatorFact.of(Facts.indicator("p1", KHM, 5, "2024Q4", "22")),
            IndicatorFact.of(Facts.indicator("p1", KHM, 6, "2025Q2", "30")),
            IndicatorFact.of(Facts.indicator("p2", KHM, 7, "2025Q1", "40")));

    private final List<FinancingFact> financing = List.of(
            FinancingFact.of(Facts.financing("f1", 1, KHM, "2025", "KHR", "8200000", "4100000", "410000000")),
            FinancingFact.of(Facts.financing("f2", 1, KHM, "2025Q1", "KHR", "1000", "500", null)),
            FinancingFact.of(Facts.financing("f3", KHM, "2025Q2", "USD", null,
                    Facts.line(FinancingFunction.HEALTH, FundingSource.EXTERNAL_GRANT, "300", "120"))));

    private final ExchangeRates rates = ExchangeRates.none().with("KHR", 2025, new BigDecimal("4100"));

    @Test
    void theSumOfProgrammeYearSummariesIsTheDashboardOfAllTheFactsAtOnce() {
        for (int year : new int[] { 2024, 2025, 2026 }) {
            CountryDashboard direct = DashboardCalculator.country(KHM, year, new CountryFacts(counts, programmes,
                    financing, rates, milestones, indicators));

            CountryDashboard rolledUp = CountryRollup.country(KHM, year, summaries(year), financing, rates);

            assertThat(rolledUp).as("year %d", year).isEqualTo(direct);
        }
        CountryDashboard d2025 = CountryRollup.country(KHM, 2025, summaries(2025), financing, rates);
        assertThat(d2025.activeBeneficiaries()).isEqualTo(300 + 900 + 70 + 500 + 7);
        assertThat(d2025.coverageRate()).isEqualByComparingTo("0.3175"); // (300 + 970) / 4,000
        assertThat(d2025.programmes()).extracting(CountryDashboard.ProgrammeFigures::programmeId)
                .containsExactly("p1", "p2", "p3", "unregistered");
    }

    @Test
    void aCountryWithoutSummariesHasZerosAndMissingRatios() {
        CountryDashboard empty = CountryRollup.country(KHM, 2025, List.of(), List.of(), ExchangeRates.none());

        assertThat(empty).isEqualTo(DashboardCalculator.country(KHM, 2025, CountryFacts.empty()));
    }

    /** What the projection keeps per programme and year: each programme's own facts, summarised alone. */
    private List<CountryDashboard> summaries(int year) {
        List<CountryDashboard> summaries = new ArrayList<>();
        for (String id : List.of("p1", "p2", "p3", "p4", "unregistered")) {
            ProgrammeFact programme = programmes.stream().filter(p -> p.programmeId().equals(id)).findFirst()
                    .orElse(null);
            summaries.add(CountryRollup.programmeYear(KHM, year,
                    counts.stream().filter(c -> c.count().programmeId().equals(id)).toList(), programme,
                    milestones.stream().filter(m -> m.milestone().programmeId().equals(id)).toList(),
                    indicators.stream().filter(i -> i.result().programmeId().equals(id)).toList()));
        }
        return summaries;
    }
}
