package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.programme;
import static org.spmonitor.reporting.testdata.Facts.rate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.Facts;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Every aggregation rule of DESIGN.md through the real broker and the Mongo-wire server, with
 * figures computed by hand. Each test would fail if its rule were broken.
 */
@SpmonitorIntegrationTest
class AggregationRulesIntegrationTest {

    @LocalServerPort
    int port;

    private Dashboards dashboards;

    @BeforeEach
    void connect() {
        dashboards = new Dashboards(port);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void activeBeneficiariesOfTheYearAreTheLatestQuarterNotTheSumOfQuarters() {
        String country = freshCountry();
        String p = id("prg");
        publishAll(programme(p, country, 1_000_000L), active(p, country, "2025Q1", 100_000),
                active(p, country, "2025Q3", 300_000));
        Instant last = publish(active(p, country, "2025Q2", 200_000));

        JsonNode d = dashboards.countryOnceProjected(country, 2025, last);

        // the sum would be 600,000; Q2 arrived last but Q3 is the latest period
        assertThat(d.get("activeBeneficiaries").asLong()).isEqualTo(300_000);
        assertThat(d.get("coverageRate").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(d.get("quarterly").get(1).get("activeBeneficiaries").asLong()).isEqualTo(200_000);
    }

    @Test
    void newBeneficiariesAreSummedOverTheQuartersOfTheYear() {
        String country = freshCountry();
        String p = id("prg");
        publishAll(programme(p, country, 1_000_000L), added(p, country, "2025Q1", 1_000),
                added(p, country, "2025Q2", 2_500));
        Instant last = publish(added(p, country, "2025Q4", 4_000));

        JsonNode d = dashboards.countryOnceProjected(country, 2025, last);

        assertThat(d.get("newBeneficiaries").asLong()).isEqualTo(7_500);
    }

    @Test
    void coverageIsTheRatioOfSumsOverProgrammesWithATargetPopulation() {
        String country = freshCountry();
        String p1 = id("prg");
        String p2 = id("prg");
        String p3 = id("prg");
        // p1 100 / 1,000 (10 %), p2 900 / 3,000 (30 %): 1,000 / 4,000 = 25 %, not the 20 % average;
        // p3 has no target population: its 500 are active but stay out of the coverage
        publishAll(programme(p1, country, 1_000L), programme(p2, country, 3_000L), programme(p3, country, null),
                active(p1, country, "2025Q4", 100), active(p2, country, "2025Q4", 900));
        Instant last = publish(active(p3, country, "2025Q4", 500));

        JsonNode d = dashboards.countryOnceProjected(country, 2025, last);

        assertThat(d.get("coverageRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(d.get("targetPopulation").asLong()).isEqualTo(4_000);
        assertThat(d.get("activeBeneficiaries").asLong()).isEqualTo(1_500);
    }

    @Test
    void aRevisedCountReplacesTheEarlierVersionAndAWithdrawnCountLeavesTheDashboard() {
        String country = freshCountry();
        String p = id("prg");
        BeneficiaryCountReported children = count(p, country, "2025Q4", Measure.ACTIVE, 1, 1_000);
        BeneficiaryCountReported revised = count(p, country, "2025Q4", Measure.ACTIVE, 2, 1_200);
        BeneficiaryCountReported enrolled = added(p, country, "2025Q4", 300);
        publishAll(programme(p, country, 10_000L), children, enrolled);
        Instant last = publish(revised);

        JsonNode afterRevision = dashboards.countryOnceProjected(country, 2025, last);
        assertThat(afterRevision.get("activeBeneficiaries").asLong()).as("replaced, not 2,200").isEqualTo(1_200);
        assertThat(afterRevision.get("newBeneficiaries").asLong()).isEqualTo(300);

        Instant withdrawal = publish(Facts.withdrawn(enrolled));
        JsonNode afterWithdrawal = dashboards.countryOnceProjected(country, 2025, withdrawal);
        assertThat(afterWithdrawal.get("newBeneficiaries").asLong()).isZero();
        assertThat(afterWithdrawal.get("activeBeneficiaries").asLong()).isEqualTo(1_200);
    }

    @Test
    void financingIsConvertedToUsdWithTheRateOfTheReportsYear() {
        String country = freshCountry();
        publishAll(rate("KHR", 2024, 1, "4000"), rate("KHR", 2025, 1, "4100"));
        Instant last = publish(financing(id("fin"), 1, country, "2025", "KHR", "8200000", "4100000", "410000000"));

        dashboards.awaitCountry(country, 2025, d -> {
            JsonNode f = d.get("financing");
            // 8,200,000 / 4,100 and 4,100,000 / 4,100; with the 2024 rate: 2,050 and 1,025
            assertThat(f.get("allocatedUsd").decimalValue()).isEqualByComparingTo("2000");
            assertThat(f.get("executedUsd").decimalValue()).isEqualByComparingTo("1000");
            assertThat(f.get("executionRate").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(f.get("spendingShareOfGdp").decimalValue()).isEqualByComparingTo("0.01");
        });
        assertThat(dashboards.countryOnceProjected(country, 2025, last).path("financing").path("missingRates").size())
                .isZero();
    }

    @Test
    void aMissingRateShowsUsdAsMissingNotZeroUntilTheRateIsPublished() {
        String country = freshCountry();
        Instant last = publish(financing(id("fin"), 1, country, "2025", "XOF", "600000", "300000", null));

        JsonNode before = dashboards.countryOnceProjected(country, 2025, last).get("financing");
        assertThat(before.get("executedUsd").isNull()).isTrue();
        assertThat(before.get("allocatedUsd").isNull()).isTrue();
        assertThat(before.get("missingRates").get(0).get("currency").asString()).isEqualTo("XOF");
        assertThat(before.get("executionRate").decimalValue()).as("a local ratio needs no rate")
                .isEqualByComparingTo("0.5");

        publish(rate("XOF", 2025, 1, "600"));
        dashboards.awaitCountry(country, 2025, d -> {
            assertThat(d.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("500");
            assertThat(d.get("financing").get("missingRates").size()).isZero();
        });
    }

    @Test
    void aRevisedRateRecomputesEveryCountryReportingInThatCurrencyAndYear() {
        String first = freshCountry();
        String second = freshCountry();
        publish(rate("XAF", 2025, 1, "500"));
        publishAll(financing(id("fin"), 1, first, "2025", "XAF", "1000000", "1000000", null),
                financing(id("fin"), 1, second, "2025", "XAF", "2000000", "500000", null));
        dashboards.awaitCountry(first, 2025, d -> assertThat(d.get("financing").get("executedUsd").decimalValue())
                .isEqualByComparingTo("2000"));
        dashboards.awaitCountry(second, 2025, d -> assertThat(d.get("financing").get("executedUsd").decimalValue())
                .isEqualByComparingTo("1000"));

        publish(rate("XAF", 2025, 2, "625"));

        dashboards.awaitCountry(first, 2025, d -> assertThat(d.get("financing").get("executedUsd").decimalValue())
                .isEqualByComparingTo("1600"));
        dashboards.awaitCountry(second, 2025, d -> assertThat(d.get("financing").get("executedUsd").decimalValue())
                .isEqualByComparingTo("800"));
    }

    @Test
    void aRevisedFinancingReportReplacesTheEarlierOneAndAWithdrawnOneLeaves() {
        String country = freshCountry();
        String reportId = id("fin");
        FinancingReportSubmitted v1 = financing(reportId, 1, country, "2025Q1", "USD", "1000", "400", null);
        FinancingReportSubmitted v2 = financing(reportId, 2, country, "2025Q1", "USD", "1000", "700", null);
        FinancingReportSubmitted other = financing(id("fin"), 1, country, "2025Q2", "USD", "500", "100", null);
        publishAll(v1, other);
        Instant last = publish(v2);

        JsonNode revised = dashboards.countryOnceProjected(country, 2025, last).get("financing");
        assertThat(revised.get("executedUsd").decimalValue()).as("700 + 100, not 400 + 700 + 100")
                .isEqualByComparingTo("800");
        assertThat(revised.get("executionRate").decimalValue()).isEqualByComparingTo("0.5333");

        Instant withdrawal = publish(Facts.withdrawn(v2));
        JsonNode afterWithdrawal = dashboards.countryOnceProjected(country, 2025, withdrawal).get("financing");
        assertThat(afterWithdrawal.get("executedUsd").decimalValue()).isEqualByComparingTo("100");
        assertThat(afterWithdrawal.get("reports").asInt()).isEqualTo(1);
    }

    @Test
    void theWorldDashboardSumsCountriesAndComputesCoverageAsARatioOfSums() {
        // 2031 is used by this test only, so the world figures are this test's countries
        String first = freshCountry();
        String second = freshCountry();
        String p1 = id("prg");
        String p2 = id("prg");
        publishAll(Facts.programmeWithTarget(p1, first, 2031, 1_000), Facts.programmeWithTarget(p2, second, 2031, 3_000),
                active(p1, first, "2031Q4", 100), active(p2, second, "2031Q2", 900),
                financing(id("fin"), 1, first, "2031", "USD", "2000", "1000", "100000"),
                financing(id("fin"), 1, second, "2031", "USD", "2000", "1000", "100000"));

        dashboards.awaitCountry(second, 2031, d -> assertThat(d.get("financing").get("reports").asInt()).isEqualTo(1));
        org.awaitility.Awaitility.await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode world = dashboards.global(2031);
            assertThat(world.get("countryCount").asInt()).isEqualTo(2);
            assertThat(world.get("activeBeneficiaries").asLong()).isEqualTo(1_000);
            assertThat(world.get("coverageRate").decimalValue()).as("1,000 / 4,000, not (10 % + 30 %) / 2")
                    .isEqualByComparingTo("0.25");
            assertThat(world.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("2000");
            assertThat(world.get("financing").get("spendingShareOfGdp").decimalValue()).isEqualByComparingTo("0.01");
            assertThat(world.get("countries").get(0).get("country").asString()).isEqualTo(first.compareTo(second) < 0
                    ? first : second);
        });
    }

    @Test
    void milestonesAndIndicatorsReachTheCountryAndProgrammeDashboards() {
        String country = freshCountry();
        String p = id("prg");
        publishAll(programme(p, country, 1_000L),
                Facts.milestone(p, country, "m1", 2, LocalDate.of(2025, 6, 30), MilestoneStatus.ON_TRACK),
                Facts.milestone(p, country, "m2", 3, LocalDate.of(2025, 12, 31), MilestoneStatus.PLANNED),
                Facts.milestone(p, country, "m1", 4, LocalDate.of(2025, 6, 30), MilestoneStatus.ACHIEVED),
                Facts.indicator(p, country, 5, "2025Q1", "25"));
        Instant last = publish(Facts.indicator(p, country, 6, "2025Q2", "30"));

        JsonNode d = dashboards.countryOnceProjected(country, 2025, last);
        assertThat(d.get("milestonesByStatus").get("ACHIEVED").asLong()).isEqualTo(1);
        assertThat(d.get("milestonesByStatus").get("PLANNED").asLong()).isEqualTo(1);
        assertThat(d.get("milestonesByStatus").get("ON_TRACK").asLong()).as("m1 moved on").isZero();
        JsonNode indicator = d.get("indicators").get(0);
        assertThat(indicator.get("actualValue").decimalValue()).isEqualByComparingTo("30");
        assertThat(indicator.get("progress").decimalValue()).isEqualByComparingTo("0.25");

        JsonNode programme = dashboards.programme(p, 2025);
        assertThat(programme.get("name").asString()).isEqualTo("Programme " + p);
        assertThat(programme.get("milestones").size()).isEqualTo(2);
        assertThat(programme.get("indicators").get(0).get("actuals").size()).isEqualTo(2);
    }

    @Test
    void refusesABadCountryYearAndFormatNamingEachField() {
        var response = dashboards.api().get("/api/v1/dashboards/countries/XX1?year=99999&format=pdf");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("iso3", "year",
                "format");
    }

    @Test
    void anUnknownProgrammeIsNotFound() {
        assertThat(dashboards.api().get("/api/v1/dashboards/programmes/no-such-programme?year=2025").status())
                .isEqualTo(404);
    }
}
