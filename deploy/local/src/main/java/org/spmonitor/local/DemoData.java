package org.spmonitor.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --demo}: two country programmes and a quarter of beneficiary counts each, submitted through
 * the public REST API like a country team would (as {@code demo-reporter}, which reports for KHM and
 * SEN), so the dashboards show something on a fresh stack. Nothing is loaded when programme-service
 * already holds a programme.
 */
final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Duration PROGRAMME_PROPAGATION = Duration.ofSeconds(60);

    private record DemoProgramme(String country, String programme, String count) {
    }

    private static final List<DemoProgramme> PROGRAMMES = List.of(
            new DemoProgramme("KHM", """
                    {"country":"KHM","name":"Family Package","description":"Cash transfers for pregnant women and young children",
                     "partners":["ILO","UNICEF"],"donors":["EU"],"startDate":"2024-01-01","endDate":"2027-12-31",
                     "status":"ACTIVE","targetGroups":["CHILDREN"],
                     "annualTargets":[{"year":2025,"targetPopulation":1000000,"targetBeneficiaries":400000}]}""", """
                    {"programmeId":"%s","period":"2025Q2","targetGroup":"CHILDREN","measure":"ACTIVE","total":250000,
                     "sex":{"female":130000,"male":120000}}"""),
            new DemoProgramme("SEN", """
                    {"country":"SEN","name":"Programme National de Bourses de Securite Familiale",
                     "description":"Quarterly family allowances for poor households","partners":["ILO","UNICEF","GCSPF"],
                     "donors":["EU"],"startDate":"2024-01-01","endDate":"2027-12-31","status":"ACTIVE",
                     "targetGroups":["POOR_AND_VULNERABLE"],
                     "annualTargets":[{"year":2025,"targetPopulation":600000,"targetBeneficiaries":400000}]}""", """
                    {"programmeId":"%s","period":"2025Q2","targetGroup":"POOR_AND_VULNERABLE","measure":"ACTIVE",
                     "total":316000,"sex":{"female":171000,"male":145000}}"""));

    static void loadIfEmpty(LocalStack stack) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonMapper json = JsonMapper.builder().build();
        URI programmes = stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes");
        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        try {
            String token = reporterToken(http, json, stack.tokenEndpoint());
            HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(programmes + "?size=1"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() != 200) {
                log.warn("Demo data not loaded: listing the programmes answered {}: {}", existing.statusCode(),
                        existing.body());
                return;
            }
            if (!holdsNoProgramme(json.readTree(existing.body()))) {
                log.info("Demo data not loaded: programme-service already holds programmes");
                return;
            }
            for (DemoProgramme demo : PROGRAMMES) {
                HttpResponse<String> registered = post(http, programmes, token, demo.programme());
                if (registered.statusCode() != 201) {
                    throw new IllegalStateException("registering the " + demo.country() + " programme answered "
                            + registered.statusCode() + ": " + registered.body());
                }
                String id = json.readTree(registered.body()).path("id").asString();
                submitWhenProgrammeKnown(http, counts, token, demo.count().formatted(id));
            }
            System.out.printf("%n  Demo data loaded: %s%n  and %s%n%n",
                    stack.url(LocalService.REPORTING).resolve("/api/v1/dashboards/countries/KHM?year=2025"),
                    stack.url(LocalService.REPORTING).resolve("/api/v1/dashboards/countries/SEN?year=2025"));
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Could not load the demo data: {}", ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A page of programmes ({@code {"items": [...], ...}}) or a plain array, with nothing in it. */
    static boolean holdsNoProgramme(JsonNode list) {
        JsonNode items = list.isArray() ? list : list.path("items");
        return items.isArray() && items.isEmpty();
    }

    /** beneficiary-service learns programmes from Kafka, a moment after programme-service registered them. */
    private static void submitWhenProgrammeKnown(HttpClient http, URI counts, String token, String body)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROGRAMME_PROPAGATION.toNanos();
        while (true) {
            HttpResponse<String> response = post(http, counts, token, body);
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 400 || System.nanoTime() > deadline) {
                throw new IllegalStateException("submitting a demo count answered " + response.statusCode() + ": "
                        + response.body());
            }
            Thread.sleep(250);
        }
    }

    /** A token of {@code demo-reporter}, from the issuer's token endpoint like any client gets one. */
    private static String reporterToken(HttpClient http, JsonMapper json, URI tokenEndpoint)
            throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString("demo-reporter:demo-reporter-secret"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token issuer answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body()).path("access_token").asString();
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String token, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private DemoData() {
    }
}
