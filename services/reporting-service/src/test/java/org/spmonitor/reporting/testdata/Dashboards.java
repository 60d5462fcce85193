package org.spmonitor.reporting.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.spmonitor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads dashboards from a running reporting-service, as the donor web page does. */
public final class Dashboards {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ApiClient api;

    public Dashboards(int port) {
        this.api = ApiClient.at(port);
    }

    public JsonNode country(String iso3, int year) {
        return ok("/api/v1/dashboards/countries/" + iso3 + "?year=" + year);
    }

    public JsonNode global(int year) {
        return ok("/api/v1/dashboards/global?year=" + year);
    }

    public JsonNode programme(String id, int year) {
        return ok("/api/v1/dashboards/programmes/" + id + "?year=" + year);
    }

    /** The country's dashboard in a view: {@code all} or {@code validated} (ADR 0019). */
    public JsonNode country(String iso3, int year, String validation) {
        return ok("/api/v1/dashboards/countries/" + iso3 + "?year=" + year + "&validation=" + validation);
    }

    /** The world's dashboard in a view: {@code all} or {@code validated} (ADR 0019). */
    public JsonNode global(int year, String validation) {
        return ok("/api/v1/dashboards/global?year=" + year + "&validation=" + validation);
    }

    /** The programme's dashboard in a view: {@code all} or {@code validated} (ADR 0019). */
    public JsonNode programme(String id, int year, String validation) {
        return ok("/api/v1/dashboards/programmes/" + id + "?year=" + year + "&validation=" + validation);
    }

    public ApiClient api() {
        return api;
    }

    /**
     * Waits until the country dashboard reflects every event up to {@code lastEventTime} (events of a
     * country share a partition, so earlier ones are projected too), then hands it over.
     */
    public JsonNode countryOnceProjected(String iso3, int year, Instant lastEventTime) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode time = country(iso3, year).path("freshness").path("newestEventTime");
            assertThat(time.isString() && !Instant.parse(time.asString()).isBefore(lastEventTime))
                    .as("dashboard of %s %d reflects the event of %s", iso3, year, lastEventTime).isTrue();
        });
        return country(iso3, year);
    }

    public void awaitCountry(String iso3, int year, Consumer<JsonNode> assertion) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertion.accept(country(iso3, year)));
    }

    /** A dashboard without the fields that say when it was computed (if it has them): its figures, to compare. */
    public static JsonNode figures(JsonNode dashboard) {
        ObjectNode copy = (ObjectNode) dashboard.deepCopy();
        if (copy.get("freshness") instanceof ObjectNode freshness) {
            freshness.remove("projectedAt");
            freshness.remove("projectionLagMillis");
        }
        return copy;
    }

    private JsonNode ok(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.json();
    }
}
