package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a browser loads before any figure, without a token: the page, its scripts, Chart.js, the
 * settings it signs in with; and the API description.
 */
@SpmonitorIntegrationTest
class DonorDashboardResourcesIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void servesTheDonorDashboardAtTheRootWithChartJsFromItsWebJar() {
        ApiClient browser = ApiClient.anonymous(port);

        ApiClient.Response page = browser.get("/");
        ApiClient.Response chartJs = browser.get("/webjars/chart.js/dist/chart.umd.min.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\">", "app.js", "auth.js", "event-stream.js",
                "/webjars/chart.js/dist/chart.umd.min.js", "aria-live=\"polite\"", "<label for=\"year\">");
        assertThat(page.body()).as("people sign in at the issuer: no secret field on the page")
                .doesNotContain("type=\"password\"", "client-secret");
        assertThat(page.body()).as("no inline script or handler, which the CSP (script-src 'self') would block")
                .doesNotContain("onsubmit=", "onclick=", "<script>");
        assertThat(browser.get("/app.js").status()).isEqualTo(200);
        assertThat(browser.get("/auth.js").body()).contains("sessionStorage", "code_challenge_method: 'S256'",
                "grant_type: 'authorization_code'").doesNotContain("localStorage.setItem", "client_secret",
                "client_credentials");
        assertThat(browser.get("/event-stream.js").body()).contains("getReader");
        assertThat(chartJs.status()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart");
    }

    @Test
    void tellsThePageWhereToSignInWithoutNeedingATokenAndHoldsNoSecret() {
        ApiClient.Response config = ApiClient.anonymous(port).get("/config.json");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("authorizationEndpoint").asString())
                .isEqualTo("http://127.0.0.1:9000/oauth2/authorize");
        assertThat(config.json().get("tokenEndpoint").asString()).isEqualTo("http://127.0.0.1:9000/oauth2/token");
        assertThat(config.json().get("endSessionEndpoint").asString()).isEqualTo("http://127.0.0.1:9000/connect/logout");
        assertThat(config.json().get("clientId").asString()).isEqualTo("spmonitor-web");
        assertThat(config.json().get("scope").asString()).isEqualTo("openid profile");
        assertThat(config.body()).doesNotContainIgnoringCase("secret");
    }

    @Test
    void describesTheDashboardsStreamAndReplayInTheOpenApiDocument() {
        ApiClient.Response openApi = ApiClient.anonymous(port).get("/v3/api-docs");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").propertyNames()).contains("/api/v1/dashboards/global",
                "/api/v1/dashboards/countries/{iso3}", "/api/v1/dashboards/programmes/{id}",
                "/api/v1/dashboards/stream", "/api/v1/admin/replays");
    }
}
