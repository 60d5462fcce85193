package org.spmonitor.programme.countryprogramme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.programme.countryprogramme.ProgrammeTopic.payload;
import static org.spmonitor.programme.countryprogramme.ProgrammeTopic.type;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spmonitor.events.EventType;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The review of indicator results (issue 14, ADR 0019) through the real HTTP API, Mongo-wire server and
 * Kafka broker: returned, reported again, validated; each review a programme version and an event.
 */
@SpmonitorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorReviewIntegrationTest {

    private static final String PROGRAMMES = "/api/v1/programmes";

    @LocalServerPort
    int port;

    private final ProgrammeTopic topic = new ProgrammeTopic();

    @AfterAll
    void closeTopic() {
        topic.close();
    }

    private ApiClient api() {
        return ApiClient.at(port);
    }

    private String registerWithResult(String country, String value) {
        ApiClient.Response registered = api().post(PROGRAMMES, RequestBodies.programme(country,
                "Social health protection " + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().get("id").asString();
        api().post(PROGRAMMES + "/" + id + "/indicators", RequestBodies.sdg131());
        assertThat(api().post(PROGRAMMES + "/" + id + "/indicator-results", RequestBodies.result("SDG-1.3.1", "2025",
                value)).status()).isEqualTo(201);
        return id;
    }

    @Test
    void aReturnedResultIsReportedAgainThenValidatedAndEveryStepIsAVersionAndAnEvent() {
        String id = registerWithResult("KHM", "31.6");
        String result = PROGRAMMES + "/" + id + "/indicators/SDG-1.3.1/results/2025";
        ApiClient validator = api().as(TestTokens.validator("KHM"));
        JsonNode submitted = api().get(result).json();
        assertThat(submitted.get("review").asString()).isEqualTo("SUBMITTED");
        assertThat(submitted.get("version").asLong()).isEqualTo(3);

        ApiClient.Response returned = validator.post(result + "/review",
                Map.of("decision", "RETURNED", "version", 3, "comment", "a survey estimate, not the register"));
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        assertThat(returned.json().get("review").asString()).isEqualTo("RETURNED");
        assertThat(returned.json().get("version").asLong()).isEqualTo(4);
        JsonNode returnedEvent = payload(topic.event(id, 4));
        assertThat(type(topic.event(id, 4))).isEqualTo(EventType.INDICATOR_RESULT_RETURNED.typeName());
        assertThat(returnedEvent.get("reviewedVersion").asLong()).isEqualTo(3);
        assertThat(returnedEvent.get("comment").asString()).isEqualTo("a survey estimate, not the register");
        assertThat(ProgrammeTopic.origin(topic.event(id, 4))).containsExactly("test-validator-KHM", "api", null, null);

        assertThat(api().post(PROGRAMMES + "/" + id + "/indicator-results", RequestBodies.result("SDG-1.3.1", "2025",
                "31.6")).json().get("programmeVersion").asLong())
                .as("the same value answers a return: submitted again").isEqualTo(5);
        assertThat(api().get(result).json().get("review").asString()).isEqualTo("SUBMITTED");
        assertThat(validator.post(result + "/review", Map.of("decision", "VALIDATED", "version", 3)).status())
                .as("a stale version").isEqualTo(409);
        ApiClient.Response validated = validator.withHeader("If-Match", api().get(result).header("ETag"))
                .post(result + "/review", Map.of("decision", "VALIDATED"));
        assertThat(validated.status()).as(validated.body()).isEqualTo(200);
        assertThat(validated.header("ETag")).isEqualTo("\"6\"");
        ObjectNode expected = RequestBodies.golden(EventType.INDICATOR_RESULT_VALIDATED);
        expected.put("programmeId", id).put("version", 6).put("reviewedVersion", 5)
                .put("validatedBy", "test-validator-KHM");
        assertThat(payload(topic.event(id, 6))).isEqualTo(expected);
        assertThat(topic.event(id, 6).key()).isEqualTo("KHM");
        assertThat(ProgrammeTopic.origin(topic.event(id, 6))).containsExactly("test-validator-KHM", "api", null, null);
        assertThat(validator.post(result + "/review", Map.of("decision", "VALIDATED", "version", 6)).header(
                "Spmonitor-Outcome")).as("a retry").isEqualTo("UNCHANGED");
        assertThat(validator.post(result + "/review", Map.of("decision", "RETURNED", "version", 6, "comment", "no"))
                .status()).as("another decision about a validated value").isEqualTo(409);

        JsonNode history = api().get(PROGRAMMES + "/" + id + "/history").json().get("versions");
        assertThat(history.findValuesAsString("kind")).containsSubsequence("INDICATOR_RESULT_REPORTED",
                "INDICATOR_RESULT_RETURNED", "INDICATOR_RESULT_REPORTED", "INDICATOR_RESULT_VALIDATED");

        api().post(PROGRAMMES + "/" + id + "/indicator-results", RequestBodies.result("SDG-1.3.1", "2025", "32"));
        assertThat(api().get(result).json().get("review").asString())
                .as("a revised validated value needs validating again").isEqualTo("SUBMITTED");
    }

    @Test
    void onlyAValidatorOfTheProgrammesCountryReviewsAndBadInputChangesNothing() {
        String id = registerWithResult("SEN", "12");
        String review = PROGRAMMES + "/" + id + "/indicators/SDG-1.3.1/results/2025/review";
        Map<String, Object> validate = Map.of("decision", "VALIDATED", "version", 3);

        assertThat(api().as(TestTokens.reporter("SEN")).post(review, validate).status()).isEqualTo(403);
        assertThat(api().as(TestTokens.viewer()).post(review, validate).status()).isEqualTo(403);
        ApiClient.Response otherCountry = api().as(TestTokens.validator("KHM")).post(review, validate);
        assertThat(otherCountry.status()).isEqualTo(403);
        assertThat(otherCountry.json().get("detail").asString()).contains("not SEN");
        ApiClient.Response bad = api().as(TestTokens.validator("SEN")).post(review,
                Map.of("decision", "RETURNED", "version", 3));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("comment");
        assertThat(api().as(TestTokens.validator("SEN")).post(PROGRAMMES + "/" + id
                + "/indicators/SDG-1.3.1/results/2024/review", validate).status()).isEqualTo(404);
        assertThat(api().get(PROGRAMMES + "/" + id).json().get("version").asLong()).as("nothing changed")
                .isEqualTo(3);

        ApiClient.Response all = api().as(TestTokens.validator("SEN")).post(PROGRAMMES + "/" + id
                + "/indicator-results/reviews", Map.of("decision", "VALIDATED", "period", "2025"));
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("reviewed").asInt()).isEqualTo(1);
        assertThat(all.json().get("items").findValuesAsString("indicatorCode")).containsExactly("SDG-1.3.1");
        assertThat(api().get(PROGRAMMES + "/" + id + "/indicators/SDG-1.3.1/results/2025").json().get("review")
                .asString()).isEqualTo("VALIDATED");
        assertThat(ProgrammeTopic.origin(topic.event(id, 4))).as("a bulk review")
                .containsExactly("test-validator-SEN", "api-batch", null, null);
        assertThat(api().as(TestTokens.validator("SEN")).post(PROGRAMMES + "/" + id + "/indicator-results/reviews",
                Map.of("decision", "VALIDATED")).json().get("items").size()).as("nothing SUBMITTED is left").isZero();
    }
}
