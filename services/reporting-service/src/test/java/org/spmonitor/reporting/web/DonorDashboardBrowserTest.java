package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.programmeWithTarget;
import static org.spmonitor.reporting.testdata.Facts.rate;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The donor web dashboard in headless Chromium (Playwright, src/test/node/donor-dashboard.js): the
 * figures a donor reads on the world and country pages, and a new submission appearing without a
 * reload. Needs {@code /usr/bin/chromium} and {@code npm ci} in src/test/node: without them the test
 * is skipped, loudly, except on CI ({@code CI=true}) where it fails.
 */
@SpmonitorIntegrationTest
class DonorDashboardBrowserTest {

    private static final Path NODE_PROJECT = Path.of("src", "test", "node");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A year no other test uses, so the world page shows this test's countries only. */
    private static final int YEAR = 2029;

    @LocalServerPort
    int port;

    @BeforeEach
    void requireBrowser() {
        String missing = !onPath("node") ? "node (apt-get install -y nodejs npm)"
                : !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (apt-get install -y chromium)"
                : !Files.isDirectory(NODE_PROJECT.resolve("node_modules/playwright-core"))
                        ? NODE_PROJECT.resolve("node_modules/playwright-core") + " (npm ci in " + NODE_PROJECT + ")"
                        : null;
        if (missing != null) {
            String message = "Donor dashboard browser test cannot run: missing " + missing;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            System.err.println("\n*** SKIPPED: " + message + " ***\n");
            Assumptions.abort(message);
        }
    }

    @Test
    void aDonorReadsTheWorldAndCountryFiguresAndSeesANewSubmissionWithoutReloading() throws Exception {
        String mozambique = freshCountry();
        String other = freshCountry();
        String p1 = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        String p2 = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        // first: 250,000 of 1,000,000 (25.0 %); 6,400,000 MZN executed of 12,800,000 at 64 per USD = $100,000,
        // 50.0 % executed, 0.50 % of a 1,280,000,000 MZN GDP. other: 50,000 of 250,000, no financing.
        // world: 300,000 of 1,250,000 = 24.0 %.
        publishAll(rate("MZN", YEAR, 1, "64"), programmeWithTarget(p1, mozambique, YEAR, 1_000_000),
                programmeWithTarget(p2, other, YEAR, 250_000),
                count(p1, mozambique, YEAR + "Q4", Measure.ACTIVE, 1, 250_000),
                financing("fin-" + p1, 1, mozambique, Integer.toString(YEAR), "MZN", "12800000", "6400000",
                        "1280000000"));
        Instant last = publish(count(p2, other, YEAR + "Q3", Measure.ACTIVE, 1, 50_000));
        Dashboards dashboards = new Dashboards(port);
        dashboards.countryOnceProjected(other, YEAR, last);
        org.awaitility.Awaitility.await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(
                dashboards.global(YEAR).get("coverageRate").decimalValue()).isEqualByComparingTo("0.24"));

        Process browser = new ProcessBuilder("node", "donor-dashboard.js", "http://127.0.0.1:" + port, mozambique,
                Integer.toString(YEAR)).directory(NODE_PROJECT.toFile()).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
        try {
            JsonNode world = step(lines, "global");
            assertThat(world.get("title").asString()).isEqualTo("All countries, " + YEAR);
            assertThat(world.get("activeBeneficiaries").asString()).startsWith("300,000");
            assertThat(world.get("coverageRate").asString()).startsWith("24.0 %");
            assertThat(world.get("executedUsd").asString()).isEqualTo("$100,000");
            assertThat(world.get("countryCount").asString()).isEqualTo("2");
            assertThat(world.get("countryRow").get("active").asString()).isEqualTo("250,000");
            assertThat(world.get("countryRow").get("coverage").asString()).isEqualTo("25.0 %");
            assertThat(world.get("countryRow").get("executedUsd").asString()).isEqualTo("$100,000");
            assertAccessible(world.get("accessibility"));
            assertThat(world.get("errors").size()).as("browser errors: %s", world.get("errors")).isZero();

            JsonNode country = step(lines, "country");
            assertThat(country.get("url").asString()).contains("#/countries/" + mozambique);
            assertThat(country.get("activeBeneficiaries").asString()).startsWith("250,000");
            assertThat(country.get("coverageRate").asString()).startsWith("25.0 %");
            assertThat(country.get("executedUsd").asString()).isEqualTo("$100,000");
            assertThat(country.get("executionRate").asString()).isEqualTo("50.0 %");
            assertThat(country.get("shareOfGdp").asString()).isEqualTo("0.50 %");
            assertAccessible(country.get("accessibility"));

            step(lines, "waiting");
            publish(count(p1, mozambique, YEAR + "Q4", Measure.ACTIVE, 2, 260_000));

            JsonNode updated = step(lines, "updated");
            assertThat(updated.get("activeBeneficiaries").asString()).startsWith("260,000");
            assertThat(updated.get("coverageRate").asString()).startsWith("26.0 %");
            assertThat(updated.get("mark").asString()).as("the page was not reloaded").isEqualTo("same page");
            assertThat(updated.get("announced").asString()).contains("Dashboard updated");
            assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).isZero();
        }
        finally {
            browser.destroyForcibly();
        }
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
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
