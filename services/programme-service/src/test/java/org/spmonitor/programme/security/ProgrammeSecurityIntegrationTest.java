package org.spmonitor.programme.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spmonitor.programme.countryprogramme.RequestBodies;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.node.ObjectNode;

/** DESIGN.md "Security" on programme-service, through the real HTTP stack and bearer JWTs. */
@SpmonitorIntegrationTest
class ProgrammeSecurityIntegrationTest {

    private static final String PROGRAMMES = "/api/v1/programmes";

    @LocalServerPort
    int port;

    private ObjectNode programmeIn(String country) {
        return RequestBodies.programme(country, "Security check " + country + " " + System.nanoTime());
    }

    private long programmesNamed(String name) {
        return ApiClient.at(port).get(PROGRAMMES + "?size=500").json().path("items").valueStream()
                .filter(item -> name.equals(item.path("name").asString())).count();
    }

    @Test
    void refusesARequestWithoutATokenWith401ProblemDetails() {
        ApiClient.Response response = ApiClient.anonymous(port).post(PROGRAMMES, programmeIn("KHM"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().path("title").asString()).isEqualTo("Unauthorized");
        assertThat(ApiClient.anonymous(port).get(PROGRAMMES).status()).isEqualTo(401);
    }

    @Test
    void refusesAForgedToken() {
        String forged = TestTokens.admin().substring(0, TestTokens.admin().length() - 4) + "AAAA";

        assertThat(ApiClient.anonymous(port).as(forged).get(PROGRAMMES).status()).isEqualTo(401);
    }

    @Test
    void letsAViewerReadButNotWrite() {
        ObjectNode body = programmeIn("KHM");
        ApiClient viewer = ApiClient.anonymous(port).as(TestTokens.viewer());

        assertThat(viewer.get(PROGRAMMES).status()).isEqualTo(200);
        ApiClient.Response write = viewer.post(PROGRAMMES, body);
        assertThat(write.status()).isEqualTo(403);
        assertThat(programmesNamed(body.get("name").asString())).isZero();
    }

    @Test
    void refusesAReporterWritingForACountryOutsideItsClaimAndStoresNothing() {
        ObjectNode body = programmeIn("UGA");

        ApiClient.Response response = ApiClient.anonymous(port).as(TestTokens.reporter("KHM", "SEN"))
                .post(PROGRAMMES, body);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("detail").asString()).contains("KHM, SEN").contains("UGA");
        assertThat(programmesNamed(body.get("name").asString())).isZero();
    }

    @Test
    void letsAReporterWriteForItsCountryButNotChangeAnotherCountrysProgramme() {
        ApiClient khmTeam = ApiClient.anonymous(port).as(TestTokens.reporter("KHM"));
        ApiClient.Response registered = khmTeam.post(PROGRAMMES, programmeIn("KHM"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().path("registeredBy").asString()).isEqualTo("test-reporter-KHM");

        String senProgramme = ApiClient.at(port).post(PROGRAMMES, programmeIn("SEN")).json().path("id").asString();
        ApiClient.Response milestone = khmTeam.post(PROGRAMMES + "/" + senProgramme + "/milestones",
                RequestBodies.subDecreeMilestone());

        assertThat(milestone.status()).isEqualTo(403);
        assertThat(ApiClient.at(port).get(PROGRAMMES + "/" + senProgramme).json().path("milestones").size()).isZero();
    }

    @Test
    void keepsHealthOpenAndMetricsForAdmins() {
        assertThat(ApiClient.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
        assertThat(ApiClient.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(port).as(TestTokens.viewer()).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(ApiClient.at(port).get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void letsThePrometheusScraperReadMetricsAndNothingElse() {
        ApiClient scraper = ApiClient.anonymous(port).as(TestTokens.metrics());

        ApiClient.Response metrics = scraper.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(scraper.get("/actuator/env").status()).isEqualTo(403);
        assertThat(scraper.get(PROGRAMMES).status()).isEqualTo(403);
    }

    @Test
    void answersWithStandardSecurityHeaders() {
        ApiClient.Response response = ApiClient.at(port).get(PROGRAMMES);

        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void refusesABodyLargerThanTheLimitWith413() {
        String huge = "{\"name\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

        ApiClient.Response response = ApiClient.at(port).post(PROGRAMMES, huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("title").asString()).isEqualTo("Request body too large");
    }
}
