package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.ContractDocuments;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

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
        assertThat(page.body()).contains("<html lang=\"en\"", "app.js", "auth.js", "event-stream.js",
                "/webjars/chart.js/dist/chart.umd.min.js", "aria-live=\"polite\"", "<label for=\"year\"");
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
    void servesTheLanguageModuleAndEveryCommonBundleWithoutAToken() {
        ApiClient browser = ApiClient.anonymous(port);

        assertThat(browser.get("/i18n.js").body()).contains("spmonitorI18n", "Intl.NumberFormat");
        for (String lang : List.of("en", "fr", "es")) {
            ApiClient.Response bundle = browser.get("/i18n/common." + lang + ".json");
            assertThat(bundle.status()).as(lang).isEqualTo(200);
            assertThat(bundle.json().get("account.signOut").asString()).as(lang).isNotBlank();
        }
        assertThat(browser.get("/i18n/common.fr.json").json().get("account.signOut").asString())
                .isEqualTo("Se déconnecter");
    }

    @Test
    void servesTheDashboardInThreeLanguagesWithEveryLabelTranslatedAndItsMapWithoutAToken() {
        ApiClient browser = ApiClient.anonymous(port);

        assertThat(browser.get("/").body()).contains("data-i18n-bundles=\"dashboard\"", "<select id=\"language\"",
                "<select id=\"filter-donor\"", "<select id=\"filter-branch\"");
        JsonNode english = browser.get("/i18n/dashboard.en.json").json();
        List<String> keys = english.propertyNames().stream().toList();
        assertThat(keys).contains("filter.donor", "code.OLD_AGE", "map.caption", "milestones.overdue");
        for (String lang : List.of("fr", "es")) {
            ApiClient.Response bundle = browser.get("/i18n/dashboard." + lang + ".json");
            assertThat(bundle.status()).as(lang).isEqualTo(200);
            assertThat(bundle.json().propertyNames()).as("every label of the page in " + lang)
                    .containsExactlyInAnyOrderElementsOf(keys);
            assertThat(keys).as("translated in " + lang).allSatisfy(key -> assertThat(bundle.json().get(key).asString())
                    .isNotBlank());
        }
        assertThat(browser.get("/i18n/dashboard.fr.json").json().get("tagline").asString())
                .contains("Socles de protection sociale");
        assertThat(browser.get("/i18n/dashboard.es.json").json().get("code.FAMILY").asString())
                .isEqualTo("Prestaciones familiares");
        assertThat(browser.get("/countries.js").body()).contains("\"KHM\":[\"KH\",\"116\"]");
        assertThat(browser.get("/vendor/chartjs-chart-geo-4.3.6/index.umd.min.js").body()).contains("choropleth");
        ApiClient.Response world = browser.get("/vendor/world-atlas-2.0.2/countries-110m.json");
        assertThat(world.status()).isEqualTo(200);
        assertThat(world.json().get("objects").has("countries")).isTrue();
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
        assertThat(openApi.json().get("paths").propertyNames()).contains("/api/v1/dashboards/programmes",
                "/api/v1/dashboards/trends", "/api/v1/dashboards/years");
        assertThat(openApi.json().get("paths").get("/api/v1/dashboards/global").get("get").get("parameters")
                .valueStream().map(p -> p.get("name").asString())).contains("year", "donor", "partner", "targetGroup",
                        "floorGuarantee", "branch");
        assertThat(openApi.json().get("paths").propertyNames()).contains("/api/v1/dashboards/global",
                "/api/v1/dashboards/countries/{iso3}", "/api/v1/dashboards/programmes/{id}",
                "/api/v1/dashboards/stream", "/api/v1/admin/replays");
    }

    @Test
    void servesAValidOpenApiDocumentAndTheAsyncApiDocumentWithoutAToken() {
        ContractDocuments.assertServesValidContractDocuments(port);
    }
}
