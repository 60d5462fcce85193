package org.spmonitor.programme.countryprogramme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Listing, concurrency and idempotency against the real Mongo-wire server. */
@SpmonitorIntegrationTest
class ProgrammeQueriesIntegrationTest {

    private static final String PROGRAMMES = "/api/v1/programmes";

    @LocalServerPort
    int port;

    private ApiClient api() {
        return ApiClient.at(port);
    }

    private String register(ObjectNode body) {
        ApiClient.Response response = api().post(PROGRAMMES, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static ObjectNode programme(String country, String name, String partner, String status,
            String... targetGroups) {
        ObjectNode body = RequestBodies.programme(country, name);
        body.set("partners", RequestBodies.array(partner, "ILO"));
        body.put("status", status);
        body.set("targetGroups", RequestBodies.array(targetGroups));
        return body;
    }

    @Test
    void listsProgrammesByCountryStatusPartnerAndTargetGroupSortedByCountryAndName() {
        String partner = "GCSPF-" + UUID.randomUUID().toString().substring(0, 8);
        register(programme("SEN", "Bourses familiales", partner, "ACTIVE", "CHILDREN", "POOR_AND_VULNERABLE"));
        register(programme("KHM", "Social health protection", partner, "ACTIVE", "POOR_AND_VULNERABLE"));
        register(programme("KHM", "family package", partner, "PLANNED", "CHILDREN"));
        register(programme("UGA", "Senior citizens grant", partner, "SUSPENDED", "OLDER_PERSONS"));

        assertThat(names(PROGRAMMES + "?partner=" + partner.toLowerCase())).containsExactly("family package",
                "Social health protection", "Bourses familiales", "Senior citizens grant");
        assertThat(names(PROGRAMMES + "?partner=" + partner + "&country=KHM")).containsExactly("family package",
                "Social health protection");
        assertThat(names(PROGRAMMES + "?partner=" + partner + "&status=ACTIVE")).containsExactly(
                "Social health protection", "Bourses familiales");
        assertThat(names(PROGRAMMES + "?partner=" + partner + "&targetGroup=CHILDREN&country=SEN"))
                .containsExactly("Bourses familiales");
    }

    @Test
    void pagesCarryTheTotalAndLeaveOutMilestonesAndIndicators() {
        String partner = "EU-" + UUID.randomUUID().toString().substring(0, 8);
        for (String country : List.of("MOZ", "NPL", "ZMB")) {
            String id = register(programme(country, "Cash transfer", partner, "ACTIVE", "CHILDREN"));
            api().post(PROGRAMMES + "/" + id + "/milestones", RequestBodies.subDecreeMilestone());
        }

        JsonNode second = api().get(PROGRAMMES + "?partner=" + partner + "&size=2&page=1").json();

        assertThat(second.get("totalItems").asLong()).isEqualTo(3);
        assertThat(second.get("totalPages").asLong()).isEqualTo(2);
        assertThat(second.get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("country").asString()).isEqualTo("ZMB");
            assertThat(item.get("version").asLong()).isEqualTo(2);
            assertThat(item.has("milestones")).isFalse();
        });
        assertThat(api().get(PROGRAMMES + "?partner=" + partner + "&size=2&page=2").json().get("items")).isEmpty();
    }

    @Test
    void oneNamePerCountryEvenForConcurrentRegistrations() throws Exception {
        ObjectNode body = RequestBodies.programme("LKA", "Aswesuma " + UUID.randomUUID());
        ObjectNode otherDetails = body.deepCopy().put("description", "Welfare benefits");

        List<CompletableFuture<ApiClient.Response>> attempts = List.of(
                CompletableFuture.supplyAsync(() -> api().post(PROGRAMMES, body)),
                CompletableFuture.supplyAsync(() -> api().post(PROGRAMMES, body)),
                CompletableFuture.supplyAsync(() -> api().post(PROGRAMMES, otherDetails)));
        List<ApiClient.Response> responses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(responses).extracting(ApiClient.Response::status).filteredOn(s -> s == 201).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() < 300).map(r -> r.json().get("id").asString()).distinct())
                .hasSize(1);
        JsonNode listed = api().get(PROGRAMMES + "?country=LKA").json();
        assertThat(listed.get("items")).filteredOn(p -> p.get("name").asString().equals(body.get("name").asString()))
                .hasSize(1);
    }

    @Test
    void aReplacementNamingAStaleVersionIsAConflictThatChangesNothing() {
        ObjectNode body = RequestBodies.programme("PER", "Pension 65 " + UUID.randomUUID());
        String id = register(body);
        ApiClient.Response first = api().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(api().baseUrl() + PROGRAMMES + "/" + id))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body.deepCopy().put("status", "SUSPENDED")
                        .toString())), Map.of("If-Match", "\"1\""));
        assertThat(first.status()).isEqualTo(200);

        ApiClient.Response stale = api().put(PROGRAMMES + "/" + id, body.deepCopy().put("status", "COMPLETED")
                .put("version", 1));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("version 2");
        JsonNode current = api().get(PROGRAMMES + "/" + id).json();
        assertThat(current.get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(current.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerOfEveryPost() {
        String id = register(RequestBodies.programme("BGD", "Mother and child benefit " + UUID.randomUUID()));
        String key = UUID.randomUUID().toString();
        String path = PROGRAMMES + "/" + id + "/milestones";

        ApiClient.Response first = api().post(path, RequestBodies.subDecreeMilestone(), Map.of("Idempotency-Key", key));
        ApiClient.Response replay = api().post(path, RequestBodies.subDecreeMilestone(),
                Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(api().get(PROGRAMMES + "/" + id).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void indicatorValuesKeepEveryDecimalDigitThroughTheDatabase() {
        String id = register(RequestBodies.programme("KEN", "Inua Jamii " + UUID.randomUUID()));
        ObjectNode indicator = RequestBodies.sdg131();
        indicator.withObject("baseline").put("value", "0.000001");
        api().post(PROGRAMMES + "/" + id + "/indicators", indicator);
        api().post(PROGRAMMES + "/" + id + "/indicator-results",
                RequestBodies.result("SDG-1.3.1", "2025", "123456789012345.120000"));

        JsonNode read = api().get(PROGRAMMES + "/" + id + "/indicators/SDG-1.3.1").json();

        assertThat(read.get("baseline").get("value").asString()).isEqualTo("0.000001");
        assertThat(read.get("target").get("value").asString()).isEqualTo("40.0");
        assertThat(read.get("results").get(0).get("actualValue").asString()).isEqualTo("123456789012345.120000");
    }

    private List<String> names(String path) {
        ApiClient.Response response = api().get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").valueStream().map(item -> item.get("name").asString()).toList();
    }
}
