package org.spmonitor.programme.countryprogramme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.ContractDocuments;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document and Swagger UI describe every endpoint of the programme API. */
@SpmonitorIntegrationTest
class OpenApiIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void documentsEveryEndpointWithATagAndASummary() {
        ApiClient.Response response = ApiClient.at(port).get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.at("/info/title").asString()).isEqualTo("spmonitor programme-service");
        assertThat(document.get("tags")).extracting(tag -> tag.get("name").asString())
                .contains("Programmes", "Milestones", "Results indicators");
        JsonNode paths = document.get("paths");
        assertThat(paths.propertyNames()).containsAll(List.of("/api/v1/programmes", "/api/v1/programmes/{id}",
                "/api/v1/programmes/{id}/history", "/api/v1/programmes/{id}/milestones",
                "/api/v1/programmes/{id}/milestones/{milestoneId}",
                "/api/v1/programmes/{id}/milestones/{milestoneId}/status-changes",
                "/api/v1/programmes/{id}/indicators", "/api/v1/programmes/{id}/indicators/{code}",
                "/api/v1/programmes/{id}/indicator-results"));
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            assertThat(operation.getValue().get("summary")).as(operation.getKey() + " " + path.getKey()).isNotNull();
            assertThat(operation.getValue().get("tags")).as(operation.getKey() + " " + path.getKey()).isNotEmpty();
        }));
        JsonNode register = paths.at("/~1api~1v1~1programmes/post");
        assertThat(register.get("responses").propertyNames()).contains("201", "400", "409");
        assertThat(register.get("parameters")).extracting(p -> p.get("name").asString()).contains("Idempotency-Key");
        assertThat(document.at("/components/schemas/ProgrammeDetails/properties/country/example").asString())
                .isEqualTo("KHM");
        assertThat(document.at("/components/schemas/ProgrammeDetails/title").asString()).isEqualTo("Programme details");
    }

    @Test
    void servesAValidOpenApiDocumentAndTheAsyncApiDocumentWithoutAToken() {
        ContractDocuments.assertServesValidContractDocuments(port);
    }

    @Test
    void servesSwaggerUi() {
        ApiClient.Response response = ApiClient.at(port).get("/swagger-ui/index.html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("Swagger UI");
    }
}
