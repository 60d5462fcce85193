package org.spmonitor.reporting.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DESIGN.md "Security" on reporting-service, through the real HTTP stack and bearer JWTs: dashboards,
 * CSV and the event stream for viewers, reporters and admins; replays for admins; the web page's
 * static shell for anyone.
 */
@SpmonitorIntegrationTest
class ReportingSecurityIntegrationTest {

    private static final String GLOBAL = "/api/v1/dashboards/global?year=2025";
    private static final String COUNTRY = "/api/v1/dashboards/countries/KHM?year=2025";
    private static final String CSV = "/api/v1/dashboards/countries/KHM?year=2025&format=csv";
    private static final String YEARS = "/api/v1/dashboards/years";
    private static final String STREAM = "/api/v1/dashboards/stream";
    private static final String AUDIT = "/api/v1/dashboards/countries/KHM/audit?year=2025";
    private static final String CHANGES = "/api/v1/dashboards/countries/KHM/changes?year=2025&from=2025-01-01T00:00:00Z";
    private static final String REPLAYS = "/api/v1/admin/replays";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiClient as(String token) {
        return ApiClient.anonymous(port).as(token);
    }

    /** Opens the event stream and reads its first bytes (the server's opening comment), then hangs up. */
    private Map.Entry<HttpResponse<InputStream>, String> openStream(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + STREAM))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] first = new byte[256];
            int n = response.statusCode() == 200 ? body.read(first) : body.readNBytes(first, 0, first.length);
            return Map.entry(response, n <= 0 ? "" : new String(first, 0, n, StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            return Map.entry(response, "");
        }
    }

    @Test
    void refusesTheDashboardsTheirCsvAndTheStreamWithoutATokenWith401ProblemDetails() throws Exception {
        ApiClient nobody = ApiClient.anonymous(port);

        for (String path : List.of(GLOBAL, COUNTRY, CSV, YEARS, "/api/v1/dashboards/programmes/prg-1?year=2025",
                COUNTRY + "&asOf=2025-06-30T00:00:00Z", AUDIT, CHANGES)) {
            ApiClient.Response response = nobody.get(path);
            assertThat(response.status()).as("GET %s without a token", path).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("title").asString()).isEqualTo("Unauthorized");
            assertThat(response.body()).doesNotContain("activeBeneficiaries");
        }
        Map.Entry<HttpResponse<InputStream>, String> stream = openStream(null);
        assertThat(stream.getKey().statusCode()).isEqualTo(401);
        assertThat(stream.getKey().headers().firstValue("Content-Type").orElse("")).doesNotStartWith("text/event-stream");
    }

    @Test
    void refusesAForgedOrExpiredToken() throws Exception {
        String admin = TestTokens.admin();
        String forged = admin.substring(0, admin.length() - 4) + (admin.endsWith("AAAA") ? "BBBB" : "AAAA");
        String otherIssuersKey = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXX0.c2lnbmF0dXJl";

        assertThat(as(forged).get(GLOBAL).status()).isEqualTo(401);
        assertThat(as(otherIssuersKey).get(GLOBAL).status()).isEqualTo(401);
        assertThat(openStream(forged).getKey().statusCode()).isEqualTo(401);
    }

    @Test
    void letsAViewerReadTheDashboardsTheCsvAndTheStream() throws Exception {
        ApiClient viewer = as(TestTokens.viewer());

        assertThat(viewer.get(GLOBAL).status()).isEqualTo(200);
        assertThat(viewer.get(COUNTRY).json().path("country").asString()).isEqualTo("KHM");
        assertThat(viewer.get(YEARS).status()).isEqualTo(200);
        assertThat(viewer.get(AUDIT).json().path("country").asString()).as("the audit trail, like every dashboard")
                .isEqualTo("KHM");
        assertThat(viewer.get(CHANGES).status()).isEqualTo(200);
        ApiClient.Response csv = viewer.get(CSV);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("dashboard,country,programme,year,section,item,measure,value");
        Map.Entry<HttpResponse<InputStream>, String> stream = openStream(TestTokens.viewer());
        assertThat(stream.getKey().statusCode()).isEqualTo(200);
        assertThat(stream.getKey().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(stream.getValue()).startsWith(":subscribed");
    }

    @Test
    void refusesAViewerAndAReporterTheReplaysWith403AndStartsNone() {
        for (String token : List.of(TestTokens.viewer(), TestTokens.reporter("KHM", "SEN"))) {
            ApiClient caller = as(token);

            ApiClient.Response requested = caller.post(REPLAYS, "");

            assertThat(requested.status()).isEqualTo(403);
            assertThat(requested.json().path("title").asString()).isEqualTo("Forbidden");
            assertThat(caller.get(REPLAYS).status()).isEqualTo(403);
        }
        assertThat(ApiClient.at(port).get(REPLAYS).json().findValuesAsString("requestedBy"))
                .doesNotContain("test-viewer", "test-reporter-KHM-SEN");
    }

    @Test
    void letsAReporterReadTheDashboards() throws Exception {
        ApiClient reporter = as(TestTokens.reporter("KHM"));

        assertThat(reporter.get(GLOBAL).status()).isEqualTo(200);
        assertThat(reporter.get("/api/v1/dashboards/countries/SEN?year=2025").status())
                .as("dashboards are for every reader, whatever country a reporter writes for").isEqualTo(200);
        assertThat(reporter.get(CSV).status()).isEqualTo(200);
        assertThat(openStream(TestTokens.reporter("KHM")).getKey().statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsAnAdminsReplayAndRecordsTheAdminAsItsRequester() {
        ApiClient admin = ApiClient.at(port);

        ApiClient.Response requested = admin.post(REPLAYS, "");

        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().path("requestedBy").asString()).isEqualTo("test-admin");
        String location = requested.header("Location");
        // leave no replay running for the tests that share this service
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                admin.get(location).json().path("status").asString()).isNotEqualTo("BUILDING"));
        assertThat(admin.get(location).json().path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void servesTheWebPagesStaticShellToAnyoneWithTheContentSecurityPolicy() {
        ApiClient browser = ApiClient.anonymous(port);

        for (String path : List.of("/", "/index.html", "/app.js", "/auth.js", "/event-stream.js", "/app.css",
                "/favicon.svg", "/webjars/chart.js/dist/chart.umd.min.js", "/config.json")) {
            assertThat(browser.get(path).status()).as("GET %s without a token", path).isEqualTo(200);
        }
        ApiClient.Response page = browser.get("/");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "connect-src 'self' http://127.0.0.1:9000", "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void opensNothingElseToAnonymousCallers() {
        ApiClient nobody = ApiClient.anonymous(port);

        assertThat(nobody.get("/actuator/health").status()).isEqualTo(200);
        assertThat(nobody.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(as(TestTokens.viewer()).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(nobody.get("/application.yml").status()).isEqualTo(401);
        assertThat(nobody.get("/reporting-service.yml").status()).isEqualTo(401);
        assertThat(nobody.post("/config.json", "{}").status()).as("public paths are for GET only").isEqualTo(401);
        assertThat(nobody.post(REPLAYS, "").status()).isEqualTo(401);
    }
}
