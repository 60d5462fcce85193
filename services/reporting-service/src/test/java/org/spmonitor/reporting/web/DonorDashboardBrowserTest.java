package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Broker.publishAt;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.indicator;
import static org.spmonitor.reporting.testdata.Facts.line;
import static org.spmonitor.reporting.testdata.Facts.milestone;
import static org.spmonitor.reporting.testdata.Facts.programmeWithTarget;
import static org.spmonitor.reporting.testdata.Facts.rate;
import static org.spmonitor.reporting.testdata.Facts.returned;
import static org.spmonitor.reporting.testdata.Facts.scheduledProgramme;
import static org.spmonitor.reporting.testdata.Facts.validated;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The donor web dashboard in headless Chromium (Playwright, src/test/node/donor-dashboard.js): signing
 * in by authorization code with PKCE (Playwright stands in for the issuer, which issues
 * {@link TestTokens#viewer()}; deploy/local's WebSignInBrowserTest signs in at the real one) and out; then, in a tab that starts with the viewer token, the figures a donor reads on the world and
 * country pages, the CSV download, and a new submission appearing without a reload through the
 * fetch-based event stream. Needs {@code /usr/bin/chromium} and {@code npm ci} in src/test/node: without
 * them the test is skipped, loudly, except on CI ({@code CI=true}) where it fails.
 */
@SpmonitorIntegrationTest
class DonorDashboardBrowserTest {

    private static final Path NODE_PROJECT = NodeTools.NODE_PROJECT;
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A year no other test uses, so the world page shows this test's countries only. */
    private static final int YEAR = 2029;
    /** The years of the views test (and the year before it), used by no other test. */
    private static final int VIEWS_YEAR = 2042;
    /** The year of the history test, used by no other test: its events are dated in it, long past due. */
    private static final int HISTORY_YEAR = 2023;
    private static final EventOrigin REPORTER = new EventOrigin("khm-team", "api", null, null);
    private static final EventOrigin VALIDATOR = new EventOrigin("khm-validator", "api", null, null);
    private static final EventOrigin IMPORT = new EventOrigin("khm-team", "import-csv", "imp-42", null);
    private static final String COMMENT = "the total counts households, not persons";

    @LocalServerPort
    int port;

    @BeforeEach
    void requireBrowser() {
        NodeTools.require("Donor dashboard browser test", !NodeTools.onPath("node") ? "node (apt-get install -y nodejs npm)"
                : !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (apt-get install -y chromium)"
                : !Files.isDirectory(NODE_PROJECT.resolve("node_modules/playwright-core"))
                        ? NODE_PROJECT.resolve("node_modules/playwright-core") + " (npm ci in " + NODE_PROJECT + ")"
                        : null);
    }

    @Test
    void aDonorSignsInReadsTheWorldAndCountryFiguresAndSeesANewSubmissionWithoutReloading() throws Exception {
        String mozambique = freshCountry();
        String other = freshCountry();
        String p1 = programmeId("prg-");
        String p2 = programmeId("prg-");
        // first: 250,000 of 1,000,000 (25.0 %); 6,400,000 MZN executed of 12,800,000 at 64 per USD = $100,000,
        // 50.0 % executed, 0.50 % of a 1,280,000,000 MZN GDP, $0.40 per active beneficiary. other: 50,000 of 250,000, no financing.
        // world: 300,000 of 1,250,000 = 24.0 %.
        publishAll(rate("MZN", YEAR, 1, "64"), programmeWithTarget(p1, mozambique, YEAR, 1_000_000),
                programmeWithTarget(p2, other, YEAR, 250_000),
                count(p1, mozambique, YEAR + "Q4", Measure.ACTIVE, 1, 250_000),
                financing("fin-" + p1, 1, mozambique, Integer.toString(YEAR), "MZN", "12800000", "6400000",
                        "1280000000"));
        // the other country's count is validated (ADR 0019): the validated world holds 50,000, half of the counts
        BeneficiaryCountReported otherCount = count(p2, other, YEAR + "Q3", Measure.ACTIVE, 1, 50_000);
        publish(otherCount);
        Instant last = publish(validated(otherCount));
        Dashboards dashboards = new Dashboards(port);
        dashboards.countryOnceProjected(other, YEAR, last);
        org.awaitility.Awaitility.await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                dashboards.global(YEAR).get("coverageRate").decimalValue()).isEqualByComparingTo("0.24"));

        Process browser = script("donor-dashboard.js", mozambique, Integer.toString(YEAR));
        BlockingQueue<String> lines = output(browser);
        try {
            JsonNode signIn = step(lines, "signin");
            assertSignsInAndOut(signIn);

            JsonNode world = step(lines, "global");
            assertThat(world.get("sentToIssuer").asBoolean()).as("a tab with a token asks for no sign-in").isFalse();
            assertThat(world.get("signedInAs").asString()).isEqualTo("Signed in as test-viewer (viewer)");
            assertThat(world.get("title").asString()).isEqualTo("All countries, " + YEAR);
            assertThat(world.get("activeBeneficiaries").asString()).startsWith("300,000");
            assertThat(world.get("coverageRate").asString()).startsWith("24.0%");
            assertThat(world.get("executedUsd").asString()).isEqualTo("$100,000");
            assertThat(world.get("countryCount").asString()).isEqualTo("2");
            assertThat(world.get("countryRow").get("active").asString()).isEqualTo("250,000");
            assertThat(world.get("countryRow").get("coverage").asString()).isEqualTo("25.0%");
            assertThat(world.get("countryRow").get("executedUsd").asString()).isEqualTo("$100,000");
            assertAccessible(world.get("accessibility"));
            assertThat(world.get("errors").size()).as("browser errors: %s", world.get("errors")).isZero();

            JsonNode validatedView = step(lines, "validated");
            assertThat(validatedView.get("url").asString()).as("the switch is kept in the URL")
                    .contains("validation=validated");
            assertThat(validatedView.get("switchAfterReload").asString()).isEqualTo("validated");
            assertThat(validatedView.get("activeBeneficiaries").asString()).as("the validated count only")
                    .startsWith("50,000");
            assertThat(validatedView.get("share").asString()).startsWith("Validated figures only")
                    .contains("50.0% of the 2 beneficiary counts");
            assertThat(validatedView.get("allShare").asString()).contains("50.0% of the 2 beneficiary counts")
                    .doesNotContain("Validated figures only");
            // per dataset (ADR 0019): the MZN report waits for validation, no indicator result yet; 1 of 3 overall
            assertThat(validatedView.get("financingShare").asString()).isEqualTo("Financing reports: 0.0% of 1 validated (0).");
            assertThat(validatedView.get("indicatorShare").asString()).isEqualTo("Indicator results: none yet.");
            assertThat(validatedView.get("overallShare").asString()).isEqualTo("All reviewed data: 33.3% of 3 validated (1).");
            assertThat(validatedView.get("countryLink").asString()).contains("validation=validated");
            assertThat(validatedView.get("exportLink").asString()).contains("validation=validated");
            assertThat(validatedView.get("errors").size()).as("browser errors: %s", validatedView.get("errors")).isZero();

            JsonNode country = step(lines, "country");
            assertThat(country.get("url").asString()).contains("#/countries/" + mozambique);
            assertThat(country.get("activeBeneficiaries").asString()).startsWith("250,000");
            assertThat(country.get("coverageRate").asString()).startsWith("25.0%");
            assertThat(country.get("executedUsd").asString()).isEqualTo("$100,000");
            assertThat(country.get("executionRate").asString()).isEqualTo("50.0%");
            assertThat(country.get("shareOfGdp").asString()).isEqualTo("0.50%");
            // money against results: $100,000 for 250,000 active people of 1,000,000
            assertThat(country.get("costPerBeneficiary").asString()).isEqualTo("$0.40");
            assertThat(country.get("costPerTargetPerson").asString()).isEqualTo("$0.10");
            assertAccessible(country.get("accessibility"));
            assertThat(country.get("csvFile").asString()).isEqualTo("dashboard-" + mozambique + "-" + YEAR + ".csv");
            assertThat(country.get("sdmxHeader").asString()).as("SDMX-CSV 2.0.0, downloaded from the page")
                    .startsWith("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA");
            assertThat(country.get("sdmxRows").asInt()).isPositive();
            assertThat(country.get("csvRows").valueStream().map(JsonNode::asString)).contains(
                    "country," + mozambique + ",," + YEAR + ",headline,,activeBeneficiaries,250000",
                    "country," + mozambique + ",," + YEAR + ",headline,,coverageRate,0.2500",
                    "country," + mozambique + ",," + YEAR + ",financing,,executedUsdPerActiveBeneficiary,0.40");

            JsonNode history = step(lines, "history");
            assertThat(history.get("asOfActiveBeneficiaries").asString()).as("as of today").startsWith("250,000");
            assertThat(history.get("asOfTitle").asString()).startsWith("Figures as of");
            assertThat(history.get("asOfUrl").asString()).contains("asOf=");
            assertThat(history.get("liveAsOf").asString()).as("live updates paused as of a date").isEqualTo("off");
            assertThat(history.get("changes").valueStream().map(row -> row.get(0).asString() + "=" + row.get(2).asString()
                    + ">" + row.get(3).asString())).as("since yesterday").contains("activeBeneficiaries=0>250,000");
            assertThat(history.get("steps").valueStream().map(JsonNode::asString)).contains("BeneficiaryCountReported");
            assertAccessible(history.get("accessibility"));
            assertThat(history.get("errors").size()).as("browser errors: %s", history.get("errors")).isZero();

            step(lines, "waiting");
            publish(count(p1, mozambique, YEAR + "Q4", Measure.ACTIVE, 2, 260_000));

            JsonNode updated = step(lines, "updated");
            assertThat(updated.get("activeBeneficiaries").asString()).startsWith("260,000");
            assertThat(updated.get("coverageRate").asString()).startsWith("26.0%");
            assertThat(updated.get("mark").asString()).as("the page was not reloaded").isEqualTo("same page");
            assertThat(updated.get("announced").asString()).contains("Dashboard updated");
            assertThat(updated.get("live").asString()).isEqualTo("on");
            JsonNode requests = updated.get("requests");
            assertThat(requests.get("api").asInt()).isPositive();
            assertThat(requests.get("apiWithoutBearer").size()).as("API requests without the bearer token: %s",
                    requests.get("apiWithoutBearer")).isZero();
            assertThat(requests.get("streamWithBearer").asInt()).as("the event stream, read with the token")
                    .isPositive().isEqualTo(requests.get("stream").asInt());
            assertThat(requests.get("tokenInUrl").asInt()).as("requests with the token in their URL").isZero();
            assertThat(updated.get("errors").size()).as("browser errors: %s", updated.get("errors")).isZero();
            assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).isZero();
        }
        finally {
            browser.destroyForcibly();
        }
    }

    /**
     * The views a donor shares: two programmes in two countries (an EU one, 250,000 active, and a World
     * Bank one with figures too large for a card), two years of data, an indicator and a milestone
     * overdue since an earlier year. The page opens on the latest year with data, names countries,
     * filters by donor into a URL that a new tab opens as the same view, searches programmes, shows the
     * map with its table, switches to French, and axe-core finds no serious or critical violation.
     */
    @Test
    void aDonorFiltersSharesTheViewAndReadsItInFrench() throws Exception {
        String euCountry = freshCountry();
        String eu = programmeId("prg-eu-");
        String wbCountry = freshCountry();
        String wb = programmeId("prg-wb-");
        publishAll(programmeFundedBy(eu, euCountry, "EU", 1_000_000, 500_000),
                programmeFundedBy(wb, wbCountry, "World Bank", 4_000_000, 3_000_000),
                count(eu, euCountry, (VIEWS_YEAR - 1) + "Q4", Measure.ACTIVE, 1, 100_000),
                count(eu, euCountry, VIEWS_YEAR + "Q2", Measure.ACTIVE, 1, 250_000),
                count(wb, wbCountry, VIEWS_YEAR + "Q2", Measure.ACTIVE, 1, 2_692_323),
                indicator(eu, euCountry, 1, VIEWS_YEAR + "Q2", "45"),
                milestone(eu, euCountry, "m-" + eu, 1, LocalDate.of(2026, 1, 15), MilestoneStatus.DELAYED),
                new FinancingReportSubmitted("fin-" + eu, 1, euCountry, Integer.toString(VIEWS_YEAR), "USD", null, null,
                        eu, List.of(line(FinancingFunction.FAMILY, FundingSource.EXTERNAL_GRANT, "200000", "100000"))));
        Instant last = publish(new FinancingReportSubmitted("fin-" + wb, 1, wbCountry, Integer.toString(VIEWS_YEAR),
                "USD", null, null, wb, List.of(line(FinancingFunction.OLD_AGE, FundingSource.DOMESTIC_TAX,
                        "3000000000", "2692323412"))));
        Dashboards dashboards = new Dashboards(port);
        dashboards.countryOnceProjected(wbCountry, VIEWS_YEAR, last);
        org.awaitility.Awaitility.await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                dashboards.global(VIEWS_YEAR).get("activeBeneficiaries").asLong()).isEqualTo(2_942_323));

        Process browser = script("donor-dashboard-views.js", Integer.toString(VIEWS_YEAR), euCountry, "EU");
        BlockingQueue<String> lines = output(browser);
        try {
            JsonNode opened = step(lines, "default");
            assertThat(opened.get("year").asString()).as("the year the page opens on")
                    .isEqualTo(opened.get("latestWithData").asString());
            assertThat(opened.get("hash").asString()).contains("year=" + opened.get("latestWithData").asString());

            JsonNode world = step(lines, "world");
            assertThat(world.get("activeBeneficiaries").get("shown").asString()).isEqualTo("2.94M");
            assertThat(world.get("activeBeneficiaries").get("exact").asString()).isEqualTo("2,942,323");
            assertThat(world.get("activeBeneficiaries").get("spoken").asString()).isEqualTo("2,942,323");
            assertThat(world.get("executedUsd").get("shown").asString()).isEqualTo("$2.69B");
            assertThat(world.get("executedUsd").get("exact").asString()).isEqualTo("$2,692,423,412");
            assertThat(world.get("countryTitle").asString()).isEqualTo(euCountry);
            assertThat(world.get("countryName").asString()).as("a name, not the code").isNotBlank()
                    .isNotEqualTo(euCountry);
            assertThat(world.get("mapDrawn").asBoolean()).as("the choropleth map").isTrue();
            assertThat(world.get("mapTable").asString()).isEqualTo("country-table");
            assertThat(world.get("mapLabel").asString()).contains(world.get("countryName").asString());
            assertThat(world.get("countryTable").asInt()).isEqualTo(2);
            assertThat(world.get("trendYears").asInt()).as("rows of the series across years").isGreaterThanOrEqualTo(2);
            assertViewAccessible(world);

            JsonNode filtered = step(lines, "filtered");
            assertThat(filtered.get("hash").asString()).contains("year=" + VIEWS_YEAR).contains("donor=EU");
            assertThat(filtered.get("activeBeneficiaries").get("shown").asString()).isEqualTo("250,000");
            assertThat(filtered.get("executedUsd").get("shown").asString()).isEqualTo("$100,000");
            assertThat(filtered.get("programmes").valueStream().map(JsonNode::asString)).containsExactly(eu);
            assertThat(filtered.get("note").asString()).contains("Donor: EU");
            assertViewAccessible(filtered);

            JsonNode shared = step(lines, "shared");
            assertThat(shared.get("url").asString()).isEqualTo(filtered.get("url").asString());
            assertThat(shared.get("donorFilter").asString()).isEqualTo("EU");
            assertThat(shared.get("year").asString()).isEqualTo(Integer.toString(VIEWS_YEAR));
            assertThat(shared.get("activeBeneficiaries")).isEqualTo(filtered.get("activeBeneficiaries"));
            assertThat(shared.get("executedUsd")).isEqualTo(filtered.get("executedUsd"));
            assertThat(shared.get("programmes")).isEqualTo(filtered.get("programmes"));
            assertThat(shared.get("errors").size()).as("browser errors: %s", shared.get("errors")).isZero();

            JsonNode search = step(lines, "search");
            assertThat(search.get("hash").asString()).contains("q=world");
            assertThat(search.get("programmes").size()).as("no World Bank programme among the EU ones").isZero();
            assertThat(search.get("status").asString()).isEqualTo("0 of 1 programmes shown");

            JsonNode country = step(lines, "country");
            assertThat(country.get("hash").asString()).contains("/countries/" + euCountry).contains("donor=EU");
            assertThat(country.get("h1").asString()).contains(euCountry).contains(world.get("countryName").asString());
            assertThat(country.get("overdue").asInt()).as("a milestone due in 2026, still delayed").isEqualTo(1);
            assertThat(country.get("overdueBadges").asInt()).isEqualTo(1);
            assertThat(country.get("indicatorsDrawn").asBoolean()).isTrue();
            assertThat(country.get("indicatorRows").asInt()).isEqualTo(1);
            assertViewAccessible(country);

            JsonNode programme = step(lines, "programme");
            assertThat(programme.get("achievement").get("shown").asString()).isEqualTo("50.0%");
            assertThat(programme.get("targetBeneficiaries").get("shown").asString()).isEqualTo("500,000");
            assertViewAccessible(programme);

            JsonNode french = step(lines, "french");
            assertThat(french.get("lang").asString()).isEqualTo("fr");
            assertThat(french.get("hash").asString()).contains("donor=EU").contains("year=" + VIEWS_YEAR);
            assertThat(french.get("h1").asString()).isEqualTo("Tous les pays, " + VIEWS_YEAR);
            assertThat(french.get("yearLabel").asString()).isEqualTo("Année");
            assertThat(french.get("donorLabel").asString()).isEqualTo("Bailleur");
            assertThat(french.get("activeBeneficiaries").get("label").asString()).isEqualTo("Bénéficiaires actifs");
            assertThat(french.get("activeBeneficiaries").get("shown").asString()).matches("250[\\s\u00a0\u202f]000");
            assertThat(french.get("executedUsd").get("shown").asString()).matches("100[\\s\u00a0\u202f]000[\\s\u00a0\u202f]\\$US");
            assertThat(french.get("countryName").asString()).isNotEqualTo(euCountry);
            assertViewAccessible(french);
            assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).isZero();
        }
        finally {
            browser.destroyForcibly();
        }
    }

    /**
     * The page as of a date, the audit trail of a figure and the reporting completeness (ADR 0019-0021),
     * with event times the test sets: a quarterly programme (due 30 days after each quarter) reports
     * 100,000 children for 2023Q1 on 10 April, a validator returns it with a comment on 12 April, the team
     * corrects it to 120,000 through a CSV import on 14 April, the validator validates it on 16 April, and
     * the whole country's financing report for 2023Q1 arrives late, on 15 May. The page as of 11 April
     * shows 100,000 (links and exports say so, live updates wait), as of 15 April 120,000 and nothing
     * validated yet; the audit trail lists the four steps with who, how and the comment; the completeness
     * says what is still owed, on the country and world pages and in their CSV files.
     */
    @Test
    void aDonorReadsTheFiguresAsOfADateHowTheyWereMadeAndWhatIsStillOwed() throws Exception {
        String country = freshCountry();
        String programme = programmeId("prg-hist-");
        BeneficiaryCountReported first = count(programme, country, HISTORY_YEAR + "Q1", Measure.ACTIVE, 1, 100_000);
        BeneficiaryCountReported corrected = count(programme, country, HISTORY_YEAR + "Q1", Measure.ACTIVE, 3, 120_000);
        publishAt(scheduledProgramme(programme, country, HISTORY_YEAR, ReportingFrequency.QUARTERLY, 30),
                day("01-05"), REPORTER);
        publishAt(first, day("04-10"), REPORTER);
        publishAt(returned(first), day("04-12"), VALIDATOR);
        publishAt(corrected, day("04-14"), IMPORT);
        publishAt(validated(corrected), day("04-16"), VALIDATOR);
        Instant last = publishAt(financing("fin-" + programme, 1, country, HISTORY_YEAR + "Q1", "USD", "200000",
                "150000", null), day("05-15"), REPORTER);
        Dashboards dashboards = new Dashboards(port);
        dashboards.countryOnceProjected(country, HISTORY_YEAR, last);
        org.awaitility.Awaitility.await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                dashboards.api().get("/api/v1/dashboards/countries/" + country + "/completeness?year=" + HISTORY_YEAR)
                        .json().get("total").get("received").asInt()).isEqualTo(2));
        String before = HISTORY_YEAR + "-04-11";
        String after = HISTORY_YEAR + "-04-15";

        Process browser = script("donor-dashboard-history.js", Integer.toString(HISTORY_YEAR), country, before, after);
        BlockingQueue<String> lines = output(browser);
        try {
            JsonNode asOfBefore = step(lines, "before");
            assertThat(asOfBefore.get("banner").asString()).isEqualTo("Figures as of Apr 11, " + HISTORY_YEAR);
            assertThat(asOfBefore.get("asOfControl").asString()).isEqualTo(before);
            assertThat(asOfBefore.get("activeBeneficiaries").asString()).as("version 1, before the correction")
                    .startsWith("100,000");
            assertThat(asOfBefore.get("live").asString()).as("live updates paused").isEqualTo("off");
            assertThat(asOfBefore.get("connection").asString()).isEqualTo("Paused (figures as of a date)");
            assertThat(asOfBefore.get("exports").valueStream().map(JsonNode::asString)).hasSize(2)
                    .allSatisfy(url -> assertThat(url).contains("asOf=" + before + "T23%3A59%3A59.999Z"));
            assertThat(asOfBefore.get("crumbs").get(0).asString()).contains("asOf=" + before);
            assertThat(asOfBefore.get("programmeLinks").get(0).asString()).contains("/programmes/" + programme)
                    .contains("asOf=" + before);
            assertViewAccessibleWithoutCharts(asOfBefore);

            JsonNode asOfAfter = step(lines, "after");
            assertThat(asOfAfter.get("hash").asString()).contains("asOf=" + after);
            assertThat(asOfAfter.get("banner").asString()).isEqualTo("Figures as of Apr 15, " + HISTORY_YEAR);
            assertThat(asOfAfter.get("activeBeneficiaries").asString()).as("the correction of 14 April")
                    .startsWith("120,000");
            assertThat(asOfAfter.get("validatedHash").asString()).contains("validation=validated").contains("asOf=" + after);
            assertThat(asOfAfter.get("validatedActiveBeneficiaries").asString()).as("validated only on 16 April")
                    .startsWith("0");
            assertThat(asOfAfter.get("errors").size()).as("browser errors: %s", asOfAfter.get("errors")).isZero();

            JsonNode audit = step(lines, "audit");
            assertThat(audit.get("title").asString()).startsWith("How this figure was made");
            assertThat(audit.get("focusInDialog").asBoolean()).isTrue();
            assertThat(audit.get("focusBack").asBoolean()).as("Escape closes it and focus returns to its button").isTrue();
            assertThat(audit.get("facts").size()).as("the one ACTIVE count of the children").isEqualTo(1);
            assertThat(audit.get("facts").get(0).get("state").asString()).isEqualTo("VALIDATED");
            assertThat(audit.get("facts").get(0).get("heading").asString()).contains(HISTORY_YEAR + "Q1")
                    .contains("Children").contains("Active");
            assertThat(audit.get("headings").valueStream().map(JsonNode::asString)).containsExactly("H2", "H3", "H4");
            assertThat(audit.get("columns").valueStream().map(JsonNode::asString)).containsExactly("col:When",
                    "col:What", "col:Before", "col:After", "col:By", "col:Channel", "col:Comment");
            JsonNode steps = audit.get("steps");
            assertThat(steps.valueStream().map(r -> r.get("key").asString())).containsExactly("REPORTED", "RETURNED",
                    "CORRECTED", "VALIDATED");
            // When, What, Before, After, By, Channel, Comment
            assertThat(stepCells(steps.get(0))).containsExactly("REPORTED", "Reported", "", "100,000", "khm-team",
                    "REST API", "");
            assertThat(stepCells(steps.get(1))).containsExactly("RETURNED", "Returned with comment (version 1)", "100,000",
                    "100,000", "khm-validator", "REST API", COMMENT);
            assertThat(stepCells(steps.get(2))).containsExactly("CORRECTED", "Corrected", "100,000", "120,000", "khm-team",
                    "CSV import · imp-42", "");
            assertThat(stepCells(steps.get(3))).containsExactly("VALIDATED", "Validated (version 3)", "120,000", "120,000",
                    "khm-validator", "REST API", "");
            assertThat(steps.valueStream().map(r -> r.get("later").asBoolean())).as("only the validation is after %s", after)
                    .containsExactly(false, false, false, true);
            assertThat(steps.get(3).get("cells").get(0).asString()).contains("after Apr 15, " + HISTORY_YEAR);
            assertThat(audit.get("axe").get("serious").size()).as("serious or critical axe-core violations: %s",
                    audit.get("axe").get("serious")).isZero();
            assertThat(audit.get("errors").size()).as("browser errors: %s", audit.get("errors")).isZero();

            JsonNode compare = step(lines, "compare");
            assertThat(compare.get("button").asString()).isEqualTo("Show what changed up to Apr 15, " + HISTORY_YEAR);
            assertThat(compare.get("title").asString()).isEqualTo("What changed between Apr 11, " + HISTORY_YEAR
                    + " and Apr 15, " + HISTORY_YEAR);
            assertThat(compare.get("changes").valueStream().map(r -> r.get("key").asString() + "="
                    + r.get("cells").get(1).asString() + ">" + r.get("cells").get(2).asString()))
                    .contains("activeBeneficiaries=100,000>120,000");
            assertThat(compare.get("steps").valueStream().map(r -> r.get("key").asString())).as("what became known")
                    .containsExactly("BeneficiaryCountReturned", "BeneficiaryCountReported");

            JsonNode programmePage = step(lines, "programme");
            assertThat(programmePage.get("hash").asString()).contains("/programmes/" + programme).contains("asOf=" + after);
            assertThat(programmePage.get("activeBeneficiaries").asString()).startsWith("120,000");
            assertThat(programmePage.get("banner").asString()).isEqualTo("Figures as of Apr 15, " + HISTORY_YEAR);
            assertThat(programmePage.get("exports").get(0).asString()).contains("/programmes/" + programme)
                    .contains("asOf=" + after);
            assertThat(programmePage.get("auditFacts").valueStream().map(JsonNode::asString)).contains(first.countId());
            assertThat(programmePage.get("auditSteps").valueStream().map(r -> r.get("key").asString()))
                    .startsWith("REPORTED", "RETURNED", "CORRECTED", "VALIDATED");
            assertThat(programmePage.get("errors").size()).as("browser errors: %s", programmePage.get("errors")).isZero();

            JsonNode world = step(lines, "world");
            assertThat(world.get("banner").asString()).isEqualTo("Figures as of Apr 11, " + HISTORY_YEAR);
            assertThat(world.get("countryRow").get(0).get("cells").get(2).asString()).as("active, as of %s", before)
                    .isEqualTo("100,000");
            assertThat(world.get("countryLink").asString()).contains("/countries/" + country).contains("asOf=" + before);
            // the completeness as of 11 April: 12 items expected (4 quarters x children x (ACTIVE, NEW) and 4
            // financing reports); only the count of 10 April had arrived, on time, not validated yet; the first
            // quarter was due on 30 April, so nothing was late or owed then (today: 11 late, 7 owed)
            assertThat(cells(world.get("completenessRow").get(0))).containsExactly(country,
                    world.get("completenessRow").get(0).get("cells").get(0).asString(), "12", "1", "0", "1", "0", "0",
                    "100.0%");
            assertThat(world.get("csv").get("name").asString())
                    .isEqualTo("completeness-" + HISTORY_YEAR + "-asof-" + HISTORY_YEAR + "0411T235959.999Z.csv");
            assertThat(world.get("csv").get("lines").get(0).asString()).startsWith("country,year,expected,received");
            assertThat(world.get("csv").get("lines").valueStream().map(JsonNode::asString))
                    .anySatisfy(line -> assertThat(line).isEqualTo(country + "," + HISTORY_YEAR + ",12,1,0,1,0,0,1.0000,0,"
                            + before + "T23:59:59.999Z"));
            assertViewAccessibleWithoutCharts(world);

            JsonNode live = step(lines, "live");
            assertThat(live.get("hash").asString()).doesNotContain("asOf");
            assertThat(live.get("asOfControl").asString()).isEmpty();
            assertThat(live.get("bannerShown").asInt()).isZero();
            assertThat(live.get("live").asString()).isEqualTo("on");
            assertThat(live.get("activeBeneficiaries").asString()).startsWith("120,000");

            JsonNode completeness = step(lines, "completeness");
            // Dataset, Expected, Received, Validated, On time, Arrived late, Overdue, Share on time
            assertThat(completeness.get("datasets").valueStream().map(DonorDashboardBrowserTest::cells)).containsExactly(
                    List.of("BENEFICIARY_COUNTS", "Beneficiary counts", "8", "1", "1", "1", "0", "7", "12.5%"),
                    List.of("FINANCING", "Financing", "4", "1", "0", "0", "1", "3", "0.0%"),
                    List.of("INDICATOR_RESULTS", "Indicator results", "0", "0", "0", "0", "0", "0", "nothing due yet"),
                    List.of("TOTAL", "All datasets", "12", "2", "1", "1", "1", "10", "8.3%"));
            assertThat(cells(completeness.get("programmes").get(0))).containsExactly(programme,
                    "Programme " + programme, "Quarterly", "30", "12", "2", "1", "1", "1", "10", "8.3%");
            assertThat(completeness.get("owedCaption").asString()).isEqualTo("Periods still owed, past their due date (7)");
            assertThat(completeness.get("owed").valueStream().map(r -> r.get("key").asString())).containsExactlyInAnyOrder(
                    programme + "/" + HISTORY_YEAR + "Q1/BENEFICIARY_COUNTS", programme + "/" + HISTORY_YEAR + "Q2/BENEFICIARY_COUNTS",
                    programme + "/" + HISTORY_YEAR + "Q2/FINANCING", programme + "/" + HISTORY_YEAR + "Q3/BENEFICIARY_COUNTS",
                    programme + "/" + HISTORY_YEAR + "Q3/FINANCING", programme + "/" + HISTORY_YEAR + "Q4/BENEFICIARY_COUNTS",
                    programme + "/" + HISTORY_YEAR + "Q4/FINANCING");
            assertThat(completeness.get("owed").valueStream().filter(r -> r.get("key").asString().contains("Q1/"))
                    .map(r -> r.get("cells").get(4).asString())).as("what Q1 still owes").containsExactly("Children · New");
            assertThat(completeness.get("csv").get("name").asString())
                    .isEqualTo("completeness-" + country + "-" + HISTORY_YEAR + ".csv");
            assertThat(completeness.get("csv").get("lines").valueStream().map(JsonNode::asString)).anySatisfy(line ->
                    assertThat(line).startsWith(country + "," + HISTORY_YEAR + "," + programme + "," + HISTORY_YEAR
                            + "Q1,BENEFICIARY_COUNTS," + HISTORY_YEAR + "-04-30,OVERDUE,2,1,1,1,1,1,0.5000,CHILDREN/NEW,"));
            assertThat(completeness.get("axe").get("serious").size()).as("serious or critical axe-core violations: %s",
                    completeness.get("axe").get("serious")).isZero();
            assertThat(completeness.get("errors").size()).as("browser errors: %s", completeness.get("errors")).isZero();

            JsonNode financingTrail = step(lines, "financing");
            assertThat(financingTrail.get("sections").valueStream().map(JsonNode::asString)).containsExactly("Financing reports");
            assertThat(financingTrail.get("facts").get(0).get("fact").asString()).isEqualTo("fin-" + programme);
            assertThat(financingTrail.get("facts").get(0).get("heading").asString()).startsWith("Whole country · "
                    + HISTORY_YEAR + "Q1").contains("submitted, awaiting validation");
            assertThat(stepCells(financingTrail.get("steps").get(0))).containsExactly("REPORTED", "Reported", "",
                    "allocated 200,000, executed 150,000", "khm-team", "REST API", "");
            assertThat(financingTrail.get("errors").size()).as("browser errors: %s", financingTrail.get("errors")).isZero();

            JsonNode refused = step(lines, "refused");
            assertThat(refused.get("problem").asString()).isEqualTo("This view cannot be shown as of Apr 11, "
                    + HISTORY_YEAR + ": year must be a calendar year between 1900 and 2200");
            assertThat(refused.get("backToLive").asInt()).isEqualTo(1);
            assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).isZero();
        }
        finally {
            browser.destroyForcibly();
        }
    }

    private static Instant day(String monthAndDay) {
        return Instant.parse(HISTORY_YEAR + "-" + monthAndDay + "T09:00:00Z");
    }

    /** An audit step's row: its kind, then its cells' texts but the first (when). */
    private static List<String> stepCells(JsonNode row) {
        List<String> cells = cells(row);
        cells.remove(1);
        return cells;
    }

    /** A row's key, then its cells' texts. */
    private static List<String> cells(JsonNode row) {
        List<String> cells = new java.util.ArrayList<>();
        cells.add(row.get("key").asString());
        row.get("cells").valueStream().map(JsonNode::asString).forEach(cells::add);
        return cells;
    }

    private static String programmeId(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ProgrammeRegistered programmeFundedBy(String id, String country, String donor, long targetPopulation,
            long targetBeneficiaries) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id + " (" + donor + ")", null, List.of("ILO"),
                List.of(donor), LocalDate.of(VIEWS_YEAR - 1, 1, 1), LocalDate.of(VIEWS_YEAR, 12, 31),
                ProgrammeStatus.ACTIVE, List.of(FloorGuarantee.CHILDREN), List.of(Branch.FAMILY),
                List.of(TargetGroup.CHILDREN), List.of(new AnnualTarget(VIEWS_YEAR, targetPopulation, targetBeneficiaries)));
    }

    /** No serious or critical axe-core violation and no error (a view whose charts are not counted). */
    private static void assertViewAccessibleWithoutCharts(JsonNode view) {
        assertThat(view.get("axe").get("serious").size()).as("serious or critical axe-core violations: %s",
                view.get("axe").get("serious")).isZero();
        assertThat(view.get("axe").get("passes").asInt()).as("axe-core ran its rules").isPositive();
        assertThat(view.get("errors").size()).as("browser errors: %s", view.get("errors")).isZero();
    }

    /** No serious or critical axe-core violation, every chart drawn, skip link and live region kept, no error. */
    private static void assertViewAccessible(JsonNode view) {
        assertThat(view.get("axe").get("serious").size()).as("serious or critical axe-core violations: %s",
                view.get("axe").get("serious")).isZero();
        assertThat(view.get("axe").get("passes").asInt()).as("axe-core ran its rules").isPositive();
        assertThat(view.get("chartsDrawn").asInt()).isEqualTo(view.get("charts").asInt()).isPositive();
        assertThat(view.get("skipLink").asBoolean()).isTrue();
        assertThat(view.get("liveRegion").asBoolean()).isTrue();
        assertThat(view.get("errors").size()).as("browser errors: %s", view.get("errors")).isZero();
    }

    private static void assertSignsInAndOut(JsonNode signIn) {
        // to the issuer: authorization code with PKCE (S256), state and nonce, back to the page's root
        JsonNode authorize = signIn.get("authorize").get(0);
        assertThat(authorize.get("response_type").asString()).isEqualTo("code");
        assertThat(authorize.get("client_id").asString()).isEqualTo("spmonitor-web");
        assertThat(authorize.get("redirect_uri").asString()).endsWith("/").doesNotContain("#");
        assertThat(authorize.get("scope").asString()).contains("openid");
        assertThat(authorize.get("code_challenge_method").asString()).isEqualTo("S256");
        assertThat(authorize.get("code_challenge").asString()).hasSize(43);
        assertThat(authorize.get("state").asString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(authorize.get("nonce").asString()).hasSizeGreaterThanOrEqualTo(43)
                .isNotEqualTo(authorize.get("state").asString());
        // the code exchanged with the verifier of that challenge, by a public client: no secret anywhere
        JsonNode exchange = signIn.get("tokenCalls").get(0);
        assertThat(signIn.get("tokenCalls").size()).isEqualTo(1);
        assertThat(exchange.get("grantType").asString()).isEqualTo("authorization_code");
        assertThat(exchange.get("codeMatches").asBoolean()).isTrue();
        assertThat(exchange.get("pkce").asBoolean()).as("the verifier matches the challenge").isTrue();
        assertThat(exchange.get("clientId").asString()).isEqualTo("spmonitor-web");
        assertThat(exchange.get("redirectUri").asString()).isEqualTo(authorize.get("redirect_uri").asString());
        assertThat(exchange.get("secret").asBoolean()).as("a client secret or Basic auth").isFalse();

        JsonNode signedIn = signIn.get("signedIn");
        assertThat(signedIn.get("url").asString()).as("back on the view it was opened on, without the code")
                .isEqualTo(signIn.get("view").asString());
        assertThat(signedIn.get("sessionToken").asBoolean()).as("the token, in sessionStorage").isTrue();
        assertThat(signedIn.get("idToken").asBoolean()).isTrue();
        assertThat(signedIn.get("pendingSignIn").asBoolean()).as("the verifier, forgotten once used").isFalse();
        assertThat(signedIn.get("localStorageItems").asInt()).as("nothing in localStorage").isZero();
        assertThat(signedIn.get("live").asString()).isEqualTo("on");
        assertThat(signedIn.get("account").asString()).isEqualTo("Sign out");
        assertThat(signedIn.get("signedInAs").asString()).isEqualTo("Signed in as test-viewer (viewer)");
        assertThat(signIn.get("activeBeneficiaries").asString()).startsWith("300,000");

        JsonNode logout = signIn.get("logout").get(0);
        assertThat(signIn.get("logout").size()).as("the issuer's session is ended too").isEqualTo(1);
        assertThat(logout.get("hintMatches").asBoolean()).as("id_token_hint: the ID token of this sign-in").isTrue();
        assertThat(logout.get("redirect").asString()).isEqualTo(authorize.get("redirect_uri").asString());
        JsonNode signedOut = signIn.get("signedOut");
        assertThat(signedOut.get("url").asString()).isEqualTo(signIn.get("view").asString());
        assertThat(signedOut.get("sessionToken").asBoolean()).as("the token, forgotten").isFalse();
        assertThat(signedOut.get("idToken").asBoolean()).isFalse();
        assertThat(signedOut.get("heading").asString()).isEqualTo("Signed out");
        assertThat(signedOut.get("figures").asInt()).as("no figure left on the page").isZero();
        assertThat(signedOut.get("live").asString()).isEqualTo("off");
        assertThat(signedOut.get("account").asString()).isEqualTo("Sign in");

        JsonNode cancelled = signIn.get("cancelled");
        assertThat(signIn.get("authorize").size()).as("signing in again goes to the issuer again").isEqualTo(2);
        assertThat(cancelled.get("signInButton").asBoolean()).isTrue();
        assertThat(cancelled.get("signedInAs").asString()).isEqualTo("Sign-in was cancelled.");
        assertThat(cancelled.get("sessionToken").asBoolean()).isFalse();

        JsonNode requests = signIn.get("requests");
        assertThat(requests.get("apiWithoutBearer").size()).as("API requests without the bearer token: %s",
                requests.get("apiWithoutBearer")).isZero();
        assertThat(requests.get("streamWithBearer").asInt()).isPositive();
        assertThat(requests.get("tokenInUrl").asInt()).isZero();
        assertThat(signIn.get("errors").size()).as("browser errors: %s", signIn.get("errors")).isZero();
    }

    private static void assertAccessible(JsonNode a11y) {
        assertThat(a11y.get("unlabelledControls").asInt()).as("form controls without a label").isZero();
        assertThat(a11y.get("charts").asInt()).isPositive();
        assertThat(a11y.get("chartsDrawn").asInt()).as("charts drawn by Chart.js").isEqualTo(a11y.get("charts").asInt());
        assertThat(a11y.get("chartsWithoutLabel").asInt()).isZero();
        assertThat(a11y.get("liveRegion").asBoolean()).isTrue();
        assertThat(a11y.get("skipLink").asBoolean()).isTrue();
        assertThat(a11y.get("lang").asString()).isEqualTo("en");
    }

    /** Starts a browser script with the base URL and the arguments; the viewer token goes in its environment. */
    private Process script(String name, String... arguments) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of("node", name,
                "http://127.0.0.1:" + port));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_PROJECT.toFile())
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SPMONITOR_VIEWER_TOKEN", TestTokens.viewer()); // not on the command line
        return builder.start();
    }

    /** The script's stdout, line by line, as it comes. */
    private static BlockingQueue<String> output(Process browser) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                    StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            }
            catch (java.io.IOException ex) {
                lines.add("{\"step\":\"io-error\"}");
            }
        }, "browser-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static JsonNode step(BlockingQueue<String> lines, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                if (name.equals(node.path("step").asString())) {
                    return node;
                }
            }
        }
        throw new AssertionError("the browser script never reported step '" + name + "'");
    }
}
