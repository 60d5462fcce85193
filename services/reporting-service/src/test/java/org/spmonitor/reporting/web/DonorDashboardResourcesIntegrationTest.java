package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.ContractDocuments;
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
                "/webjars/chart.js/dist/chart.umd.min.js", "aria-live=\"polite\"", "<label for=\"year\">",
                "<label for=\"client-id\">", "<label for=\"client-secret\">");
        assertThat(page.body()).as("no inline script or handler, which the CSP (script-src 'self') would block")
                .doesNotContain("onsubmit=", "onclick=", "<script>");
        assertThat(browser.get("/app.js").status()).isEqualTo(200);
        assertThat(browser.get("/auth.js").body()).contains("sessionStorage").doesNotContain("localStorage.setItem");
        assertThat(browser.get("/event-stream.js").body()).contains("getReader");
        assertThat(chartJs.status()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart");
    }

    @Test
    void tellsThePageWhereToGetATokenWithoutNeedingOne() {
        ApiClient.Response config = ApiClient.anonymous(port).get("/config.json");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("tokenEndpoint").asString()).isEqualTo("http://127.0.0.1:9000/oauth2/token");
        assertThat(config.json().get("defaultClientId").asString()).isEqualTo("demo-viewer");
    }

    @Test
    void describesTheDashboardsStreamAndReplayInTheOpenApiDocument() {
        ApiClient.Response openApi = ApiClient.anonymous(port).get("/v3/api-docs");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").propertyNames()).contains("/api/v1/dashboards/global",
                "/api/v1/dashboards/countries/{iso3}", "/api/v1/dashboards/programmes/{id}",
                "/api/v1/dashboards/stream", "/api/v1/admin/replays");
    }

    @Test
    void servesAValidOpenApiDocumentAndTheAsyncApiDocumentWithoutAToken() {
        ContractDocuments.assertServesValidContractDocuments(port);
    }
}
