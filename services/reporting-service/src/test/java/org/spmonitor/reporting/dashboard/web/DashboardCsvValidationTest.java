package org.spmonitor.reporting.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.Validation;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;

/** The CSV's validation rows (ADR 0019): the count rows as before, then one block per dataset and over all. */
class DashboardCsvValidationTest {

    private static final Validation HALF = Validation.of(Validation.VALIDATED, new ValidationTally(4, 2, 1, 0, 0, 0));

    @Test
    void writesTheCountRowsFirstThenEachDatasetAndTheOverallShare() {
        List<String> rows = DashboardCsv.country(DashboardCalculator.country("KHM", 2025, CountryFacts.empty()),
                Freshness.none(), HALF).lines().toList();

        assertThat(rows.subList(1, 17)).containsExactly(
                "country,KHM,,2025,validation,,view,validated",
                "country,KHM,,2025,validation,,facts,4",
                "country,KHM,,2025,validation,,validatedFacts,2",
                "country,KHM,,2025,validation,,validatedShare,0.5000",
                "country,KHM,,2025,validation,beneficiaryCounts,facts,4",
                "country,KHM,,2025,validation,beneficiaryCounts,validatedFacts,2",
                "country,KHM,,2025,validation,beneficiaryCounts,validatedShare,0.5000",
                "country,KHM,,2025,validation,financingReports,facts,1",
                "country,KHM,,2025,validation,financingReports,validatedFacts,0",
                "country,KHM,,2025,validation,financingReports,validatedShare,0.0000",
                "country,KHM,,2025,validation,indicatorResults,facts,0",
                "country,KHM,,2025,validation,indicatorResults,validatedFacts,0",
                "country,KHM,,2025,validation,indicatorResults,validatedShare,missing",
                "country,KHM,,2025,validation,overall,facts,5",
                "country,KHM,,2025,validation,overall,validatedFacts,2",
                "country,KHM,,2025,validation,overall,validatedShare,0.4000");
    }

    @Test
    void theWorldTableHasTheSameRows() {
        String csv = DashboardCsv.global(GlobalCalculator.global(2025, List.of()), Freshness.none(), HALF);

        assertThat(csv).contains("global,,,2025,validation,overall,validatedShare,0.4000\r\n",
                "global,,,2025,validation,financingReports,facts,1\r\n");
    }
}
