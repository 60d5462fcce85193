package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

/** What a browser loads before any figure: the page, its script, Chart.js, and the API description. */
@SpmonitorIntegrationTest
class DonorDashboardResourcesIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void servesTheDonorDashboardAtTheRootWithChartJsFromItsWebJar() {
        ApiClient api = ApiClient.at(port);

        ApiClient.Response page = api.get("/");
        ApiClient.Response chartJs = api.get("/webjars/chart.js/dist/chart.umd.min.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\">", "app.js", "/webjars/chart.js/dist/chart.umd.min.js",
                "aria-live=\"polite\"", "<label for=\"year\">");
        assertThat(api.get("/app.js").status()).isEqualTo(200);
        assertThat(chartJs.status()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart");
    }

    @Test
    void describesTheDashboardsStreamAndReplayInTheOpenApiDocument() {
        ApiClient.Response openApi = ApiClient.at(port).get("/v3/api-docs");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").propertyNames()).contains("/api/v1/dashboards/global",
                "/api/v1/dashboards/countries/{iso3}", "/api/v1/dashboards/programmes/{id}",
                "/api/v1/dashboards/stream", "/api/v1/admin/replays");
    }
}
