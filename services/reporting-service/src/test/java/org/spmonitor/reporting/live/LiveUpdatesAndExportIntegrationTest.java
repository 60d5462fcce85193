package org.spmonitor.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.programme;
import static org.spmonitor.reporting.testdata.Facts.programmeWithGroupTargets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.events.reporting.DashboardUpdated;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.DashboardSdmxCsvRows;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/** DashboardUpdated on the broker, the browsers' event stream, and the CSV exports. */
@SpmonitorIntegrationTest
class LiveUpdatesAndExportIntegrationTest {

    private final EventCodec codec = new EventCodec("/spmonitor/test-consumer");

    @LocalServerPort
    int port;

    private Dashboards dashboards;

    @BeforeEach
    void connect() {
        dashboards = new Dashboards(port);
    }

    private List<DashboardUpdated> updatesOf(List<ConsumerRecord<String, byte[]>> records, String country) {
        return records.stream().filter(r -> country.equals(r.key()))
                .map(r -> codec.decode(r).payloadAs(DashboardUpdated.class))
                .filter(u -> u.year() == 2025).toList();
    }

    @Test
    void announcesTheNewHeadlineFiguresOfAChangedCountryOnTheDashboardUpdatesTopic() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        publishAll(programme(p, country, 1_000_000L), active(p, country, "2025Q2", 250_000));

