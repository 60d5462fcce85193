package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.financing.FinancingReports.body;
import static org.spmonitor.financing.FinancingReports.goldenKhmBody;
import static org.spmonitor.financing.FinancingReports.lineBody;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.financing.Programmes;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The financing report API end to end: HTTP in, Mongo, outbox, the real broker out. */
@SpmonitorIntegrationTest
class FinancingReportIntegrationTest {

    private static final String REPORTS = "/api/v1/financing-reports";

    @LocalServerPort
    int port;

    @Autowired
    KnownProgrammes programmes;

    private ApiClient api() {
        return ApiClient.at(port);
    }

    private void registerThroughTheBroker(String programmeId, String country) {
        TopicRecords.publish(Programmes.registered(programmeId, country, 1));
        await().atMost(TopicRecords.WAIT).until(() -> programmes.find(programmeId).isPresent());
    }

    private static String freshProgrammeId() {
        return "prg-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void publishesAResubmissionAsTheGoldenFinancingReportSubmitted() {
        registerThroughTheBroker("prg-7k2m9q4x3t1a", "KHM");
        Map<String, Object> first = goldenKhmBody("prg-7k2m9q4x3t1a");
        ((List<?>) first.get("lines")).remove(3);

        ApiClient.Response created = api().post(REPORTS, first);
        ApiClient.Response resubmitted = api().post(REPORTS, goldenKhmBody("prg-7k2m9q4x3t1a"));

        assertThat(created.status()).isEqualTo(201);
        String reportId = created.json().get("reportId").asString();
        assertThat(created.header("Location")).isEqualTo(REPORTS + "/" + reportId);
        assertThat(resubmitted.status()).isEqualTo(200);
        assertThat(resubmitted.json().get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(resubmitted.json().get("version").asLong()).isEqualTo(2);
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            ConsumerRecord<String, byte[]> record = TopicRecords.await(probe, reportId,
                    EventType.FINANCING_REPORT_SUBMITTED, 2);
            ObjectNode expected = (ObjectNode) TopicRecords.golden(EventType.FINANCING_REPORT_SUBMITTED);
            expected.put("reportId", reportId);
            assertThat(TopicRecords.payload(record)).isEqualTo(expected);
            assertThat(record.key()).isEqualTo("KHM");
            assertThat(TopicRecords.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/spmonitor/financing-service");
            assertThat(TopicRecords.header(record, CloudEventHeaders.DATA_SCHEMA))
                    .isEqualTo(EventType.FINANCING_REPORT_SUBMITTED.dataSchema());
            assertThat(TopicRecords.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(TopicRecords.origin(record)).as("who and which channel").containsExactly("test-admin", "api",
                    null, null);
        }
    }

    @Test
    void publishesAWithdrawalAsTheGoldenFinancingReportWithdrawnAndKeepsTheHistoryReadable() {
        Map<String, Object> report = body("SEN", "2025Q1", "XOF", null);
        String reportId = api().post(REPORTS, report).json().get("reportId").asString();
        report.put("gdp", "19500000000000");
        api().post(REPORTS, report);
        String reason = "Duplicate of the consolidated annual report submitted by the Ministry of Finance and Budget";

        ApiClient.Response withdrawn = api().post(REPORTS + "/" + reportId + "/withdrawal", Map.of("reason", reason));

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("version").asLong()).isEqualTo(3);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            ConsumerRecord<String, byte[]> record = TopicRecords.await(probe, reportId,
                    EventType.FINANCING_REPORT_WITHDRAWN, 3);
            ObjectNode expected = (ObjectNode) TopicRecords.golden(EventType.FINANCING_REPORT_WITHDRAWN);
            expected.put("reportId", reportId);
            assertThat(TopicRecords.payload(record)).isEqualTo(expected);
            assertThat(TopicRecords.origin(record)).containsExactly("test-admin", "api", null, null);
            List<ConsumerRecord<String, byte[]>> seen = probe.awaitRecord(
                    TopicRecords.about(reportId, EventType.FINANCING_REPORT_WITHDRAWN, 3), TopicRecords.WAIT);
            assertThat(TopicRecords.allAbout(seen, reportId))
                    .extracting(r -> TopicRecords.payload(r).get("version").asLong()).containsExactly(1L, 2L, 3L);
        }
        JsonNode read = api().get(REPORTS + "/" + reportId).json();
        assertThat(read.get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(read.get("gdp").asString()).isEqualTo("19500000000000");
        assertThat(read.get("history")).extracting(v -> v.get("action").asString())
                .containsExactly("SUBMITTED", "SUBMITTED", "WITHDRAWN");
        assertThat(read.get("history").get(0).get("report").has("gdp")).isFalse();
        assertThat(read.get("history").get(1).get("report").get("gdp").asString()).isEqualTo("19500000000000");
        assertThat(read.get("history").get(2).get("reason").asString()).isEqualTo(reason);
        assertThat(read.get("history").get(2).get("by").asString()).isEqualTo("test-admin");
    }

    @Test
    void anIdenticalResubmissionChangesNothingAndAWithdrawnReportComesBackAsANewVersion() {
        Map<String, Object> report = body("NPL", "2025", "NPR", null);
        String reportId = api().post(REPORTS, report).json().get("reportId").asString();

        ApiClient.Response again = api().post(REPORTS, report);
        api().post(REPORTS + "/" + reportId + "/withdrawal", Map.of());
        ApiClient.Response withdrawnAgain = api().post(REPORTS + "/" + reportId + "/withdrawal", Map.of());
        ApiClient.Response back = api().post(REPORTS, report);

        assertThat(again.json().get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(again.json().get("version").asLong()).isEqualTo(1);
        assertThat(withdrawnAgain.json().get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(back.json().get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(back.json().get("version").asLong()).isEqualTo(3);
        assertThat(api().get(REPORTS + "/" + reportId).json().get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndCreatesNothingNew() {
        Map<String, Object> report = body("LKA", "2025", "LKR", null);
        Map<String, String> key = Map.of("Idempotency-Key", "lka-2025-" + UUID.randomUUID());

        ApiClient.Response first = api().post(REPORTS, report, key);
        ApiClient.Response replay = api().post(REPORTS, report, key);
        report.put("gdp", "1000000");
        ApiClient.Response reused = api().post(REPORTS, report, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(reused.status()).isEqualTo(409);
        JsonNode read = api().get(first.header("Location")).json();
        assertThat(read.get("version").asLong()).isEqualTo(1);
        assertThat(read.get("history")).hasSize(1);
    }

    @Test
    void keepsAmountsNearTenToTheFifteenthExactOnTheWire() {
        // amounts sent as JSON numbers, not strings
        String raw = "{\"country\":\"MOZ\",\"period\":\"2025\",\"currency\":\"MZN\",\"gdp\":999999999999999.9999,"
                + "\"lines\":[{\"function\":\"FAMILY\",\"source\":\"DOMESTIC_TAX\",\"allocated\":999999999999999.9999,"
                + "\"executed\":0.0001},{\"function\":\"HEALTH\",\"source\":\"EXTERNAL_LOAN\","
                + "\"allocated\":1000000000000000,\"executed\":999999999999999.9998}]}";

        String reportId = api().post(REPORTS, raw).json().get("reportId").asString();

        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            JsonNode payload = TopicRecords.payload(TopicRecords.await(probe, reportId,
                    EventType.FINANCING_REPORT_SUBMITTED, 1));
            assertThat(payload.get("gdp").isString()).isTrue();
            assertThat(payload.get("gdp").asString()).isEqualTo("999999999999999.9999");
            assertThat(payload.get("lines").get(0).get("allocated").asString()).isEqualTo("999999999999999.9999");
            assertThat(payload.get("lines").get(0).get("executed").asString()).isEqualTo("0.0001");
            assertThat(payload.get("lines").get(1).get("allocated").asString()).isEqualTo("1000000000000000");
            assertThat(payload.get("lines").get(1).get("executed").asString()).isEqualTo("999999999999999.9998");
        }
    }

    @Test
    void acceptsExecutedAboveAllocatedAndACurrencyWithoutARateWithWarnings() {
        Map<String, Object> report = body("ZMB", "2025", "ZMW", null);
        report.put("lines", List.of(lineBody("UNEMPLOYMENT", "EXTERNAL_GRANT", "100.00", "125.50")));

        ApiClient.Response response = api().post(REPORTS, report);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("warnings")).extracting(w -> w.get("field").asString())
                .containsExactly("lines[0].executed", "currency");
        assertThat(response.json().get("warnings").get(1).get("message").asString())
                .contains("no exchange rate of ZMW for 2025", "missing");
    }

    @Test
    void acceptsAReportForAProgrammeOfItsCountryAndRefusesOneOfAnotherCountry() {
        String programmeId = freshProgrammeId();
        registerThroughTheBroker(programmeId, "KEN");

        ApiClient.Response own = api().post(REPORTS, body("KEN", "2025", "KES", programmeId));
        ApiClient.Response foreign = api().post(REPORTS, body("TZA", "2025", "TZS", programmeId));
        ApiClient.Response unknown = api().post(REPORTS, body("TZA", "2025", "TZS", freshProgrammeId()));

        assertThat(own.status()).isEqualTo(201);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("errors").get(0).get("field").asString()).isEqualTo("programmeId");
        assertThat(foreign.json().get("errors").get(0).get("message").asString()).contains("belongs to KEN, not to TZA");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("message").asString()).contains("unknown programme");
        assertThat(api().get(REPORTS + "?country=TZA").json().get("totalItems").asLong()).isZero();
    }

    @Test
    void refusesAnInvalidReportWithProblemDetailsNamingEachFieldAndStoresNothing() {
        Map<String, Object> report = body("BFA", "2025-00", "CFA", null);
        report.put("lines", List.of(lineBody("FAMILY", "DOMESTIC_TAX", "-1", null),
                lineBody("FAMILY", "DOMESTIC_TAX", "2", null)));

        ApiClient.Response refused = api().post(REPORTS, report);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("https://spmonitor.org/problems/validation");
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("period", "currency", "lines[0].allocated", "lines[1]");
        assertThat(api().get(REPORTS + "?country=BFA").json().get("totalItems").asLong()).isZero();
    }

    @Test
    void listsReportsByFiltersOnePageAtATime() {
        String[] periods = { "2024Q1", "2024Q2", "2025" };
        for (String period : periods) {
            api().post(REPORTS, body("PER", period, "PEN", null));
        }
        String q2 = api().get(REPORTS + "?country=PER&period=2024Q2").json().get("items").get(0).get("reportId")
                .asString();
        api().post(REPORTS + "/" + q2 + "/withdrawal", Map.of("reason", "entered twice"));

        JsonNode year2024 = api().get(REPORTS + "?country=PER&year=2024&size=1").json();
        JsonNode secondPage = api().get(REPORTS + "?country=PER&year=2024&size=1&page=1").json();
        JsonNode withdrawn = api().get(REPORTS + "?country=PER&status=WITHDRAWN").json();
        JsonNode inPen = api().get(REPORTS + "?currency=PEN&status=SUBMITTED").json();

        assertThat(year2024.get("totalItems").asLong()).isEqualTo(2);
        assertThat(year2024.get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("period").asString()).isEqualTo("2024Q1");
            assertThat(item.has("history")).isFalse();
        });
        assertThat(secondPage.get("items").get(0).get("period").asString()).isEqualTo("2024Q2");
        assertThat(withdrawn.get("items")).extracting(i -> i.get("reportId").asString()).containsExactly(q2);
        assertThat(inPen.get("items")).extracting(i -> i.get("period").asString()).containsExactly("2024Q1", "2025");
    }

    @Test
    void answersAnUnknownReportWith404() {
        assertThat(api().get(REPORTS + "/fin-00000000000000000000").status()).isEqualTo(404);
        assertThat(api().post(REPORTS + "/fin-00000000000000000000/withdrawal", Map.of()).status()).isEqualTo(404);
    }
}
