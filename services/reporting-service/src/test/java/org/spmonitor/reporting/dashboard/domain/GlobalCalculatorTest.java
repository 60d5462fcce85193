package org.spmonitor.reporting.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;
import static org.spmonitor.reporting.testdata.Facts.programme;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The world rollup: countries summed, coverage as a ratio of sums across countries. */
class GlobalCalculatorTest {

    private static CountryDashboard country(String iso3, long active, long added, Long targetPopulation) {
        String programmeId = "p-" + iso3;
        return DashboardCalculator.country(iso3, 2025,
                List.of(CountFact.of(active(programmeId, iso3, "2025Q4", active)),
                        CountFact.of(added(programmeId, iso3, "2025Q4", added))),
                List.of(ProgrammeFact.of(programme(programmeId, iso3, targetPopulation))));
    }

    @Test
    void sumsCountriesAndComputesCoverageAsARatioOfSums() {
        // KHM 100 / 1,000 = 10 %, SEN 900 / 3,000 = 30 %: 1,000 / 4,000, not the 20 % average;
        // UGA has no target population, so its 700 stay out of the coverage
        GlobalDashboard world = GlobalCalculator.global(2025, List.of(country("KHM", 100, 10, 1_000L),
                country("SEN", 900, 20, 3_000L), country("UGA", 700, 30, null)));

        assertThat(world.countryCount()).isEqualTo(3);
        assertThat(world.activeBeneficiaries()).isEqualTo(1_700);
        assertThat(world.newBeneficiaries()).isEqualTo(60);
        assertThat(world.coverageRate()).isEqualByComparingTo("0.25");
        assertThat(world.sex().parts()).containsEntry("female", 60L + 540 + 420);
        assertThat(world.quarterly().get(3).activeBeneficiaries()).isEqualTo(1_700);
        assertThat(world.countries()).extracting(GlobalDashboard.CountryRow::country).containsExactly("KHM", "SEN", "UGA");
    }

    @Test
    void aWorldWithoutDataHasNoCoverageRatherThanZero() {
        GlobalDashboard world = GlobalCalculator.global(2025, List.of());

        assertThat(world.coverageRate()).isNull();
        assertThat(world.financing().executedUsd()).isNull();
        assertThat(world.activeBeneficiaries()).isZero();
    }
}
