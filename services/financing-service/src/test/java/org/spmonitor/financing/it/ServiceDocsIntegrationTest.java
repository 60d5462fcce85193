package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.ContractDocuments;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** What an integrator reads before the first call: the OpenAPI document, health and metrics. */
@SpmonitorIntegrationTest
class ServiceDocsIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentSummarisesEveryEndpointAndStatesTheRateDirection() {
        JsonNode doc = ApiClient.at(port).get("/v3/api-docs").json();
        JsonNode paths = doc.get("paths");

        assertThat(paths.get("/api/v1/financing-reports").get("post").get("summary").asString())
                .isEqualTo("Submit or resubmit a financing report");
        assertThat(paths.get("/api/v1/financing-reports").get("get").get("summary").asString())
                .isEqualTo("List financing reports");
        assertThat(paths.get("/api/v1/financing-reports/{reportId}").get("get").get("summary").asString())
                .contains("history");
        assertThat(paths.get("/api/v1/financing-reports/{reportId}/withdrawal").get("post").get("summary").asString())
                .isEqualTo("Withdraw a financing report");
        assertThat(paths.get("/api/v1/financing-reports/batch").get("post").get("summary").asString())
                .isEqualTo("Submit a batch of financing reports, all or nothing");
        JsonNode importPost = paths.get("/api/v1/financing-reports/imports").get("post");
        assertThat(importPost.get("requestBody").get("content").has("text/csv")).isTrue();
        assertThat(importPost.get("requestBody").get("content").has("multipart/form-data")).isTrue();
        JsonNode ratePost = paths.get("/api/v1/exchange-rates").get("post");
        assertThat(ratePost.get("requestBody").get("content").has("text/csv")).isTrue();
        assertThat(ratePost.get("requestBody").get("content").has("application/json")).isTrue();
        assertThat(paths.get("/api/v1/exchange-rates/{currency}/{year}").get("get").get("summary").asString())
                .contains("revision history");
        assertThat(doc.get("components").get("schemas").get("ExchangeRateSubmission").get("properties")
                .get("unitsPerUsd").get("description").asString()).startsWith("Units of the currency per 1 USD");
        assertThat(doc.get("info").get("title").asString()).isEqualTo("spmonitor financing-service");
    }

    @Test
    void servesAValidOpenApiDocumentAndTheAsyncApiDocumentWithoutAToken() {
        ContractDocuments.assertServesValidContractDocuments(port);
    }

    @Test
    void reportsReadinessAndCountsAcceptedSubmissionsInPrometheus() {
        ApiClient api = ApiClient.at(port);
        api.post("/api/v1/exchange-rates", Map.of("currency", "MWK", "year", 2023, "unitsPerUsd", "1161.09"));

        // the readiness probe; the aggregate /actuator/health is DOWN on the Mongo-wire test server, which lacks
        // the 'hello' command that Boot's Mongo health indicator sends
        assertThat(api.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").body())
                .containsPattern("spmonitor_submissions_accepted_total\\{[^}]*kind=\"exchange-rate\"");
    }
}
