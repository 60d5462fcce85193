package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.indicator;
import static org.spmonitor.reporting.testdata.Facts.programme;
import static org.spmonitor.reporting.testdata.Facts.returned;
import static org.spmonitor.reporting.testdata.Facts.validated;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.Facts;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The validated view (ADR 0019) through the real broker and Mongo-wire server: the all-data dashboard
 * shows a figure at once, the validated one only once it is validated, and a revised validated figure
 * drops back to its last validated value there until it is validated again; likewise financing reports and
 * indicator results, and the global dashboard rolled up from the validated country dashboards.
 */
@SpmonitorIntegrationTest
class ValidatedViewIntegrationTest {

    /** A year no other test uses, so the world dashboard holds this test's countries only. */
    private static final int SHARES_YEAR = 2036;

    @LocalServerPort
    int port;

    @Test
    void aReturnedThenCorrectedCountShowsInTheValidatedViewOnlyOnceValidatedAndARevisionDropsBack() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported submitted = count(programmeId, country, "2025Q2", Measure.ACTIVE, 1, 100_000);
        BeneficiaryCountReported corrected = count(programmeId, country, "2025Q2", Measure.ACTIVE, 3, 120_000);
        publishAll(programme(programmeId, country, 1_000_000L), submitted, returned(submitted), corrected);

        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode all = dashboards.programme(programmeId, 2025);
            assertThat(all.get("activeBeneficiaries").asLong()).as("every accepted figure").isEqualTo(120_000);
            assertThat(all.get("validation").get("view").asString()).isEqualTo("all");
            assertThat(all.get("validation").get("validatedShare").decimalValue()).isEqualByComparingTo("0");
            assertThat(dashboards.country(country, 2025).get("activeBeneficiaries").asLong()).isEqualTo(120_000);
        });
        JsonNode before = dashboards.programme(programmeId, 2025, "validated");
        assertThat(before.get("activeBeneficiaries").asLong()).as("nothing validated yet").isZero();
        assertThat(before.get("validation").get("view").asString()).isEqualTo("validated");
        JsonNode countryBefore = dashboards.country(country, 2025, "validated");
        assertThat(countryBefore.get("activeBeneficiaries").asLong()).as("the donor's validated view").isZero();
        assertThat(countryBefore.get("validation").get("facts").asLong()).isEqualTo(1);
        assertThat(countryBefore.get("validation").get("validatedFacts").asLong()).isZero();

        BeneficiaryCountReported revised = count(programmeId, country, "2025Q2", Measure.ACTIVE, 5, 150_000);
        publish(validated(corrected));
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode validatedView = dashboards.programme(programmeId, 2025, "validated");
            assertThat(validatedView.get("activeBeneficiaries").asLong()).isEqualTo(120_000);
            assertThat(validatedView.get("validation").get("validatedShare").decimalValue()).isEqualByComparingTo("1");
            JsonNode countryView = dashboards.country(country, 2025, "validated");
            assertThat(countryView.get("activeBeneficiaries").asLong()).isEqualTo(120_000);
            assertThat(countryView.get("coverageRate").decimalValue()).as("the same rollup rules")
                    .isEqualByComparingTo(dashboards.country(country, 2025).get("coverageRate").decimalValue());
        });

        publish(revised);
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(dashboards.programme(programmeId, 2025).get("activeBeneficiaries").asLong()).isEqualTo(150_000);
            JsonNode validatedView = dashboards.programme(programmeId, 2025, "validated");
            assertThat(validatedView.get("activeBeneficiaries").asLong())
                    .as("the revision waits for validation: the last validated value stays").isEqualTo(120_000);
            assertThat(validatedView.get("validation").get("validatedShare").decimalValue()).isEqualByComparingTo("0");
            assertThat(dashboards.country(country, 2025).get("activeBeneficiaries").asLong()).isEqualTo(150_000);
            assertThat(dashboards.country(country, 2025, "validated").get("activeBeneficiaries").asLong())
                    .isEqualTo(120_000);
        });

        publish(validated(revised));
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                dashboards.programme(programmeId, 2025, "validated").get("activeBeneficiaries").asLong())
                .isEqualTo(150_000));
    }

    @Test
    void theCsvSaysWhichFiguresItHoldsAndABadViewIsRefusedNamingTheParameter() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported submitted = count(programmeId, country, "2025Q1", Measure.NEW, 1, 7_000);
        publishAll(programme(programmeId, country, 1_000_000L), submitted, validated(submitted));
        String path = "/api/v1/dashboards/programmes/" + programmeId + "?year=2025&format=csv&validation=validated";
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            ApiClient.Response csv = dashboards.api().get(path);
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Disposition")).contains("-validated.csv");
            assertThat(csv.body()).startsWith("dashboard,country,programme,year,section,item,measure,value")
                    .contains(",validation,,view,validated").contains(",validation,,validatedShare,1.0000")
                    .contains(",headline,,newBeneficiaries,7000");
        });

        // the country node is written just after the facts the programme view reads: wait for it too
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            ApiClient.Response countryCsv = dashboards.api().get("/api/v1/dashboards/countries/" + country
                    + "?year=2025&format=csv&validation=validated");
            assertThat(countryCsv.header("Content-Disposition")).contains("dashboard-" + country + "-2025-validated.csv");
            assertThat(countryCsv.body()).contains("country," + country + ",,2025,validation,,view,validated")
                    .contains(",headline,,newBeneficiaries,7000");
        });
        assertThat(dashboards.api().get("/api/v1/dashboards/countries/" + country + "?year=2025&format=csv").body())
                .contains("country," + country + ",,2025,validation,,view,all");

        ApiClient.Response bad = dashboards.api().get("/api/v1/dashboards/programmes/" + programmeId
                + "?year=2025&validation=approved");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("validation");
    }

    @Test
    void financingAndIndicatorResultsShowInTheValidatedViewsOnlyOnceValidatedAndTheGlobalOneRollsThemUp() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        String reportId = "fin-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported active = count(programmeId, country, "2026Q1", Measure.ACTIVE, 1, 80_000);
        FinancingReportSubmitted report = financing(reportId, 1, country, "2026", "USD", "5000000", "4000000", null);
        IndicatorResultReported result = indicator(programmeId, country, 3, "2026", "42");
        publishAll(programme(programmeId, country, 1_000_000L), active, validated(active), report, result);

        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode all = dashboards.country(country, 2026);
            assertThat(all.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("5000000");
            assertThat(all.get("indicators").findValuesAsString("actualPeriod")).containsExactly("2026");
        });
        JsonNode before = dashboards.country(country, 2026, "validated");
        assertThat(before.get("activeBeneficiaries").asLong()).isEqualTo(80_000);
        assertThat(before.get("financing").get("reports").asInt()).as("the report is not validated yet").isZero();
        assertThat(before.get("indicators")).as("nor the indicator result").isEmpty();
        assertThat(dashboards.programme(programmeId, 2026, "validated").get("indicators")).isEmpty();

        publishAll(validated(report), validated(result));
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode validatedView = dashboards.country(country, 2026, "validated");
            assertThat(validatedView.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("5000000");
            assertThat(validatedView.get("financing").get("executionRate").decimalValue()).as("the same rules")
                    .isEqualByComparingTo(dashboards.country(country, 2026).get("financing").get("executionRate")
                            .decimalValue());
            assertThat(validatedView.get("indicators").findValuesAsString("actualValue")).containsExactly("42");
            assertThat(dashboards.programme(programmeId, 2026, "validated").get("indicators")
                    .findValuesAsString("actualValue")).containsExactly("42");
        });

        FinancingReportSubmitted revised = financing(reportId, 3, country, "2026", "USD", "6000000", "4500000", null);
        IndicatorResultReported revisedResult = indicator(programmeId, country, 5, "2026", "45");
        publishAll(revised, returned(revised), revisedResult);
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode all = dashboards.country(country, 2026);
            assertThat(all.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("6000000");
            assertThat(all.get("indicators").findValuesAsString("actualValue")).containsExactly("45");
            JsonNode validatedView = dashboards.country(country, 2026, "validated");
            assertThat(validatedView.get("financing").get("allocatedUsd").decimalValue())
                    .as("the returned revision waits: the last validated amounts stay").isEqualByComparingTo("5000000");
            assertThat(validatedView.get("indicators").findValuesAsString("actualValue")).containsExactly("42");
            JsonNode programmeView = dashboards.programme(programmeId, 2026, "validated");
            assertThat(programmeView.get("indicators").findValuesAsString("actualValue")).containsExactly("42");
        });

        JsonNode world = dashboards.global(2026, "validated");
        JsonNode worldAll = dashboards.global(2026, "all");
        assertThat(world.get("validation").get("view").asString()).isEqualTo("validated");
        assertThat(worldAll.get("validation").get("view").asString()).isEqualTo("all");
        assertThat(world.get("validation").get("validatedFacts").asLong()).isPositive();
        JsonNode row = null;
        for (JsonNode c : world.get("countries")) {
            if (country.equals(c.get("country").asString())) {
                row = c;
            }
        }
        assertThat(row).as("the country is in the validated global dashboard").isNotNull();
        assertThat(row.get("allocatedUsd").decimalValue()).isEqualByComparingTo("5000000");
        assertThat(row.get("activeBeneficiaries").asLong()).isEqualTo(80_000);
        ApiClient.Response csv = dashboards.api().get("/api/v1/dashboards/global?year=2026&format=csv&validation=validated");
        assertThat(csv.header("Content-Disposition")).contains("dashboard-global-2026-validated.csv");
        assertThat(csv.body()).contains("global,,,2026,validation,,view,validated")
                .contains("global,,,2026,country," + country + ",allocatedUsd,5000000");
    }

    @Test
    void theSdmxExportAnswersTheValidatedViewAndSaysSo() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported first = count(programmeId, country, "2025Q1", Measure.ACTIVE, 1, 1_000);
        publishAll(programme(programmeId, country, 1_000_000L), first, validated(first),
                count(programmeId, country, "2025Q2", Measure.ACTIVE, 1, 1_200));
        String path = "/api/v1/dashboards/countries/" + country + "?year=2025&format=sdmx-csv";
        String row = "dataflow,SPMONITOR:DF_SP_BENEFICIARIES(1.0),I," + country + ",A,BEN_ACTIVE,SEX_T,SOC_CONTIG_CHILD,2025,";
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                dashboards.api().get(path).body()).contains(row + "1200,PS,A,,all"));

        ApiClient.Response validatedView = dashboards.api().get(path + "&validation=validated");
        assertThat(validatedView.header("Content-Disposition")).contains("dashboard-" + country + "-2025-validated.sdmx.csv");
        assertThat(validatedView.body().lines().findFirst().orElseThrow()).endsWith(",COMMENT_OBS,VALIDATION");
        assertThat(validatedView.body()).as("the last validated quarter only").contains(row + "1000,PS,A,,validated")
                .doesNotContain(",all\r\n");
        assertThat(dashboards.api().get("/api/v1/dashboards/programmes/" + programmeId
                + "?year=2025&format=sdmx-csv&validation=validated").body()).contains(",1000,PS,A,," + programmeId
                + ",validated");
    }

    @Test
    void theValidatedViewCombinesWithProgrammeFilters() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String eu = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        String bank = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported euCount = count(eu, country, "2025Q3", Measure.ACTIVE, 1, 3_000);
        BeneficiaryCountReported bankCount = count(bank, country, "2025Q3", Measure.ACTIVE, 1, 5_000);
        publishAll(Facts.programmeFundedBy(eu, country, "EU"), Facts.programmeFundedBy(bank, country, "World Bank"),
                euCount, validated(euCount), bankCount, validated(bankCount),
                count(eu, country, "2025Q4", Measure.ACTIVE, 1, 3_500));
        String path = "/api/v1/dashboards/countries/" + country + "?year=2025&donor=EU";
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(dashboards.api().get(path).json().get("activeBeneficiaries").asLong()).isEqualTo(3_500);
            assertThat(dashboards.country(country, 2025, "validated").get("activeBeneficiaries").asLong())
                    .isEqualTo(8_000);
        });

        JsonNode euValidated = dashboards.api().get(path + "&validation=validated").json();
        assertThat(euValidated.get("activeBeneficiaries").asLong()).as("the EU programme's validated quarter only")
                .isEqualTo(3_000);
        assertThat(euValidated.get("validation").get("facts").asLong()).isEqualTo(2);
        assertThat(euValidated.get("validation").get("validatedFacts").asLong()).isEqualTo(1);
        JsonNode world = dashboards.api().get("/api/v1/dashboards/global?year=2025&donor=World%20Bank&validation=validated")
                .json();
        assertThat(world.get("validation").get("view").asString()).isEqualTo("validated");
        JsonNode row = null;
        for (JsonNode c : world.get("countries")) {
            if (country.equals(c.get("country").asString())) {
                row = c;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("activeBeneficiaries").asLong()).isEqualTo(5_000);
    }

    @Test
    void eachDatasetsShareValidatedMovesWhenAReportOrResultIsValidatedOrRevisedOnEveryDashboardAndAsOfADate() {
        Dashboards dashboards = new Dashboards(port);
        String a = freshCountry();
        String b = freshCountry();
        String eu = Facts.freshProgrammeId();
        String bank = Facts.freshProgrammeId();
        String other = Facts.freshProgrammeId();
        String year = Integer.toString(SHARES_YEAR);
        BeneficiaryCountReported euCount = count(eu, a, year + "Q1", Measure.ACTIVE, 1, 1_000);
        BeneficiaryCountReported bankCount = count(bank, a, year + "Q1", Measure.ACTIVE, 1, 2_000);
        BeneficiaryCountReported otherCount = count(other, b, year + "Q2", Measure.NEW, 1, 300);
        FinancingReportSubmitted wholeCountry = financing("fin-" + a, 1, a, year, "USD", "1000", "500", null);
        FinancingReportSubmitted euReport = programmeReport("fin-" + eu, 1, a, eu, "400");
        FinancingReportSubmitted otherReport = financing("fin-" + b, 1, b, year, "USD", "800", "600", null);
        IndicatorResultReported euResult = indicator(eu, a, 3, year, "40");
        IndicatorResultReported otherResult = indicator(other, b, 3, year, "10");
        // a: counts 1 of 2 validated, reports 1 of 2, results 0 of 1; b: everything validated
        Instant before = publishAll(Facts.programmeFundedBy(eu, a, "EU"), Facts.programmeFundedBy(bank, a, "World Bank"),
                Facts.programmeFundedBy(other, b, "World Bank"), euCount, validated(euCount), bankCount, otherCount,
                validated(otherCount), wholeCountry, euReport, validated(euReport), otherReport, validated(otherReport),
                euResult, otherResult, validated(otherResult));

        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertShares(dashboards.country(a, SHARES_YEAR).get("validation"), "all", 2, 1, 2, 1, 1, 0, "0.4");
            assertShares(dashboards.country(b, SHARES_YEAR).get("validation"), "all", 1, 1, 1, 1, 1, 1, "1");
            assertShares(dashboards.global(SHARES_YEAR).get("validation"), "all", 3, 2, 3, 2, 2, 1, "0.625");
        });
        assertShares(dashboards.global(SHARES_YEAR, "validated").get("validation"), "validated", 3, 2, 3, 2, 2, 1,
                "0.625");
        assertShares(dashboards.country(a, SHARES_YEAR, "validated").get("validation"), "validated", 2, 1, 2, 1, 1, 0,
                "0.4");
        // the programme: its counts, its own report (not the whole country's), every result it shows
        assertShares(dashboards.programme(eu, SHARES_YEAR).get("validation"), "all", 1, 1, 1, 1, 1, 0, "0.6667");
        // the EU programme's counts, results and own reports only
        String euOfA = "/api/v1/dashboards/countries/" + a + "?year=" + year + "&donor=EU";
        assertShares(dashboards.api().get(euOfA).json().get("validation"), "all", 1, 1, 1, 1, 1, 0, "0.6667");
        assertShares(dashboards.api().get("/api/v1/dashboards/global?year=" + year + "&donor=World%20Bank"
                + "&validation=validated").json().get("validation"), "validated", 2, 1, 0, 0, 1, 1, "0.6667");

        // the result and the whole-country report are validated; the EU report is revised and waits again
        FinancingReportSubmitted euRevised = programmeReport("fin-" + eu, 3, a, eu, "450");
        Instant last = publishAll(validated(euResult), validated(wholeCountry), euRevised);
        assertThat(last).isAfter(before);
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertShares(dashboards.country(a, SHARES_YEAR).get("validation"), "all", 2, 1, 2, 1, 1, 1, "0.6");
            assertShares(dashboards.global(SHARES_YEAR).get("validation"), "all", 3, 2, 3, 2, 2, 2, "0.75");
            assertShares(dashboards.programme(eu, SHARES_YEAR).get("validation"), "all", 1, 1, 1, 0, 1, 1, "0.6667");
        });
        assertShares(dashboards.api().get(euOfA + "&validation=validated").json().get("validation"), "validated",
                1, 1, 1, 0, 1, 1, "0.6667");
        ApiClient.Response csv = dashboards.api().get("/api/v1/dashboards/global?year=" + year + "&format=csv");
        assertThat(csv.body().lines()).contains("global,,,2036,validation,,validatedShare,0.6667",
                "global,,,2036,validation,financingReports,facts,3",
                "global,,,2036,validation,financingReports,validatedShare,0.6667",
                "global,,,2036,validation,indicatorResults,validatedShare,1.0000",
                "global,,,2036,validation,overall,validatedFacts,6",
                "global,,,2036,validation,overall,validatedShare,0.7500");
        assertThat(dashboards.api().get("/api/v1/dashboards/countries/" + a + "?year=" + year
                + "&format=csv&validation=validated").body().lines()).contains(
                        "country," + a + ",,2036,validation,financingReports,validatedShare,0.5000",
                        "country," + a + ",,2036,validation,overall,validatedShare,0.6000");

        // as of a date between the two: the shares known then, in both views
        for (String view : List.of("all", "validated")) {
            String asOf = "?year=" + year + "&validation=" + view + "&asOf=" + before;
            assertShares(dashboards.api().get("/api/v1/dashboards/countries/" + a + asOf).json().get("validation"),
                    view, 2, 1, 2, 1, 1, 0, "0.4");
            assertShares(dashboards.api().get("/api/v1/dashboards/global" + asOf).json().get("validation"), view,
                    3, 2, 3, 2, 2, 1, "0.625");
            assertShares(dashboards.api().get("/api/v1/dashboards/programmes/" + eu + asOf).json().get("validation"),
                    view, 1, 1, 1, 1, 1, 0, "0.6667");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheValidationOfEachDataset() {
        JsonNode schemas = new Dashboards(port).api().get("/v3/api-docs").json().get("components").get("schemas");

        assertThat(schemas.get("Validation").get("properties").propertyNames()).contains("view", "facts",
                "validatedFacts", "validatedShare", "byDataset", "overall");
        assertThat(schemas.get("Datasets").get("properties").propertyNames()).containsExactlyInAnyOrder(
                "beneficiaryCounts", "financingReports", "indicatorResults");
        assertThat(schemas.get("Share").get("properties").propertyNames()).containsExactlyInAnyOrder("facts",
                "validatedFacts", "validatedShare");
        assertThat(schemas.get("CountryDashboardView").get("properties").get("validation").toString())
                .contains("byDataset gives the same three for beneficiaryCounts, financingReports");
    }

    /** A validation block: its view, each dataset's facts and validated facts, and the overall share. */
    private static void assertShares(JsonNode validation, String view, long counts, long validatedCounts, long reports,
            long validatedReports, long results, long validatedResults, String overall) {
        assertThat(validation.get("view").asString()).isEqualTo(view);
        assertThat(validation.get("facts").asLong()).as("counts, as before").isEqualTo(counts);
        assertThat(validation.get("validatedFacts").asLong()).isEqualTo(validatedCounts);
        JsonNode byDataset = validation.get("byDataset");
        assertShare(byDataset.get("beneficiaryCounts"), counts, validatedCounts);
        assertShare(byDataset.get("financingReports"), reports, validatedReports);
        assertShare(byDataset.get("indicatorResults"), results, validatedResults);
        assertShare(validation.get("overall"), counts + reports + results,
                validatedCounts + validatedReports + validatedResults);
        assertThat(validation.get("overall").get("validatedShare").decimalValue()).isEqualByComparingTo(overall);
    }

    private static void assertShare(JsonNode share, long facts, long validated) {
        assertThat(share.get("facts").asLong()).isEqualTo(facts);
        assertThat(share.get("validatedFacts").asLong()).isEqualTo(validated);
        if (facts == 0) {
            assertThat(share.get("validatedShare").isNull()).as("no facts: missing, never 0").isTrue();
        }
        else {
            assertThat(share.get("validatedShare").decimalValue()).isEqualByComparingTo(
                    BigDecimal.valueOf(validated).divide(BigDecimal.valueOf(facts), 4, java.math.RoundingMode.HALF_EVEN));
        }
    }

    /** A report of one programme ({@code programmeId}) for the year, in USD. */
    private static FinancingReportSubmitted programmeReport(String reportId, long version, String country,
            String programmeId, String allocated) {
        return new FinancingReportSubmitted(reportId, version, country, Integer.toString(SHARES_YEAR), "USD", null, null,
                programmeId, List.of(new FinancingLine(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX,
                        new BigDecimal(allocated), new BigDecimal("100"))));
    }
}
