package org.spmonitor.reporting.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.line;
import static org.spmonitor.reporting.testdata.Facts.milestone;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Dashboards of a selection of programmes (donor, partner, target group, floor guarantee, branch), the
 * programme list and the series across years, over a real broker and Mongo-wire server: two programmes
 * of one country with different donors, a whole-country financing report beside their own (published
 * once for every test, which only read).
 */
@SpmonitorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeSelectionIntegrationTest {

    @LocalServerPort
    int port;

    private Dashboards dashboards;
    private String country;
    private String eu;
    private String worldBank;
    private String onlyEu;

    @BeforeAll
    void twoProgrammesWithDifferentDonors() {
        dashboards = new Dashboards(port);
        country = freshCountry();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        eu = "prg-eu-" + suffix;
        worldBank = "prg-wb-" + suffix;
        onlyEu = "EU-test-" + suffix;
        publishAll(
                programme(eu, List.of("EU", onlyEu), List.of("ILO"), TargetGroup.CHILDREN, FloorGuarantee.CHILDREN,
                        Branch.FAMILY, 1_000_000, 500_000),
                programme(worldBank, List.of("World Bank"), List.of("UNICEF"), TargetGroup.OLDER_PERSONS,
                        FloorGuarantee.OLDER_PERSONS, Branch.OLD_AGE, 400_000, 100_000),
                active(eu, country, "2024Q4", 100_000), active(eu, country, "2025Q2", 250_000),
                active(worldBank, country, "2025Q2", 80_000),
                report("fin-eu-" + suffix, eu, "200000", "100000"), report("fin-wb-" + suffix, worldBank, "50000",
                        "40000"),
                report("fin-all-" + suffix, null, "1000000", "900000"),
                milestone(eu, country, "m-late-" + suffix, 1, LocalDate.of(2024, 6, 30), MilestoneStatus.DELAYED),
                milestone(eu, country, "m-done-" + suffix, 1, LocalDate.of(2024, 3, 31), MilestoneStatus.ACHIEVED));
        Instant last = publish(active(worldBank, country, "2025Q3", 90_000));
        dashboards.countryOnceProjected(country, 2025, last);
    }

    @Test
    void aDonorFilterCountsOnlyThatDonorsProgrammesAndTheirOwnFinancing() {
        JsonNode all = dashboards.country(country, 2025);
        assertThat(all.get("activeBeneficiaries").asLong()).isEqualTo(250_000 + 90_000);

        JsonNode onlyEuFigures = get("/countries/" + country + "?year=2025&donor=EU");
        assertThat(onlyEuFigures.get("activeBeneficiaries").asLong()).isEqualTo(250_000);
        assertThat(onlyEuFigures.get("targetPopulation").asLong()).isEqualTo(1_000_000);
        assertThat(onlyEuFigures.get("coverageRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(onlyEuFigures.get("programmes").valueStream().map(p -> p.get("programmeId").asString()))
                .containsExactly(eu);
        // its own report only: the whole-country report belongs to no donor's selection
        assertThat(onlyEuFigures.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("200000");
        assertThat(onlyEuFigures.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("100000");
        assertThat(onlyEuFigures.get("financing").get("executionRate").decimalValue()).isEqualByComparingTo("0.5");

        JsonNode otherDonor = get("/countries/" + country + "?year=2025&donor="
                + URLEncoder.encode("World Bank", StandardCharsets.UTF_8));
        assertThat(otherDonor.get("activeBeneficiaries").asLong()).isEqualTo(90_000);
        assertThat(otherDonor.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("40000");

        // both selections together give the programmes' sum, never more (no double counting)
        JsonNode both = get("/countries/" + country + "?year=2025&donor=EU&donor="
                + URLEncoder.encode("world bank", StandardCharsets.UTF_8));
        assertThat(both.get("activeBeneficiaries").asLong()).isEqualTo(all.get("activeBeneficiaries").asLong());
        assertThat(both.get("targetPopulation").asLong()).isEqualTo(1_400_000);
        assertThat(both.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("140000");
    }

    @Test
    void partnerTargetGroupGuaranteeAndBranchSelectProgrammesTheSameWay() {
        assertThat(get("/countries/" + country + "?year=2025&partner=UNICEF").get("activeBeneficiaries").asLong())
                .isEqualTo(90_000);
        assertThat(get("/countries/" + country + "?year=2025&targetGroup=CHILDREN").get("activeBeneficiaries")
                .asLong()).isEqualTo(250_000);
        assertThat(get("/countries/" + country + "?year=2025&floorGuarantee=OLDER_PERSONS")
                .get("activeBeneficiaries").asLong()).isEqualTo(90_000);
        assertThat(get("/countries/" + country + "?year=2025&branch=OLD_AGE").get("activeBeneficiaries").asLong())
                .isEqualTo(90_000);
        JsonNode none = get("/countries/" + country + "?year=2025&branch=FAMILY&partner=UNICEF");
        assertThat(none.get("activeBeneficiaries").asLong()).isZero();
        assertThat(none.get("programmes").size()).isZero();
        assertThat(none.get("financing").get("reports").asInt()).isZero();
    }

    @Test
    void theWorldOfADonorHoldsOnlyItsProgrammes() {
        JsonNode world = get("/global?year=2025&donor=" + onlyEu);
        assertThat(world.get("countryCount").asInt()).isEqualTo(1);
        assertThat(world.get("activeBeneficiaries").asLong()).isEqualTo(250_000);
        assertThat(world.get("countries").get(0).get("country").asString()).isEqualTo(country);
        assertThat(world.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("100000");
        String csv = dashboards.api().get("/api/v1/dashboards/global?year=2025&format=csv&donor=" + onlyEu).body();
        assertThat(csv).contains("global,,," + "2025,headline,,activeBeneficiaries,250000");
    }

    @Test
    void theProgrammeListGivesAchievementAndMilestonesOverdueFromEarlierYears() {
        JsonNode list = get("/programmes?year=2025&country=" + country);
        assertThat(list.get("programmes").valueStream().map(p -> p.get("programmeId").asString()))
                .containsExactlyInAnyOrder(eu, worldBank);
        JsonNode euRow = get("/programmes?year=2025&country=" + country + "&donor=EU").get("programmes");
        assertThat(euRow.size()).isEqualTo(1);
        JsonNode row = euRow.get(0);
        assertThat(row.get("name").asString()).isEqualTo("Programme " + eu);
        assertThat(row.get("donors").valueStream().map(JsonNode::asString)).contains("EU");
        assertThat(row.get("targetBeneficiaries").asLong()).isEqualTo(500_000);
        assertThat(row.get("achievementOfTargetBeneficiaries").decimalValue()).isEqualByComparingTo("0.5");
        // due in 2024, still delayed: overdue in the 2025 view; the achieved one is not
        assertThat(row.get("overdueMilestones").valueStream().map(m -> m.get("milestoneId").asString()))
                .containsExactly("m-late-" + eu.substring("prg-eu-".length()));
        assertThat(row.get("overdueMilestones").get(0).get("dueDate").asString()).isEqualTo("2024-06-30");
    }

    @Test
    void theSeriesAcrossYearsFollowsTheSelection() {
        JsonNode years = get("/trends?country=" + country + "&donor=EU").get("years");
        assertThat(year(years, 2024).get("activeBeneficiaries").asLong()).isEqualTo(100_000);
        assertThat(year(years, 2025).get("activeBeneficiaries").asLong()).isEqualTo(250_000);
        assertThat(year(years, 2025).get("coverageRate").decimalValue()).isEqualByComparingTo("0.25");
        JsonNode all = get("/trends?country=" + country).get("years");
        assertThat(year(all, 2025).get("activeBeneficiaries").asLong()).isEqualTo(340_000);
        assertThat(year(all, 2025).get("executedUsd").decimalValue()).isEqualByComparingTo("900000");
    }

    @Test
    void theDashboardsOpenOnTheLatestYearWithFiguresUpToTheCurrentOne() {
        JsonNode years = get("/years");
        int latest = years.get("latestWithData").asInt();
        int currentYear = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
        assertThat(years.get("years").valueStream().map(JsonNode::asInt)).contains(2024, 2025, latest);
        // this class's figures are in 2025: some year up to now has figures, so the latest of them is chosen
        assertThat(latest).isBetween(2025, currentYear);
        assertThat(dashboards.global(latest).get("activeBeneficiaries").asLong()).isPositive();
        years.get("years").valueStream().map(JsonNode::asInt).filter(y -> y > latest && y <= currentYear)
                .forEach(y -> {
                    JsonNode later = dashboards.global(y);
                    assertThat(later.get("activeBeneficiaries").asLong() + later.get("newBeneficiaries").asLong()
                            + later.get("financing").get("reports").asLong()).as("figures in %d", y).isZero();
                });
    }

    @Test
    void aFilterValueThatIsNoneOfTheNamesIsABadRequestNamingTheField() {
        ApiClient.Response response = dashboards.api().get("/api/v1/dashboards/global?year=2025&targetGroup=KIDS");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("targetGroup");
        assertThat(dashboards.api().get("/api/v1/dashboards/trends?branch=PENSIONS").status()).isEqualTo(400);
        assertThat(dashboards.api().get("/api/v1/dashboards/programmes?country=XX").json().get("errors").get(0)
                .get("field").asString()).isEqualTo("country");
    }

    private static JsonNode year(JsonNode years, int year) {
        return years.valueStream().filter(y -> y.get("year").asInt() == year).findFirst()
                .orElseThrow(() -> new AssertionError("no figures for " + year + " in " + years));
    }

    private JsonNode get(String path) {
        ApiClient.Response response = dashboards.api().get("/api/v1/dashboards" + path);
        assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.json();
    }

    private ProgrammeRegistered programme(String id, List<String> donors, List<String> partners, TargetGroup group,
            FloorGuarantee guarantee, Branch branch, long targetPopulation, long targetBeneficiaries) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id, null, partners, donors,
                LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), ProgrammeStatus.ACTIVE, List.of(guarantee),
                List.of(branch), List.of(group),
                List.of(new AnnualTarget(2025, targetPopulation, targetBeneficiaries)));
    }

    private FinancingReportSubmitted report(String id, String programmeId, String allocated, String executed) {
        FinancingLine family = line(FinancingFunction.FAMILY, FundingSource.EXTERNAL_GRANT, allocated, executed);
        return new FinancingReportSubmitted(id, 1, country, "2025", "USD", new BigDecimal("50000000"), null,
                programmeId, List.of(family));
    }
}
