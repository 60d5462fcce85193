package org.spmonitor.programme.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spmonitor.programme.countryprogramme.RequestBodies;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.BodyFuzzer;
import org.spmonitor.testsupport.BodyFuzzer.FuzzCase;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Property over every REST body of programme-service: for hundreds of seeded random mutations of
 * valid bodies, the answer is never a 5xx, a refusal is problem details, and a refusal stores nothing
 * (the programme's version and the number of programmes stay as they were).
 */
@SpmonitorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzedBodiesPropertyTest {

    private static final String PROGRAMMES = "/api/v1/programmes";
    private static final int CASES_PER_ENDPOINT = 50;

    @LocalServerPort
    int port;

    private String programmeId;
    private String milestoneId;

    @BeforeAll
    void registerATarget() {
        ApiClient api = ApiClient.at(port);
        programmeId = api.post(PROGRAMMES, RequestBodies.programme("LAO", "Fuzz target")).json().path("id").asString();
        api.post(PROGRAMMES + "/" + programmeId + "/indicators", RequestBodies.sdg131());
        milestoneId = api.post(PROGRAMMES + "/" + programmeId + "/milestones", RequestBodies.subDecreeMilestone())
                .json().path("milestone").path("id").asString();
    }

    Stream<Arguments> fuzzedRequests() {
        return Stream.of(
                fuzz("POST", "{base}", RequestBodies.programme("MNG", "Fuzzed registration"), 1),
                fuzz("PUT", "{base}/{id}", RequestBodies.programme("LAO", "Fuzz target"), 2),
                fuzz("POST", "{base}/{id}/milestones", RequestBodies.subDecreeMilestone(), 3),
                fuzz("POST", "{base}/{id}/milestones/{milestone}/status-changes",
                        RequestBodies.statusChange("AT_RISK", "2025-05-15", "funding gap"), 4),
                fuzz("POST", "{base}/{id}/indicators", RequestBodies.sdg131(), 5),
                fuzz("POST", "{base}/{id}/indicator-results", RequestBodies.result("SDG-1.3.1", "2025", "31.6"), 6))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> fuzz(String method, String path, JsonNode valid, long seed) {
        List<FuzzCase> cases = BodyFuzzer.cases(valid, seed, CASES_PER_ENDPOINT);
        return cases.stream().map(c -> Arguments.of(method, path, c));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("fuzzedRequests")
    void neverAnswers5xxAndARefusalStoresNothing(String method, String pathTemplate, FuzzCase fuzzCase) {
        ApiClient api = ApiClient.at(port);
        String path = pathTemplate.replace("{base}", PROGRAMMES).replace("{id}", programmeId)
                .replace("{milestone}", milestoneId);
        long versionBefore = api.get(PROGRAMMES + "/" + programmeId).json().path("version").asLong();
        long countBefore = api.get(PROGRAMMES + "?size=1").json().path("totalItems").asLong();

        ApiClient.Response response = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(fuzzCase.body())), Map.of());

        assertThat(response.status()).as(response.body()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
            assertThat(api.get(PROGRAMMES + "/" + programmeId).json().path("version").asLong())
                    .as("a refused request leaves the programme as it was").isEqualTo(versionBefore);
            assertThat(api.get(PROGRAMMES + "?size=1").json().path("totalItems").asLong())
                    .as("a refused request registers nothing").isEqualTo(countBefore);
        }
    }
}
