package org.spmonitor.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack as a newcomer uses it: a real Kafka broker, the Mongo-wire server on an H2 file, the
 * token issuer and the four services in this JVM, driven through their public REST APIs with tokens of
 * the demo clients (a country team reporting for KHM, a donor reading). One stack for the class (on
 * free ports and a temporary data directory); the restart test stops it and starts it again on the
 * same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final String REPORTER = "demo-reporter:demo-reporter-secret";
    private static final String VIEWER = "demo-viewer:demo-viewer-secret";

    private static final String FAMILY_PACKAGE = """
            {"country":"KHM","name":"Family Package","startDate":"2024-01-01","endDate":"2027-12-31",
             "status":"ACTIVE","targetGroups":["CHILDREN"],
             "annualTargets":[{"year":2025,"targetPopulation":1000000,"targetBeneficiaries":400000}]}""";

    private static final String ACTIVE_CHILDREN_2025Q2 = """
            {"programmeId":"%s","period":"2025Q2","targetGroup":"CHILDREN","measure":"ACTIVE","total":250000,
             "sex":{"female":130000,"male":120000}}""";

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static String familyPackageId;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder().dataDir(data).anyFreePorts().start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void countSubmittedForARegisteredProgrammeShowsOnTheCountryDashboard() throws Exception {
        String programmeId = familyPackageWithActiveChildrenReported();

        assertThat(programmeId).startsWith("prg-");
        assertThat(Files.exists(data.resolve("kafka").resolve("meta.properties"))).isTrue();
        assertThat(Files.exists(data.resolve("mongo").resolve(MongoWireServer.STORE_FILE))).isTrue();
        for (LocalService service : LocalService.values()) {
            HttpResponse<String> health = get(stack.url(service).resolve("/actuator/health"), null);
            assertThat(health.statusCode()).as(service + " health: " + health.body()).isEqualTo(200);
            assertThat(json.readTree(health.body()).path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void programmeAndDashboardSurviveARestartOnTheSameDataDirectory() throws Exception {
        String programmeId = familyPackageWithActiveChildrenReported();
        LocalStackSettings before = stack.settings();
        String clusterId = stack.kafkaClusterId();

        stack.close();
        stack = LocalStack.builder().dataDir(data).portsOf(before).start();

        assertThat(stack.kafkaClusterId()).as("the Kafka storage is reused, not formatted again").isEqualTo(clusterId);
        HttpResponse<String> programme = get(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes/"
                + programmeId), token(REPORTER));
        assertThat(programme.statusCode()).as(programme.body()).isEqualTo(200);
        assertThat(json.readTree(programme.body()).path("name").asString()).isEqualTo("Family Package");
        JsonNode dashboard = khmDashboard2025();
        assertThat(dashboard.path("activeBeneficiaries").asLong()).isEqualTo(250_000);
        assertThat(dashboard.path("coverageRate").decimalValue()).isEqualByComparingTo("0.2500");

        // and the restarted stack still carries new submissions through Kafka to the dashboard
        HttpResponse<String> newEnrolments = post(stack.url(LocalService.BENEFICIARY).resolve(
                "/api/v1/beneficiary-counts"), token(REPORTER), """
                {"programmeId":"%s","period":"2025Q3","targetGroup":"CHILDREN","measure":"NEW","total":5000}"""
                .formatted(programmeId));
        assertThat(newEnrolments.statusCode()).as(newEnrolments.body()).isEqualTo(201);
        await("the NEW count on the dashboard").atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode updated = khmDashboard2025();
                    assertThat(updated.path("newBeneficiaries").asLong()).isEqualTo(5_000);
                    assertThat(updated.path("activeBeneficiaries").asLong()).isEqualTo(250_000);
                });
    }

    /**
     * Registers the KHM Family Package, reports 250,000 active children for 2025Q2 and waits until the
     * dashboard shows them: once per class, as both tests need it.
     */
    private String familyPackageWithActiveChildrenReported() throws Exception {
        if (familyPackageId != null) {
            return familyPackageId;
        }
        String reporter = token(REPORTER);
        HttpResponse<String> registered = post(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes"),
                reporter, FAMILY_PACKAGE);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String programmeId = json.readTree(registered.body()).path("id").asString();
        assertThat(programmeId).isNotBlank();

        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        HttpResponse<String> submitted = await("beneficiary-service to learn the programme from Kafka")
                .atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .until(() -> post(counts, reporter, ACTIVE_CHILDREN_2025Q2.formatted(programmeId)),
                        response -> !(response.statusCode() == 400 && response.body().contains("unknown programme")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

        await("the count on the KHM dashboard").atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode dashboard = khmDashboard2025();
                    assertThat(dashboard.path("activeBeneficiaries").asLong()).isEqualTo(250_000);
                    assertThat(dashboard.path("coverageRate").decimalValue()).isEqualByComparingTo("0.2500");
                    assertThat(dashboard.path("freshness").path("newestEventTime").asString()).isNotBlank();
                });
        familyPackageId = programmeId;
        return programmeId;
    }

    private JsonNode khmDashboard2025() throws IOException, InterruptedException {
        HttpResponse<String> response = get(stack.url(LocalService.REPORTING).resolve(
                "/api/v1/dashboards/countries/KHM?year=2025"), token(VIEWER));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** A token from the stack's issuer, the way the README tells a newcomer to get one. */
    private String token(String clientAndSecret) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.tokenEndpoint())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        clientAndSecret.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
