package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.financing.FinancingReports.body;
import static org.spmonitor.financing.FinancingReports.lineBody;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.financing.Programmes;
import org.spmonitor.financing.report.domain.ReportKey;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * How countries submit many reports: the all-or-nothing JSON batch and the CSV import of report lines,
 * over HTTP, through Mongo and the outbox to the real broker.
 */
@SpmonitorIntegrationTest
class FinancingReportBulkIntegrationTest {

    private static final String REPORTS = "/api/v1/financing-reports";
    private static final String BATCH = REPORTS + "/batch";
    private static final String IMPORTS = REPORTS + "/imports";
    private static final String HEADER = "country,period,currency,programmeId,function,source,allocated,executed,gdp\n";

    @LocalServerPort
    int port;

    @Autowired
    KnownProgrammes programmes;

    private ApiClient api() {
        return ApiClient.at(port);
    }

    private ApiClient.Response postCsv(ApiClient client, String query, String csv, Map<String, String> headers) {
        return client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + IMPORTS + query))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)), headers);
    }

    private ApiClient.Response postCsv(String query, String csv) {
        return postCsv(api(), query, csv, Map.of());
    }

    private static String id(String country, String period, String programmeId) {
        return new ReportKey(country, period, programmeId).reportId();
    }

    private static String year() {
        // a year of its own per test run, so that reruns against a kept broker never see older events
        return String.valueOf(2100 - Math.floorMod(UUID.randomUUID().hashCode(), 150));
    }

    /**
     * Every record about {@code reportIds}, seen once a marker report of {@code country} written after
     * them is on the topic (one country is one partition, published in write order).
     */
    private List<ConsumerRecord<String, byte[]>> recordsBefore(String country, String year, List<String> reportIds) {
        String marker = api().post(REPORTS, body(country, year + "-12", "XOF", null)).json().get("reportId").asString();
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            List<ConsumerRecord<String, byte[]>> seen = probe.awaitRecord(
                    TopicRecords.about(marker, EventType.FINANCING_REPORT_SUBMITTED, 1), TopicRecords.WAIT);
            return reportIds.stream().flatMap(id -> TopicRecords.allAbout(seen, id).stream()).toList();
        }
    }

    @Test
    void storesAndPublishesEveryReportOfABatchOnceAndASecondSendingChangesNothing() {
        String year = year();
        Map<String, Object> annual = body("BEN", year, "XOF", null);
        annual.put("gdp", "12000000000000");
        Map<String, Object> q1 = body("BEN", year + "Q1", "XOF", null);
        q1.put("lines", List.of(lineBody("FAMILY", "DOMESTIC_TAX", null, "100.50"),
                lineBody("OLD_AGE", "SOCIAL_CONTRIBUTIONS", "70", "80")));
        Map<String, Object> batch = Map.of("reports", List.of(annual, q1));
        Map<String, String> key = Map.of("Idempotency-Key", "ben-batch-" + UUID.randomUUID());

        ApiClient.Response first = api().post(BATCH, batch, key);
        ApiClient.Response replay = api().post(BATCH, batch, key);
        ApiClient.Response again = api().post(BATCH, batch);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(2);
        assertThat(first.json().get("reports")).extracting(r -> r.get("reportId").asString())
                .containsExactly(id("BEN", year, null), id("BEN", year + "Q1", null));
        assertThat(first.json().get("reports").get(1).get("warnings")).extracting(w -> w.get("field").asString())
                .containsExactly("lines[1].executed", "currency");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(2);
        assertThat(again.json().get("created").asInt()).isZero();
        JsonNode stored = api().get(REPORTS + "/" + id("BEN", year + "Q1", null)).json();
        assertThat(stored.get("lines")).hasSize(2);
        assertThat(stored.get("history")).hasSize(1);

        List<ConsumerRecord<String, byte[]>> published = recordsBefore("BEN", year,
                List.of(id("BEN", year, null), id("BEN", year + "Q1", null)));
        assertThat(published).as("each report published once, the second sending published nothing")
                .extracting(r -> TopicRecords.header(r, "ce_subject") + "@" + TopicRecords.payload(r).get("version"))
                .containsExactlyInAnyOrder(id("BEN", year, null) + "@1", id("BEN", year + "Q1", null) + "@1");
        assertThat(published).extracting(TopicRecords::origin).as("who and which channel")
                .containsOnly(java.util.Arrays.asList("test-admin", "api-batch", null, null));
    }

    @Test
    void refusesAWholeBatchWithOneBadReportNamingItAndStoresAndPublishesNothing() {
        String year = year();
        Map<String, Object> good = body("TGO", year, "XOF", null);
        Map<String, Object> bad = body("TGO", year + "Q2", "CFA", null);
        Map<String, Object> badLine = body("TGO", year + "Q3", "XOF", null);
        badLine.put("lines", List.of(lineBody("FAMILY", "DOMESTIC_TAX", "-5", null)));

        ApiClient.Response refused = api().post(BATCH, Map.of("reports", List.of(good, good, bad, badLine)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("reports[1]", "reports[2].currency", "reports[3].lines[0].allocated");
        assertThat(api().get(REPORTS + "/" + id("TGO", year, null)).status()).isEqualTo(404);
        assertThat(recordsBefore("TGO", year, List.of(id("TGO", year, null), id("TGO", year + "Q3", null))))
                .isEmpty();

        ApiClient.Response unbindable = api().post(BATCH, "{\"reports\": [{\"country\": \"TGO\"}, "
                + "{\"country\": \"TGO\", \"lines\": [{\"function\": \"LEISURE\"}]}]}");
        assertThat(unbindable.status()).isEqualTo(400);
        assertThat(unbindable.json().get("errors").get(0).get("field").asString())
                .isEqualTo("reports[1].lines[0].function");
    }

    @Test
    void aReporterMayBatchOnlyItsOwnCountriesAndAForeignReportRefusesTheBatch() {
        String year = year();
        ApiClient senTeam = ApiClient.anonymous(port).as(TestTokens.reporter("SEN"));
        Map<String, Object> own = body("SEN", year, "XOF", null);
        Map<String, Object> foreign = body("MLI", year, "XOF", null);

        ApiClient.Response refused = senTeam.post(BATCH, Map.of("reports", List.of(own, foreign)));
        ApiClient.Response accepted = senTeam.post(BATCH, Map.of("reports", List.of(own)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("reports").get(0).get("version").asLong())
                .as("the refused batch stored nothing").isEqualTo(1);
        assertThat(api().get(REPORTS + "/" + id("MLI", year, null)).status()).isEqualTo(404);
    }

    @Test
    void aCsvDryRunReportsWhatWouldChangeAndChangesNothing() {
        String year = year();
        api().post(REPORTS, body("NER", year, "XOF", null));
        String csv = HEADER
                + "NER," + year + ",XOF,,FAMILY,DOMESTIC_TAX,1250000.50,987654.25,\n"
                + "NER," + year + ",XOF,,HEALTH,EXTERNAL_GRANT,10,,\n"
                + "NER," + year + "Q1,XOF,,FAMILY,DOMESTIC_TAX,,300,\n";

        JsonNode report = postCsv("?dryRun=true", csv).json();

        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("received").asLong()).isEqualTo(3);
        assertThat(report.get("updated").asLong()).isEqualTo(1);
        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("changes").findValuesAsString("outcome")).containsExactly("UPDATED", "CREATED");
        assertThat(report.get("changes").get(0).get("lines")).extracting(JsonNode::asLong).containsExactly(2L, 3L);
        assertThat(api().get(REPORTS + "/" + id("NER", year, null)).json().get("version").asLong()).isEqualTo(1);
        assertThat(api().get(REPORTS + "/" + id("NER", year + "Q1", null)).status()).isEqualTo(404);
        assertThat(recordsBefore("NER", year, List.of(id("NER", year + "Q1", null)))).isEmpty();
    }

    @Test
    void aCsvImportStoresGoodReportsReportsEachBadRowByLineAndIsIdempotent() {
        String year = year();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 12);
        TopicRecords.publish(Programmes.registered(programmeId, "GHA", 1));
        await().atMost(TopicRecords.WAIT).until(() -> programmes.find(programmeId).isPresent());
        String csv = "\uFEFF" + HEADER.replace(',', ';')
                + "GHA;" + year + ";GHS;;FAMILY;DOMESTIC_TAX;1000;900;5000000\n"
                + "GHA;" + year + ";GHS;;HEALTH;EXTERNAL_LOAN;200;\"210.5\";\n"
                + "GHA;" + year + "Q1;GHS;" + programmeId + ";FAMILY;DOMESTIC_TAX;100;;\n"
                + "GHA;" + year + "Q2;GHS;;FAMILY;DOMESTIC_TAX;1,000;;\n"
                + "GHA;" + year + "Q2;GHS;;OLD_AGE;DOMESTIC_TAX;5;;\n"
                + "GHA;" + year + "Q3;GHS;;LEISURE;DOMESTIC_TAX;5;;\n"
                + "GHA;" + year + "Q4;GHS;;FAMILY;DOMESTIC_TAX;5\n"
                + "GHA;" + year + "-05;XOF;;FAMILY;DOMESTIC_TAX;5;;\n"
                + "GHA;" + year + "-05;GHS;;FAMILY;EXTERNAL_GRANT;5;;\n";
        Map<String, String> key = Map.of("Idempotency-Key", "gha-import-" + UUID.randomUUID());

        ApiClient.Response first = postCsv(api(), "", csv, key);
        ApiClient.Response replay = postCsv(api(), "", csv, key);
        JsonNode again = postCsv("", csv).json();

        JsonNode report = first.json();
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(report.get("received").asLong()).isEqualTo(9);
        assertThat(report.get("reports").asLong()).isEqualTo(2);
        assertThat(report.get("created").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isEqualTo(6);
        assertThat(report.get("rejections")).extracting(r -> r.get("line").asLong() + ":" + r.path("field").asString(""))
                .containsExactly("5:allocated", "6:", "7:function", "8:", "9:", "10:currency");
        assertThat(report.get("rejections").get(1).get("message").asString())
                .startsWith("not imported: line 5 of the same report");
        assertThat(report.get("rejections").get(3).get("message").asString())
                .isEqualTo("has 7 fields but the header has 9");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(report);
        assertThat(again.get("unchanged").asLong()).as("a re-import changes nothing").isEqualTo(2);
        assertThat(again.get("created").asLong() + again.get("updated").asLong()).isZero();

        JsonNode annual = api().get(REPORTS + "/" + id("GHA", year, null)).json();
        assertThat(annual.get("gdp").asString()).isEqualTo("5000000");
        assertThat(annual.get("lines")).extracting(l -> l.get("function").asString() + "/" + l.path("executed")
                .asString("-")).containsExactly("FAMILY/900", "HEALTH/210.5");
        assertThat(api().get(REPORTS + "/" + id("GHA", year + "Q1", programmeId)).json().get("updatedBy").asString())
                .isEqualTo("test-admin");
        assertThat(api().get(REPORTS + "/" + id("GHA", year + "Q2", null)).status()).isEqualTo(404);
        List<ConsumerRecord<String, byte[]>> imported = recordsBefore("GHA", year, List.of(id("GHA", year, null),
                id("GHA", year + "Q1", programmeId), id("GHA", year + "Q2", null), id("GHA", year + "-05", null)));
        assertThat(imported).extracting(r -> TopicRecords.payload(r).get("version").asLong()).containsExactly(1L, 1L);
        assertThat(imported).extracting(TopicRecords::origin).as("the import and its id")
                .containsOnly(java.util.Arrays.asList("test-admin", "import-csv", report.get("importId").asString(),
                        null));
    }

    @Test
    void aCsvImportRejectsTheRowsOfAForeignCountryAndAFileWithABadHeaderWhole() {
        String year = year();
        ApiClient senTeam = ApiClient.anonymous(port).as(TestTokens.reporter("SEN"));
        String csv = HEADER + "SEN," + year + ",XOF,,FAMILY,DOMESTIC_TAX,1,,\n"
                + "MLI," + year + ",XOF,,FAMILY,DOMESTIC_TAX,1,,\n";

        JsonNode report = postCsv(senTeam, "", csv, Map.of()).json();
        ApiClient.Response badHeader = postCsv("", "country,period,currency,function,source,colour\n"
                + "SEN," + year + ",XOF,FAMILY,DOMESTIC_TAX,red\n");

        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("rejections")).singleElement().satisfies(r -> {
            assertThat(r.get("line").asLong()).isEqualTo(3);
            assertThat(r.get("field").asString()).isEqualTo("country");
        });
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("header[5]");
        assertThat(postCsv("", "").status()).isEqualTo(400);
        ApiClient.Response template = api().get(IMPORTS + "/template.csv");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.body()).startsWith("country,period,currency,programmeId,function,source,allocated,"
                + "executed,gdp,totalGovernmentExpenditure\r\n");
    }

    @Test
    void aValidatorValidatesTheReportsOfOneImportAndNothingElse() {
        String year = year();
        JsonNode imported = postCsv("", HEADER
                + "MWI," + year + ",MWK,,FAMILY,DOMESTIC_TAX,1000,900,\n"
                + "MWI," + year + "Q1,MWK,,HEALTH,DOMESTIC_TAX,400,,\n").json();
        String importId = imported.get("importId").asString();
        String byApi = api().post(REPORTS, body("MWI", year + "Q2", "MWK", null)).json().get("reportId").asString();
        String ofTheImport = REPORTS + "/" + id("MWI", year, null);
        Map<String, Object> validateImport = Map.of("decision", "VALIDATED", "importId", importId);

        assertThat(api().as(TestTokens.validator("ZMB")).post(REPORTS + "/reviews", validateImport).status())
                .as("a validator of another country reviews none of it").isEqualTo(403);
        ApiClient.Response both = api().as(TestTokens.validator("MWI")).post(REPORTS + "/reviews",
                Map.of("decision", "VALIDATED", "importId", importId, "country", "MWI"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("importId");
        assertThat(api().get(ofTheImport).json().get("review").asString()).isEqualTo("SUBMITTED");

        ApiClient.Response done = api().as(TestTokens.validator("MWI")).post(REPORTS + "/reviews", validateImport);

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("reviewed").asInt()).isEqualTo(2);
        assertThat(done.json().get("items").findValuesAsString("reportId"))
                .containsExactlyInAnyOrder(id("MWI", year, null), id("MWI", year + "Q1", null));
        assertThat(api().get(REPORTS + "/" + byApi).json().get("review").asString()).as("not of the import")
                .isEqualTo("SUBMITTED");
        JsonNode history = api().get(ofTheImport).json().get("history");
        assertThat(history).extracting(v -> v.path("review").asString("-") + " " + v.get("channel").asString() + " "
                + v.path("reference").asString("-")).containsExactly("- import-csv " + importId,
                        "VALIDATED api-batch " + importId);
        try (KafkaProbe probe = KafkaProbe.from(Topics.FINANCING_REPORT_EVENTS)) {
            assertThat(TopicRecords.origin(TopicRecords.await(probe, id("MWI", year + "Q1", null),
                    EventType.FINANCING_REPORT_VALIDATED, 2)))
                    .containsExactly("test-validator-MWI", "api-batch", importId, null);
        }
        assertThat(api().as(TestTokens.validator("MWI")).post(REPORTS + "/reviews", validateImport).json()
                .get("items").size()).as("nothing SUBMITTED is left of the import").isZero();
    }
}