        try (KafkaProbe probe = KafkaProbe.from(Topics.DASHBOARD_UPDATES)) {
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecord(r -> country.equals(r.key())
                    && codec.decode(r).payloadAs(DashboardUpdated.class).activeBeneficiaries() == 250_000,
                    Dashboards.PATIENCE);
            // the country's update of 2025 (the programme's other years are announced in the same batch when
            // the programme and the count are projected together)
            ConsumerRecord<String, byte[]> record = records.stream().filter(r -> country.equals(r.key())
                    && codec.decode(r).payloadAs(DashboardUpdated.class).year() == 2025)
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo(EventType.DASHBOARD_UPDATED.typeName());
            DashboardUpdated update = codec.decode(record).payloadAs(DashboardUpdated.class);
            assertThat(update.coverageRate()).isEqualByComparingTo("0.25");
            assertThat(update.targetPopulation()).isEqualTo(1_000_000);
            assertThat(update.executedUsd()).as("no financing: missing, not zero").isNull();
            assertThat(update.newestEventTime()).isNotNull();
        }
    }

    @Test
    void aRedeliveredEventAnnouncesNothingNew() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported count = active(p, country, "2025Q1", 100_000);
        Instant counted = publishAll(programme(p, country, 1_000_000L), count);
        dashboards.countryOnceProjected(country, 2025, counted);
        publish(count); // delivered again
        publish(added(p, country, "2025-03", 42));

        try (KafkaProbe probe = KafkaProbe.from(Topics.DASHBOARD_UPDATES)) {
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecord(r -> country.equals(r.key())
                    && codec.decode(r).payloadAs(DashboardUpdated.class).newBeneficiaries() == 42, Dashboards.PATIENCE);
            List<DashboardUpdated> updates = updatesOf(records, country);
            for (int i = 1; i < updates.size(); i++) {
                DashboardUpdated before = updates.get(i - 1);
                DashboardUpdated after = updates.get(i);
                assertThat(Objects.equals(before.activeBeneficiaries(), after.activeBeneficiaries())
                        && before.newBeneficiaries() == after.newBeneficiaries()
                        && Objects.equals(before.targetPopulation(), after.targetPopulation()))
                        .as("update %d repeats update %d: %s", i, i - 1, after).isFalse();
                assertThat(after.version()).isGreaterThan(before.version());
            }
        }
    }

    @Test
    void streamsAChangedDashboardToASubscribedViewer() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dashboards/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + TestTokens.viewer()).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.join();
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            }
            catch (java.io.UncheckedIOException closed) {
                // the test hung up
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));
            publishAll(programme(p, country, 1_000L), active(p, country, "2025Q4", 640));

            await().atMost(Dashboards.PATIENCE).untilAsserted(() -> assertThat(lines)
                    .anySatisfy(l -> assertThat(l).startsWith("data:").contains("\"country\":\"" + country + "\"")
                            .contains("\"activeBeneficiaries\":640")));
            assertThat(lines).contains("event:dashboard-updated");
        }
        finally {
            response.body().close();
        }
    }

    @Test
    void exportsTheCountryDashboardAsCsvWithMissingFiguresSpelledOut() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        publishAll(programme(p, country, 1_000_000L), active(p, country, "2025Q3", 250_000));
        Instant last = publish(financing("fin-" + p, 1, country, "2025", "ZWG", "1000", "500", null));
        dashboards.countryOnceProjected(country, 2025, last);

        ApiClient.Response csv = dashboards.api().get("/api/v1/dashboards/countries/" + country + "?year=2025&format=csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("dashboard-" + country + "-2025.csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("dashboard,country,programme,year,section,item,measure,value");
        assertThat(rows).contains("country," + country + ",,2025,headline,,activeBeneficiaries,250000",
                "country," + country + ",,2025,headline,,coverageRate,0.2500",
                "country," + country + ",,2025,financing,,executedUsd,missing",
                "country," + country + ",,2025,financing,ZWG/2025,missingRate,true",
                "country," + country + ",,2025,financing,,executionRate,0.5000",
                "country," + country + ",,2025,sex,female,activeBeneficiaries,150000");
    }

    @Test
    void exportsTheWorldAndProgrammeDashboardsAsCsv() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        Instant last = publishAll(programme(p, country, 1_000L), active(p, country, "2025Q4", 10));
        dashboards.countryOnceProjected(country, 2025, last);

        ApiClient.Response world = dashboards.api().get("/api/v1/dashboards/global?year=2025&format=csv");
        ApiClient.Response programme = dashboards.api().get("/api/v1/dashboards/programmes/" + p + "?year=2025&format=csv");

        assertThat(world.status()).isEqualTo(200);
        await().atMost(Dashboards.PATIENCE).untilAsserted(() -> assertThat(dashboards.api()
                .get("/api/v1/dashboards/global?year=2025&format=csv").body())
                .contains("global,,,2025,country," + country + ",activeBeneficiaries,10"));
        assertThat(programme.body()).contains("programme," + country + "," + p + ",2025,headline,,coverageRate,0.0100");
    }

    @Test
    void exportsBeneficiariesAndCoveragePerTargetGroupAsSdmxCsvWithMissingDenominatorsFlagged() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        Instant last = publishAll(programmeWithGroupTargets(p, country, 2025, 8_000, 1_000),
                active(p, country, "2025Q4", TargetGroup.CHILDREN, 2_000),
                active(p, country, "2025Q4", TargetGroup.OLDER_PERSONS, 250),
                active(p, country, "2025Q4", TargetGroup.PERSONS_WITH_DISABILITIES, 120));
        dashboards.countryOnceProjected(country, 2025, last);

        ApiClient.Response response = dashboards.api()
                .get("/api/v1/dashboards/countries/" + country + "?year=2025&format=sdmx-csv");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/vnd.sdmx.data+csv").contains("version=2.0.0");
        assertThat(response.header("Content-Disposition")).contains("dashboard-" + country + "-2025.sdmx.csv");
        List<CSVRecord> rows = DashboardSdmxCsvRows.parse(response.body());
        assertThat(DashboardSdmxCsvRows.value(rows, "BEN_ACTIVE", "SOC_CONTIG_CHILD")).isEqualTo("2000");
        assertThat(DashboardSdmxCsvRows.value(rows, "TARGET_POP", "SOC_CONTIG_CHILD")).isEqualTo("8000");
        assertThat(DashboardSdmxCsvRows.row(rows, "SDG_0131_RT", "SOC_CONTIG_CHILD").toMap()).containsAllEntriesOf(
                Map.of("STRUCTURE_ID", "ILO:DF_SDG_0131_SEX_SOC_RT(1.0)", "REF_AREA", country, "TIME_PERIOD", "2025",
                        "SEX", "SEX_T", "OBS_VALUE", "25.00", "UNIT_MEASURE", "PT", "OBS_STATUS", "A"));
        assertThat(DashboardSdmxCsvRows.value(rows, "SDG_0131_RT", "SOC_CONTIG_PENSION")).isEqualTo("25.00");
        CSVRecord disabled = DashboardSdmxCsvRows.row(rows, "SDG_0131_RT", "SOC_CONTIG_DISAB");
        assertThat(disabled.get("OBS_VALUE")).as("no target population: empty, never 0").isEmpty();
        assertThat(disabled.get("OBS_STATUS")).isEqualTo("L");
        assertThat(DashboardSdmxCsvRows.value(rows, "BEN_ACTIVE", "SOC_CONTIG_DISAB")).isEqualTo("120");

        JsonNode groups = dashboards.api().get("/api/v1/dashboards/countries/" + country + "?year=2025").json()
                .get("byTargetGroup");
        assertThat(groups).anySatisfy(g -> {
            assertThat(g.get("targetGroup").asString()).isEqualTo("CHILDREN");
            assertThat(g.get("coverageRate").decimalValue()).isEqualByComparingTo("0.25");
        });
        assertThat(groups).anySatisfy(g -> {
            assertThat(g.get("targetGroup").asString()).isEqualTo("PERSONS_WITH_DISABILITIES");
            assertThat(g.path("coverageRate").isNull() || g.path("coverageRate").isMissingNode()).isTrue();
        });
    }

    @Test
    void exportsTheWorldAsSdmxCsv1WhenTheAcceptHeaderAsksForIt() {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        Instant last = publishAll(programmeWithGroupTargets(p, country, 2025, 4_000, 1_000),
                active(p, country, "2025Q4", TargetGroup.CHILDREN, 1_000));
        dashboards.countryOnceProjected(country, 2025, last);

        await().atMost(Dashboards.PATIENCE).untilAsserted(() -> {
            ApiClient.Response world = dashboards.api().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/v1/dashboards/global?year=2025"))
                    .header("Accept", "application/vnd.sdmx.data+csv; version=1.0.0"), Map.of());
            assertThat(world.header("Content-Type")).contains("version=1.0.0");
            assertThat(world.body().lines().findFirst().orElseThrow()).startsWith("DATAFLOW,REF_AREA,");
            assertThat(world.body()).contains("ILO:DF_SDG_0131_SEX_SOC_RT(1.0)," + country
                    + ",A,SDG_0131_RT,SEX_T,SOC_CONTIG_CHILD,2025,25.00,PT,A,");
        });
    }

    @Test
    void refusesAnUnknownExportFormatNamingTheField() {
        ApiClient.Response response = dashboards.api().get("/api/v1/dashboards/global?year=2025&format=sdmx-ml");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).anySatisfy(e -> assertThat(e.get("field").asString()).isEqualTo("format"));
    }
}
