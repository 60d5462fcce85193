package org.spmonitor.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web app (reporting-service, port 8080 by default) calls the write services from its own origin:
 * the browser's preflight must pass for the allowed origins only, and even an error answer must carry
 * the CORS headers so the page can read its problem details.
 */
@SpmonitorIntegrationTest
class CorsIntegrationTest {

    private static final String WEB_APP = "http://localhost:8080";

    @LocalServerPort
    int port;

    private ApiClient.Response preflight(String origin) {
        ApiClient client = ApiClient.anonymous(port);
        return client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/v1/beneficiary-counts/imports"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), Map.of("Origin", origin,
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,idempotency-key"));
    }

    @Test
    void preflightFromTheWebAppAllowsABearerTokenAndAnIdempotencyKey() {
        ApiClient.Response answer = preflight(WEB_APP);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(WEB_APP);
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(answer.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization").contains("idempotency-key");
        assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void preflightFromAnotherOriginIsRefused() {
        ApiClient.Response answer = preflight("https://evil.example");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anErrorAnswerToTheWebAppIsReadableAndExposesTheHeadersAPageNeeds() {
        ApiClient.Response answer = ApiClient.anonymous(port).withHeader("Origin", WEB_APP)
                .get("/api/v1/beneficiary-counts");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(WEB_APP);
        assertThat(answer.header("Access-Control-Expose-Headers")).contains("Location").contains("Idempotency-Key");
    }
}
