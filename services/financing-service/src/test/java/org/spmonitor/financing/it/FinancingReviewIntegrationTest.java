package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.financing.FinancingReports.body;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.financing.Programmes;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.ReviewLists;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The review of financing reports (issue 14, ADR 0019) end to end: a validator of the country returns,
 * the reporter corrects, the validator validates; every step is a version and an event on the real broker.
 */
@SpmonitorIntegrationTest
class FinancingReviewIntegrationTest {

    private static final String REPORTS = "/api/v1/financing-reports";

    @LocalServerPort
    int port;

    @Autowired
    KnownProgrammes programmes;

    private ApiClient api() {
        return ApiClient.at(port);
    }

    @Test
    void aReturnedReportIsCorrectedThenValidatedAndEveryStepIsAnEventAndAVersion() {
        Map<String, Object> report = body("LSO", "2024Q2", "LSL", null);
        ApiClient reporter = api().as(TestTokens.reporter("LSO"));
        String reportId = reporter.post(REPORTS, report).json().get("reportId").asString();
        ApiClient validator = api().as(TestTokens.validator("LSO"));
        String review = REPORTS + "/" + reportId + "/review";
        assertThat(api().get(REPORTS + "/" + reportId).json().get("review").asString()).isEqualTo("SUBMITTED");

        ApiClient.Response returned = validator.post(review,
                Map.of("decision", "RETURNED", "version", 1, "comment", "the grant line is in EUR"));
        assertThat(returned.status()).isEqualTo(200);
        assertThat(returned.json().get("state").asString()).isEqualTo("RETURNED");
        assertThat(returned.json().get("version").asLong()).isEqualTo(2);

        assertThat(reporter.post(REPORTS, report).json().get("version").asLong())
                .as("the same content answers a return: submitted again").isEqualTo(3);
        JsonNode afterCorrection = api().get(REPORTS + "/" + reportId).json();
        assertThat(afterCorrection.get("review").asString()).isEqualTo("SUBMITTED");
        assertThat(afterCorrection.get("reviewedVersion").asLong()).isEqualTo(3);

        assertThat(validator.post(review, Map.of("decision", "VALIDATED", "version", 1)).status())
                .as("a stale version").isEqualTo(409);
        ApiClient.Response validated = validator.withHeader("If-Match", "\"3\"").post(review,
                Map.of("decision", "VALIDATED"));
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get("reviewedVersion").asLong()).isEqualTo(3);
        assertThat(validated.header("ETag")).isEqualTo("\"4\"");
        assertThat(validator.post(review, Map.of("decision", "VALIDATED", "version", 3)).json().get("outcome")
                .asString()).as("a retry").isEqualTo("UNCHANGED");
        assertThat(validator.post(review, Map.of("decision", "RETURNED", "version", 4, "comment", "no")).status())
                .as("another decision about a validated version").isEqualTo(409);
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            ConsumerRecord<String, byte[]> returnedRecord = TopicRecords.await(probe, reportId,
                    EventType.FINANCING_REPORT_RETURNED, 2);
            JsonNode returnedEvent = TopicRecords.payload(returnedRecord);
            assertThat(TopicRecords.origin(returnedRecord)).containsExactly("test-validator-LSO", "api", null, null);
            assertThat(TopicRecords.origin(TopicRecords.await(probe, reportId, EventType.FINANCING_REPORT_SUBMITTED, 3)))
                    .as("the reporter's correction").containsExactly("test-reporter-LSO", "api", null, null);
            assertThat(returnedEvent.get("reviewedVersion").asLong()).isEqualTo(1);
            assertThat(returnedEvent.get("comment").asString()).isEqualTo("the grant line is in EUR");
            assertThat(returnedEvent.get("returnedBy").asString()).isEqualTo("test-validator-LSO");
            ConsumerRecord<String, byte[]> validatedRecord = TopicRecords.await(probe, reportId,
                    EventType.FINANCING_REPORT_VALIDATED, 4);
            assertThat(validatedRecord.key()).isEqualTo("LSO");
            assertThat(TopicRecords.payload(validatedRecord).get("reviewedVersion").asLong()).isEqualTo(3);
        }

        JsonNode view = api().get(REPORTS + "/" + reportId).json();
        assertThat(view.get("review").asString()).isEqualTo("VALIDATED");
        assertThat(view.get("history").findValuesAsString("review")).containsExactly("RETURNED", "VALIDATED");
        assertThat(view.get("history").get(1).get("comment").asString()).isEqualTo("the grant line is in EUR");

        report.put("gdp", "41000000000");
        assertThat(reporter.post(REPORTS, report).json().get("version").asLong()).isEqualTo(5);
        assertThat(api().get(REPORTS + "/" + reportId).json().get("review").asString())
                .as("a revised validated report needs validating again").isEqualTo("SUBMITTED");
        api().post(REPORTS + "/" + reportId + "/withdrawal", Map.of());
        assertThat(validator.post(review, Map.of("decision", "VALIDATED", "version", 6)).status())
                .as("a withdrawn report is not reviewed").isEqualTo(409);
    }

    @Test
    void onlyAValidatorOfTheReportsCountryReviewsAndBadInputChangesNothing() {
        String reportId = api().post(REPORTS, body("SWZ", "2024Q2", "SZL", null)).json().get("reportId").asString();
        String review = REPORTS + "/" + reportId + "/review";
        Map<String, Object> validate = Map.of("decision", "VALIDATED", "version", 1);

        assertThat(api().as(TestTokens.reporter("SWZ")).post(review, validate).status()).isEqualTo(403);
        assertThat(api().as(TestTokens.viewer()).post(review, validate).status()).isEqualTo(403);
        ApiClient.Response otherCountry = api().as(TestTokens.validator("LSO")).post(review, validate);
        assertThat(otherCountry.status()).isEqualTo(403);
        assertThat(otherCountry.json().get("detail").asString()).contains("not SWZ");
        ApiClient.Response bad = api().as(TestTokens.validator("SWZ")).post(review,
                Map.of("decision", "RETURNED", "version", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("comment");
        assertThat(api().as(TestTokens.validator("SWZ")).post(REPORTS + "/fin-000000000000/review", validate).status())
                .isEqualTo(404);
        JsonNode view = api().get(REPORTS + "/" + reportId).json();
        assertThat(view.get("version").asLong()).isEqualTo(1);
        assertThat(view.get("review").asString()).isEqualTo("SUBMITTED");

        assertThat(api().post(review, validate).json().get("state").asString()).as("an admin acts for every country")
                .isEqualTo("VALIDATED");
    }

    @Test
    void aBulkReviewValidatesEverySubmittedReportOfACountryAndPeriodWithOneResultEach() {
        String wholeCountry = api().post(REPORTS, body("BWA", "2024", "BWP", null)).json().get("reportId").asString();
        String programmeId = "prg-bwa-" + UUID.randomUUID().toString().substring(0, 8);
        TopicRecords.publish(Programmes.registered(programmeId, "BWA", 1));
        await().atMost(TopicRecords.WAIT).until(() -> programmes.find(programmeId).isPresent());
        String inUsd = api().post(REPORTS, body("BWA", "2024", "USD", programmeId)).json().get("reportId").asString();
        String otherPeriod = api().post(REPORTS, body("BWA", "2023", "BWP", null)).json().get("reportId").asString();
        Map<String, Object> validateAll = Map.of("decision", "VALIDATED", "country", "BWA", "period", "2024");

        assertThat(api().as(TestTokens.validator("KHM")).post(REPORTS + "/reviews", validateAll).status())
                .isEqualTo(403);
        assertThat(api().as(TestTokens.reporter("BWA")).post(REPORTS + "/reviews", validateAll).status())
                .isEqualTo(403);
        ApiClient.Response bad = api().as(TestTokens.validator("BWA")).post(REPORTS + "/reviews",
                Map.of("decision", "RETURNED", "country", "Botswana", "period", "FY24"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("comment", "country", "period");
        assertThat(api().get(REPORTS + "/" + wholeCountry).json().get("review").asString()).isEqualTo("SUBMITTED");

        ApiClient.Response done = api().as(TestTokens.validator("BWA")).post(REPORTS + "/reviews", validateAll);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("reviewed").asInt()).isEqualTo(2);
        assertThat(done.json().get("items").findValuesAsString("reportId")).containsExactlyInAnyOrder(wholeCountry, inUsd);
        assertThat(done.json().get("items").findValuesAsString("state")).containsOnly("VALIDATED");
        assertThat(api().get(REPORTS + "/" + inUsd).json().get("review").asString()).isEqualTo("VALIDATED");
        assertThat(api().get(REPORTS + "/" + otherPeriod).json().get("review").asString()).isEqualTo("SUBMITTED");
        assertThat(api().as(TestTokens.validator("BWA")).post(REPORTS + "/reviews", validateAll).json().get("items")
                .size()).as("nothing SUBMITTED is left there").isZero();
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            assertThat(TopicRecords.origin(TopicRecords.await(probe, inUsd, EventType.FINANCING_REPORT_VALIDATED, 2)))
                    .containsExactly("test-validator-BWA", "api-batch", null, null);
        }
    }

    @Test
    void listsTheReportsOfACountryByReviewStateSoAValidatorSeesWhatWaits() {
        String waiting = api().post(REPORTS, body("NAM", "2024", "NAD", null)).json().get("reportId").asString();
        String returned = api().post(REPORTS, body("NAM", "2023", "NAD", null)).json().get("reportId").asString();
        String validated = api().post(REPORTS, body("NAM", "2022", "NAD", null)).json().get("reportId").asString();
        ApiClient validator = api().as(TestTokens.validator("NAM"));
        assertThat(validator.post(REPORTS + "/" + returned + "/review",
                Map.of("decision", "RETURNED", "version", 1, "comment", "the lines miss the 2023 budget")).status())
                .isEqualTo(200);
        assertThat(validator.post(REPORTS + "/" + validated + "/review", Map.of("decision", "VALIDATED", "version", 1))
                .status()).isEqualTo(200);

        ReviewLists.assertListedByReviewState(validator, REPORTS + "?country=NAM", "reportId", waiting, returned,
                validated, "the lines miss the 2023 budget");
    }
}
