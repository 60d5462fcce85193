package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.financing.FinancingReports.body;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The exchange rate API end to end: HTTP and CSV in, Mongo, outbox, the real broker out. */
@SpmonitorIntegrationTest
class ExchangeRateIntegrationTest {

    private static final String RATES = "/api/v1/exchange-rates";

    @LocalServerPort
    int port;

    private ApiClient api() {
        return ApiClient.at(port);
    }

    private ApiClient.Response postCsv(String csv) {
        return api().send(HttpRequest.newBuilder(URI.create(api().baseUrl() + RATES))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)), Map.of());
    }

    private static Map<String, Object> rate(String currency, int year, String unitsPerUsd, String source) {
        return source == null ? Map.of("currency", currency, "year", year, "unitsPerUsd", unitsPerUsd)
                : Map.of("currency", currency, "year", year, "unitsPerUsd", unitsPerUsd, "source", source);
    }

    @Test
    void publishesARevisionAsTheGoldenExchangeRatePublished() {
        ApiClient.Response first = api().post(RATES, rate("XOF", 2025, "600", "BCEAO annual average"));
        ApiClient.Response revised = api().post(RATES, rate("XOF", 2025, "601.2350", "BCEAO annual average"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo(RATES + "/XOF/2025");
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.json().get("outcome").asString()).isEqualTo("UPDATED");
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            ConsumerRecord<String, byte[]> record = TopicRecords.await(probe, "XOF/2025",
                    EventType.EXCHANGE_RATE_PUBLISHED, 2);
            assertThat(TopicRecords.payload(record)).isEqualTo(TopicRecords.golden(EventType.EXCHANGE_RATE_PUBLISHED));
            assertThat(record.key()).isEqualTo("XOF");
            assertThat(TopicRecords.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("org.spmonitor.financing.ExchangeRatePublished.v1");
            assertThat(TopicRecords.origin(record)).as("who and which channel").containsExactly("test-admin", "api",
                    null, null);
        }
        JsonNode read = api().get(RATES + "/XOF/2025").json();
        assertThat(read.get("unitsPerUsd").asString()).isEqualTo("601.2350");
        assertThat(read.get("meaning").asString()).isEqualTo("1 USD = 601.2350 XOF");
        assertThat(read.get("history")).extracting(v -> v.get("unitsPerUsd").asString()).containsExactly("600", "601.2350");
    }

    @Test
    void aRateRevisedAfterReportsExistIsPublishedWithAHigherVersionAndLeavesTheReportsAlone() {
        ApiClient.Response report = api().post("/api/v1/financing-reports", body("KEN", "2024", "KES", null));
        assertThat(report.json().get("warnings")).extracting(w -> w.get("field").asString()).containsExactly("currency");

        api().post(RATES, rate("KES", 2024, "129.50", "Central Bank of Kenya"));
        ApiClient.Response resubmitted = api().post("/api/v1/financing-reports", body("KEN", "2024", "KES", null));
        ApiClient.Response revised = api().post(RATES, rate("KES", 2024, "130.10", "Central Bank of Kenya, revised"));

        assertThat(resubmitted.json().get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(resubmitted.json().get("warnings")).isEmpty();
        assertThat(revised.json().get("version").asLong()).isEqualTo(2);
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            List<ConsumerRecord<String, byte[]>> seen = probe.awaitRecord(
                    TopicRecords.about("KES/2024", EventType.EXCHANGE_RATE_PUBLISHED, 2), TopicRecords.WAIT);
            assertThat(TopicRecords.allAbout(seen, "KES/2024")).extracting(TopicRecords::payload)
                    .extracting(p -> p.get("version").asLong() + " " + p.get("unitsPerUsd").asString())
                    .containsExactly("1 129.50", "2 130.10");
        }
        JsonNode read = api().get(report.header("Location")).json();
        assertThat(read.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void publishesEveryRowOfACsvTableAndReportsWhatEachDid() {
        api().post(RATES, rate("KHR", 2023, "4110", "NBC"));

        ApiClient.Response imported = postCsv("""
                currency,year,unitsPerUsd,source
                KHR,2023,4110,NBC
                KHR,2024,4098.10,"National Bank of Cambodia, official rate"
                THB,2024,35.29,Bank of Thailand
                """);

        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().get("rows").asInt()).isEqualTo(3);
        assertThat(imported.json().get("created").asInt()).isEqualTo(2);
        assertThat(imported.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(imported.json().get("rates")).extracting(r -> r.get("currency").asString() + r.get("year").asInt()
                + " " + r.get("outcome").asString()).containsExactly("KHR2023 UNCHANGED", "KHR2024 CREATED", "THB2024 CREATED");
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            ConsumerRecord<String, byte[]> thbRecord = TopicRecords.await(probe, "THB/2024",
                    EventType.EXCHANGE_RATE_PUBLISHED, 1);
            assertThat(TopicRecords.origin(thbRecord)).containsExactly("test-admin", "import-csv", null, null);
            JsonNode thb = TopicRecords.payload(thbRecord);
            assertThat(thb.get("unitsPerUsd").asString()).isEqualTo("35.29");
            assertThat(thb.get("source").asString()).isEqualTo("Bank of Thailand");
            TopicRecords.await(probe, "KHR/2024", EventType.EXCHANGE_RATE_PUBLISHED, 1);
        }
        JsonNode list = api().get(RATES + "?currency=KHR").json();
        assertThat(list.get("items")).extracting(r -> r.get("year").asInt()).containsExactly(2023, 2024);
    }

    @Test
    void refusesARateForUsdAndAnInvertedLookingRevisionIsAcceptedWithAWarning() {
        ApiClient.Response usd = api().post(RATES, rate("USD", 2025, "1", null));
        api().post(RATES, rate("GHS", 2024, "14.75", null));
        ApiClient.Response inverted = api().post(RATES, rate("GHS", 2024, "0.0678", null));

        assertThat(usd.status()).isEqualTo(400);
        assertThat(usd.json().get("errors").get(0).get("message").asString()).contains("USD needs no rate");
        assertThat(inverted.status()).isEqualTo(200);
        assertThat(inverted.json().get("warnings").get(0).get("message").asString())
                .contains("units of GHS per 1 USD, not USD per GHS");
    }

    @Test
    void refusesABadTableNamingEachCellAndStoresNoneOfIt() {
        ApiClient.Response refused = postCsv("""
                currency,year,unitsPerUsd
                NGN,2024,1478.25
                NGN,2024,1480
                EGP,2O24,48.9
                """);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("rows[1]", "rows[2].year");
        assertThat(api().get(RATES + "/NGN/2024").status()).isEqualTo(404);
        assertThat(api().get(RATES + "?currency=NGN").json().get("totalItems").asLong()).isZero();
    }
}
