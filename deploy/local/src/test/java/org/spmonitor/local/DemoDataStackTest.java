package org.spmonitor.local;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spmonitor.local.chaos.StackClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --demo} on the embedded stack: the demo is loaded through the public REST APIs, every figure it
 * submitted reaches the dashboards, and what a donor opens is varied and filled: countries differ in
 * execution and spending share, every panel has data in several years, and a figure is missing for want
 * of an exchange rate. One stack for the class, on free ports and a temporary data directory.
 */
class DemoDataStackTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(120);
    private static final List<String> YEARS = List.of("2022", "2023", "2024", "2025");

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void startStackAndLoadTheDemo() throws Exception {
        stack = LocalStack.builder().dataDir(data).anyFreePorts().start();
        assertThat(DemoData.load(stack)).as("an empty stack takes the demo").isTrue();
        client = new StackClient(stack);
        Map<String, Map<Integer, Long>> expected = activeByCountryAndYear();
        await("every demo count on the country dashboards").atMost(PROPAGATION).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> expected.forEach((country, years) -> years.forEach((year, active) -> assertThat(
                        dashboard("/countries/" + country + "?year=" + year).path("activeBeneficiaries").asLong())
                        .as("%s %s", country, year).isEqualTo(active))));
        await("every demo report on the world dashboards").atMost(PROPAGATION).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String year : YEARS) {
                        JsonNode rows = dashboard("/global?year=" + year).path("countries");
                        assertThat(rows).hasSize(DemoData.COUNTRIES.size());
                        assertThat(rows).allSatisfy(r -> assertThat(r.path("financingReports").asInt()).isEqualTo(1));
                    }
                });
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** ACTIVE of each country and year as the demo plan submitted it: the fourth quarter, summed over series. */
    private static Map<String, Map<Integer, Long>> activeByCountryAndYear() {
        Map<String, Map<Integer, Long>> active = new LinkedHashMap<>();
        for (DemoData.CountryPlan country : DemoData.plan()) {
            Map<Integer, Long> byYear = active.computeIfAbsent(country.country().iso3(), c -> new LinkedHashMap<>());
            country.programmes().forEach(p -> p.counts().stream()
                    .filter(c -> c.get("measure").equals("ACTIVE") && ((String) c.get("period")).endsWith("Q4"))
                    .forEach(c -> byYear.merge(Integer.parseInt(((String) c.get("period")).substring(0, 4)),
                            (Long) c.get("total"), Long::sum)));
        }
        return active;
    }

    @Test
    void countriesExecuteAndSpendDifferentSharesInTheYearsWithEveryRate() {
        for (String year : List.of("2024", "2025")) {
            JsonNode rows = dashboard("/global?year=" + year).path("countries");
            List<String> execution = new ArrayList<>();
            List<String> spending = new ArrayList<>();
            rows.forEach(r -> {
                execution.add(r.path("executionRate").asString());
                spending.add(r.path("spendingShareOfGdp").asString());
            });
            assertThat(execution).as("execution rates %s", year).doesNotHaveDuplicates().doesNotContain("", "null");
            assertThat(spending).as("spending shares %s", year).doesNotHaveDuplicates().doesNotContain("", "null");
        }
    }

    @Test
    void aFigureIsMissingForWantOfAnExchangeRate() {
        JsonNode uganda2023 = row(dashboard("/global?year=2023"), "UGA");
        JsonNode mozambique2022 = row(dashboard("/global?year=2022"), "MOZ");

        for (JsonNode row : List.of(uganda2023, mozambique2022)) {
            assertThat(row.path("missingRate").asBoolean()).as("%s", row).isTrue();
            assertThat(row.path("executedUsd").isNull() || row.path("executedUsd").isMissingNode()).as("%s", row)
                    .isTrue();
        }
        JsonNode uganda2024 = row(dashboard("/global?year=2024"), "UGA");
        assertThat(uganda2024.path("missingRate").asBoolean()).as("%s", uganda2024).isFalse();
        assertThat(uganda2024.path("executedUsd").isNull() || uganda2024.path("executedUsd").isMissingNode())
                .as("%s", uganda2024).isFalse();
    }

    @Test
    void milestonesOfEveryStatusAreDueIn2025AndDelayedOnesAreOverdueFromEarlierYears() {
        JsonNode byStatus = dashboard("/global?year=2025").path("milestonesByStatus");
        for (String status : DemoData.MILESTONE_STATUSES) {
            assertThat(byStatus.path(status).asLong()).as(status).isPositive();
        }
        JsonNode cambodia2023 = dashboard("/countries/KHM?year=2023").path("milestones");
        assertThat(cambodia2023).anySatisfy(m -> {
            assertThat(m.path("status").asString()).isEqualTo("DELAYED");
            assertThat(m.path("dueDate").asString()).startsWith("2023");
        });
    }

    @Test
    void indicatorsCarryBaselineTargetAndAnActualInEveryCountry() {
        for (DemoData.DemoCountry country : DemoData.COUNTRIES) {
            JsonNode indicators = dashboard("/countries/" + country.iso3() + "?year=2025").path("indicators");
            assertThat(indicators).as(country.iso3()).isNotEmpty().allSatisfy(i -> {
                for (String field : List.of("baselineValue", "targetValue", "actualValue", "progress")) {
                    assertThat(i.path(field).isNull() || i.path(field).isMissingNode()).as("%s %s", field, i).isFalse();
                }
            });
        }
    }

    @Test
    void disabilityInformalEconomyAndCoveragePerTargetGroupAreFilled() {
        JsonNode world = dashboard("/global?year=2025");
        assertThat(world.path("withDisability").path("parts").path("yes").asLong()).isPositive();
        assertThat(world.path("informalEconomy").path("parts").path("yes").asLong()).isPositive();
        assertThat(world.path("coverageRate").isNull()).isFalse();

        JsonNode groups = dashboard("/countries/KHM?year=2025").path("byTargetGroup");
        assertThat(group(groups, "CHILDREN").path("coverageRate").asString()).isNotEmpty();
        assertThat(group(groups, "POOR_AND_VULNERABLE").path("activeBeneficiaries").asLong()).isPositive();
        assertThat(group(groups, "POOR_AND_VULNERABLE").path("coverageRate").isNull()
                || group(groups, "POOR_AND_VULNERABLE").path("coverageRate").isMissingNode())
                .as("no target population for the group: missing").isTrue();
    }

    @Test
    void theWorldsSdmxCsvExportHasEveryCountryAndFlagsTheMissingCoverage() throws Exception {
        HttpResponse<String> response = client.get(LocalService.REPORTING,
                "/api/v1/dashboards/global?year=2025&format=sdmx-csv", StackClient.DemoClient.VIEWER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(lines.get(0)).startsWith("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,MEASURE,SEX,SOC,TIME_PERIOD");
        for (DemoData.DemoCountry country : DemoData.COUNTRIES) {
            assertThat(lines).as(country.iso3()).anyMatch(l -> l.startsWith("dataflow,ILO:DF_SDG_0131_SEX_SOC_RT(1.0),I,"
                    + country.iso3() + ",A,SDG_0131_RT,SEX_T,SOC_CONTIG_"));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("dataflow,ILO:DF_SDG_0131_SEX_SOC_RT(1.0),I,KHM,A,SDG_0131_RT,"
                + "SEX_T,SOC_CONTIG_POOR,2025,,PT,L,"));
    }

    @Test
    void theDashboardsHaveEveryYearOfTheDemo() {
        JsonNode years = dashboard("/years").path("years");
        List<String> listed = new ArrayList<>();
        years.forEach(y -> listed.add(y.asString()));
        assertThat(listed).containsAll(YEARS);
    }

    private static JsonNode row(JsonNode global, String country) {
        for (JsonNode row : global.path("countries")) {
            if (row.path("country").asString().equals(country)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + country + " in " + global);
    }

    private static JsonNode group(JsonNode groups, String name) {
        for (JsonNode group : groups) {
            if (group.path("targetGroup").asString().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no group " + name + " in " + groups);
    }

    private static JsonNode dashboard(String path) {
        try {
            HttpResponse<String> response = client.get(LocalService.REPORTING, "/api/v1/dashboards" + path,
                    StackClient.DemoClient.VIEWER);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return StackClient.json(response.body());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
