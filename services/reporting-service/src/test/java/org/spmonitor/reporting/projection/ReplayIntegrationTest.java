package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Dashboards.figures;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.programme;
import static org.spmonitor.reporting.testdata.Facts.rate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.Facts;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Rebuilding the read models from offset 0 gives the same dashboards, and readers never see a partial one. */
@SpmonitorIntegrationTest
class ReplayIntegrationTest {

    @LocalServerPort
    int port;


    @Test
    void replayedDashboardsEqualTheLiveOnesAndReadersNeverSeeAPartialOne() {
        Dashboards dashboards = new Dashboards(port);
        String first = freshCountry();
        String second = freshCountry();
        String p1 = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        String p2 = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        FinancingReportSubmitted report = financing("fin-" + p1, 1, first, "2025", "NPR", "13300000", "6650000",
                "5320000000");
        Instant middle = publishAll(programme(p1, first, 2_000_000L), programme(p2, second, 500_000L), rate("NPR", 2025, 1, "130"),
                active(p1, first, "2025Q1", 400_000), active(p1, first, "2025Q2", 450_000),
                count(p1, first, "2025Q2", Measure.ACTIVE, 2, 460_000), added(p1, first, "2025Q1", 60_000),
                added(p1, first, "2025Q2", 40_000), report,
                Facts.milestone(p1, first, "law", 2, LocalDate.of(2025, 9, 30), MilestoneStatus.AT_RISK),
                active(p2, second, "2025Q4", 100_000));
        // reviews (ADR 0019): both ACTIVE quarters validated; the NEW of 2025Q2 validated, then revised and returned
        BeneficiaryCountReported secondQuarter = count(p1, first, "2025Q2", Measure.ACTIVE, 2, 460_000);
        BeneficiaryCountReported enrolled = added(p1, first, "2025Q2", 40_000);
        BeneficiaryCountReported revisedEnrolled = count(p1, first, "2025Q2", Measure.NEW, 3, 45_000);
        publishAll(Facts.validated(active(p1, first, "2025Q1", 400_000)), Facts.validated(secondQuarter),
                Facts.validated(enrolled), revisedEnrolled, Facts.returned(revisedEnrolled), Facts.validated(report));
        Instant lastFirst = publish(Facts.indicator(p1, first, 3, "2025Q2", "35"));
        BeneficiaryCountReported mistaken = added(p2, second, "2025Q4", 9_999);
        publish(mistaken);
        publish(rate("NPR", 2025, 2, "133"));
        Instant lastSecond = publish(Facts.withdrawn(mistaken));

        // 6,650,000 NPR at the revised 133 per USD
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(dashboards.country(first, 2025)
                .get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("50000"));
        JsonNode liveFirst = figures(dashboards.countryOnceProjected(first, 2025, lastFirst));
        JsonNode liveSecond = figures(dashboards.countryOnceProjected(second, 2025, lastSecond));
        await().atMost(Dashboards.PATIENCE).untilAsserted(() -> assertThat(dashboards.global(2025).get("countries")
                .findValuesAsString("country")).contains(first, second));
        JsonNode liveWorld = figures(dashboards.global(2025));
        JsonNode liveProgramme = figures(dashboards.programme(p1, 2025));
        JsonNode liveValidatedProgramme = figures(dashboards.programme(p1, 2025, "validated"));
        JsonNode liveValidatedFirst = figures(dashboards.country(first, 2025, "validated"));
        // completeness (ADR 0020): receipts from the events' times; asOf is the clock's reading, not the data's
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(completeness(dashboards,
                first).get("datasets").get("INDICATOR_RESULTS").get("received").asInt()).as("the last event of first")
                .isEqualTo(1));
        JsonNode liveCompleteness = completeness(dashboards, first);
        assertThat(liveCompleteness.get("datasets").get("BENEFICIARY_COUNTS").get("received").asInt()).isEqualTo(4);
        assertThat(liveCompleteness.get("datasets").get("BENEFICIARY_COUNTS").get("validated").asInt()).isEqualTo(2);
        assertThat(liveFirst.get("activeBeneficiaries").asLong()).isEqualTo(460_000);
        assertThat(liveProgramme.get("newBeneficiaries").asLong()).isEqualTo(105_000);
        assertThat(liveValidatedProgramme.get("newBeneficiaries").asLong())
                .as("2025Q1 was never validated; 2025Q2 keeps its last validated version").isEqualTo(40_000);
        assertThat(liveValidatedProgramme.get("activeBeneficiaries").asLong()).isEqualTo(460_000);
        assertThat(liveValidatedFirst.get("financing").get("executedUsd").decimalValue())
                .as("the validated report at the revised rate").isEqualByComparingTo("50000");
        assertThat(liveSecond.get("newBeneficiaries").asLong()).isZero();
        // the share validated of each dataset (ADR 0019), kept in the rollup: counts 2 of 4 (the NEW of 2025Q1 never
        // validated, its revision of 2025Q2 returned), the report validated, the indicator result not: 3 of 6
        JsonNode validation = liveFirst.get("validation");
        assertThat(validation.get("byDataset").get("beneficiaryCounts").get("validatedShare").decimalValue())
                .isEqualByComparingTo("0.5");
        assertThat(validation.get("byDataset").get("financingReports").get("validatedFacts").asLong()).isEqualTo(1);
        assertThat(validation.get("byDataset").get("indicatorResults").get("facts").asLong()).isEqualTo(1);
        assertThat(validation.get("byDataset").get("indicatorResults").get("validatedFacts").asLong()).isZero();
        assertThat(validation.get("overall").get("validatedShare").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(liveWorld.get("validation").get("overall").get("facts").asLong())
                .as("the world's tally holds the first country's").isGreaterThanOrEqualTo(6);
        String generationBefore = dashboards.api().get("/api/v1/dashboards/years").json().get("generation").asString();
        // dashboards as of a date and audit trails come from the fact history (ADR 0021): a replay rebuilds it too
        List<String> history = List.of("/api/v1/dashboards/countries/" + first + "?year=2025&asOf=" + middle,
                "/api/v1/dashboards/countries/" + first + "?year=2025&validation=validated&asOf=" + middle,
                "/api/v1/dashboards/programmes/" + p1 + "?year=2025&asOf=" + middle,
                "/api/v1/dashboards/global?year=2025&asOf=" + middle,
                "/api/v1/dashboards/countries/" + first + "/audit?year=2025",
                "/api/v1/dashboards/countries/" + second + "/changes?year=2025&from=" + middle + "&to=" + lastSecond,
                // filtered, the series, the list and completeness, as of a date (ADR 0021)
                "/api/v1/dashboards/countries/" + first + "?year=2025&donor=EU&asOf=" + middle,
                "/api/v1/dashboards/global?year=2025&donor=EU&validation=validated&asOf=" + lastFirst,
                "/api/v1/dashboards/trends?country=" + first + "&donor=EU&asOf=" + middle,
                "/api/v1/dashboards/programmes?year=2025&country=" + first + "&validation=validated&asOf=" + lastFirst,
                "/api/v1/dashboards/countries/" + first + "/completeness?year=2025&asOf=" + lastFirst);
        List<JsonNode> historyBefore = history.stream().map(path -> figures(historyAnswer(dashboards, path))).toList();
        assertThat(historyBefore.get(0).get("activeBeneficiaries").asLong()).as("2025Q2 version 2, before the reviews")
                .isEqualTo(460_000);
        assertThat(historyBefore.get(6).get("activeBeneficiaries").asLong()).as("filtered: the same programme")
                .isEqualTo(460_000);
        assertThat(historyBefore.get(9).get("programmes").get(0).get("newBeneficiaries").asLong())
                .as("validated by then: 2025Q2's version 2 of 40,000").isEqualTo(40_000);
        assertThat(historyBefore.get(10).get("datasets").get("BENEFICIARY_COUNTS").get("validated").asInt())
                .as("the validations known then").isEqualTo(2);

        // a reader polls while the replay runs: every answer must be the whole live dashboard
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> differences = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                JsonNode seen = figures(dashboards.country(first, 2025));
                reads.incrementAndGet();
                if (!seen.equals(liveFirst)) {
                    differences.add(seen.toString());
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // paces the load, waits for nothing
            }
        }, "dashboard-reader");
        reader.start();
        ApiClient.Response requested;
        try {
            requested = dashboards.api().post("/api/v1/admin/replays", "");
            assertThat(requested.status()).isEqualTo(202);
            assertThat(requested.header("Location")).startsWith("/api/v1/admin/replays/");
            assertThat(requested.json().get("requestedBy").asString()).as("the subject of the admin's JWT")
                    .isEqualTo("test-admin");
            String location = requested.header("Location");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    dashboards.api().get(location).json().get("status").asString()).isEqualTo("COMPLETED"));
        }
        finally {
            reading.set(false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !reader.isAlive());

        assertThat(differences).as("answers that were not the whole dashboard during the replay").isEmpty();
        assertThat(reads.get()).isPositive();
        String generationAfter = dashboards.api().get("/api/v1/dashboards/years").json().get("generation").asString();
        assertThat(generationAfter).isNotEqualTo(generationBefore)
                .isEqualTo(requested.json().get("generation").asString());
        assertThat(figures(dashboards.country(first, 2025))).isEqualTo(liveFirst);
        assertThat(figures(dashboards.country(second, 2025))).isEqualTo(liveSecond);
        assertThat(figures(dashboards.global(2025))).isEqualTo(liveWorld);
        assertThat(figures(dashboards.programme(p1, 2025))).isEqualTo(liveProgramme);
        assertThat(figures(dashboards.programme(p1, 2025, "validated"))).isEqualTo(liveValidatedProgramme);
        assertThat(figures(dashboards.country(first, 2025, "validated"))).isEqualTo(liveValidatedFirst);
        assertThat(completeness(dashboards, first)).isEqualTo(liveCompleteness);
        assertThat(history.stream().map(path -> figures(historyAnswer(dashboards, path))).toList())
                .as("dashboards as of a date, audit trail and changes after the replay").isEqualTo(historyBefore);

        // the new generation goes on projecting live events
        Instant later = publish(count(p2, second, "2025Q4", Measure.ACTIVE, 2, 120_000));
        assertThat(dashboards.countryOnceProjected(second, 2025, later).get("activeBeneficiaries").asLong())
                .isEqualTo(120_000);
    }

    /** An answer of the fact history; like every dashboard, compared without when it was computed. */
    private static JsonNode historyAnswer(Dashboards dashboards, String path) {
        ApiClient.Response response = dashboards.api().get(path);
        assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aSecondReplayWhileOneRunsIsAConflictOrStartsAfterIt() {
        Dashboards dashboards = new Dashboards(port);
        ApiClient.Response first = dashboards.api().post("/api/v1/admin/replays", "");
        ApiClient.Response second = dashboards.api().post("/api/v1/admin/replays", "");

        assertThat(first.status()).isEqualTo(202);
        if (second.status() == 409) {
            assertThat(second.json().get("status").asInt()).isEqualTo(409);
        }
        else {
            assertThat(second.status()).as("the first had already caught up").isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(dashboards.api()
                .get("/api/v1/admin/replays").json().findValuesAsString("status")).doesNotContain("BUILDING"));
    }

    /** A country's completeness of 2025 without its asOf (the clock's reading when asked). */
    private static JsonNode completeness(Dashboards dashboards, String country) {
        ObjectNode body = (ObjectNode) dashboards.api().get("/api/v1/dashboards/countries/" + country
                + "/completeness?year=2025").json();
        body.remove("asOf");
        return body;
    }
}
