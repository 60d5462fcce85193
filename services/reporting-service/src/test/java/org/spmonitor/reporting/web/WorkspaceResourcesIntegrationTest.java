package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The country team workspace is a second page of the web app: served without a token like the donor
 * page, told where the write services are, and allowed by its CSP to call them.
 */
@SpmonitorIntegrationTest
class WorkspaceResourcesIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void servesTheWorkspacePageItsScriptStylesAndBundlesWithoutAToken() {
        ApiClient browser = ApiClient.anonymous(port);

        ApiClient.Response page = browser.get("/workspace.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-i18n-bundles=\"workspace\"", "i18n.js", "auth.js", "workspace.js",
                "<select id=\"language\"", "<label for=\"import-file\"", "<label for=\"count-programmeId\"");
        assertThat(page.body()).as("no inline script or handler, which the CSP (script-src 'self') would block")
                .doesNotContain("onsubmit=", "onclick=", "<script>");
        assertThat(browser.get("/workspace.js").body()).contains("spmonitorAuth", "Idempotency-Key", "dryRun=");
        assertThat(browser.get("/workspace.css").status()).isEqualTo(200);
        for (String lang : List.of("en", "fr", "es")) {
            ApiClient.Response bundle = browser.get("/i18n/workspace." + lang + ".json");
            assertThat(bundle.status()).as(lang).isEqualTo(200);
            assertThat(bundle.json().get("ws.import.confirm").asString()).as(lang).isNotBlank();
        }
        assertThat(browser.get("/i18n/workspace.fr.json").json().get("ws.import.confirm").asString())
                .isEqualTo("Confirmer l'import");
    }

    @Test
    void everyWorkspaceBundleTranslatesEveryEnglishKey() {
        ApiClient browser = ApiClient.anonymous(port);
        JsonNode english = browser.get("/i18n/workspace.en.json").json();

        for (String lang : List.of("fr", "es")) {
            JsonNode bundle = browser.get("/i18n/workspace." + lang + ".json").json();
            assertThat(bundle.propertyNames()).as(lang).containsExactlyInAnyOrderElementsOf(english.propertyNames());
        }
    }

    @Test
    void tellsThePageWhereTheWriteServicesAreAndItsCspAllowsCallingThem() {
        ApiClient.Response config = ApiClient.anonymous(port).get("/config.json");

        assertThat(config.json().get("programmeApi").asString()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.json().get("financingApi").asString()).isEqualTo("http://127.0.0.1:8082");
        assertThat(config.json().get("beneficiaryApi").asString()).isEqualTo("http://127.0.0.1:8083");
        String csp = ApiClient.anonymous(port).get("/workspace.html").header("Content-Security-Policy");
        assertThat(csp).contains("connect-src 'self' ").contains("http://127.0.0.1:8081", "http://127.0.0.1:8082",
                "http://127.0.0.1:8083");
    }
}
