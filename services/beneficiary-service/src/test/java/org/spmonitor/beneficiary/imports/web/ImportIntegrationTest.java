package org.spmonitor.beneficiary.imports.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.beneficiary.Multipart;
import org.spmonitor.beneficiary.Programmes;
import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.beneficiary.imports.domain.CsvColumns;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/** CSV and DHIS2 imports as a country team runs them, following the service README. */
class ImportIntegrationTest extends BeneficiaryIntegrationTest {

    private static final String IMPORTS = "/api/v1/beneficiary-counts/imports";
    private static final Path EXAMPLES = Path.of("examples");
    private static final String HEADER = "programmeId,period,targetGroup,measure,total,sex.female,sex.male\n";

    private ApiClient.Response postCsv(String query, String csv, Map<String, String> headers) {
        return api().send(HttpRequest.newBuilder(URI.create(api().baseUrl() + IMPORTS + query))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)), headers);
    }

    private ApiClient.Response postCsv(String query, String csv) {
        return postCsv(query, csv, Map.of());
    }

    private ApiClient.Response upload(String query, Multipart multipart) {
        return api().send(multipart.post(api().baseUrl() + IMPORTS + query), Map.of());
    }

    private static String example(String name) throws IOException {
        return Files.readString(EXAMPLES.resolve(name));
    }

    @Test
    void importsGoodRowsAndReportsEachBadRowByLineAndField() {
        String p = registerProgramme("KHM");
        String csv = HEADER
                + p + ",2025Q1,CHILDREN,ACTIVE,100,60,40\n"
                + p + ",2025Q1,CHILDREN,NEW,10,,\n"
                + p + ",2025Q2,CHILDREN,ACTIVE,100,60,41\n"
                + "prg-unknown-here,2025Q1,CHILDREN,ACTIVE,5,,\n";

        JsonNode report = postCsv("", csv).json();

        assertThat(report.get("received").asLong()).isEqualTo(4);
        assertThat(report.get("created").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isEqualTo(2);
        assertThat(report.get("rejections").get(0).get("line").asLong()).isEqualTo(4);
        assertThat(report.get("rejections").get(0).get("field").asString()).isEqualTo("sex");
        assertThat(report.get("rejections").get(0).get("message").asString()).isEqualTo("parts sum to 101 but total is 100");
        assertThat(report.get("rejections").get(1).get("line").asLong()).isEqualTo(5);
        assertThat(report.get("rejections").get(1).get("field").asString()).isEqualTo("programmeId");

        JsonNode again = postCsv("", HEADER + p + ",2025Q1,CHILDREN,ACTIVE,100,60,40\n" + p
                + ",2025Q1,CHILDREN,NEW,11,,\n").json();
        assertThat(again.get("unchanged").asLong()).isEqualTo(1);
        assertThat(again.get("updated").asLong()).isEqualTo(1);
        assertThat(again.get("created").asLong()).isZero();

        String countId = new CountKey(p, "2025Q1", TargetGroup.CHILDREN, Measure.NEW).countId();
        JsonNode history = api().get("/api/v1/beneficiary-counts/" + countId).json().get("history");
        assertThat(history.get(1).get("channel").asString()).isEqualTo("import-csv");
        assertThat(history.get(1).get("reference").asString()).isEqualTo(again.get("importId").asString());
    }

    @Test
    void aDryRunReportsWhatWouldChangeAndStoresNothing() {
        String p = registerProgramme("SEN");
        postCsv("", HEADER + p + ",2025,CHILDREN,ACTIVE,100,60,40\n");

        JsonNode report = postCsv("?dryRun=true", HEADER + p + ",2025,CHILDREN,ACTIVE,120,60,60\n" + p
                + ",2025,CHILDREN,NEW,7,,\n").json();

        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("updated").asLong()).isEqualTo(1);
        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("changes").findValuesAsString("outcome")).containsExactly("UPDATED", "CREATED");
        assertThat(report.get("changes").get(0).get("line").asLong()).isEqualTo(2);
        ApiClient.Response list = api().get("/api/v1/beneficiary-counts?programmeId=" + p);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode stored = list.json();
        assertThat(stored.get("totalItems").asLong()).isEqualTo(1);
        assertThat(stored.get("items").get(0).get("total").asLong()).isEqualTo(100);
    }

    @Test
    void aFileWithAnUnknownColumnOrNoHeaderIsRefusedWholeAndNothingIsStored() {
        String p = registerProgramme("UGA");
        ApiClient.Response response = postCsv("", "programmeId,period,targetGroup,measure,total,colour\n" + p
                + ",2025,CHILDREN,ACTIVE,5,red\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json())).containsExactly("header[5]");
        assertThat(postCsv("", "").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/beneficiary-counts?programmeId=" + p).json().get("totalItems").asLong()).isZero();
    }

    @Test
    void theTemplateDownloadsWithEveryColumnAndImportsOnceItsProgrammeIsReplaced() {
        ApiClient.Response template = api().get(IMPORTS + "/template.csv");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.header("Content-Type")).startsWith("text/csv");
        assertThat(template.header("Content-Disposition")).contains("beneficiary-counts-template.csv");
        assertThat(template.body().lines().findFirst()).contains(String.join(",", CsvColumns.ALL));

        String p = registerProgramme("MOZ");
        JsonNode report = postCsv("", template.body().replace("prg-REPLACE-ME", p)).json();
        assertThat(report.get("created").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isZero();
        assertThat(api().get(IMPORTS + "/dhis2-mapping-example.json").json().has("dataElements")).isTrue();
    }

    @Test
    void aCsvImportWithAnIdempotencyKeyIsAnsweredOnceAndReplayed() {
        String p = registerProgramme("NPL");
        String csv = HEADER + p + ",2025,CHILDREN,ACTIVE,100,60,40\n";
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = postCsv("", csv, idempotencyKey(key));
        ApiClient.Response replay = postCsv("", csv, idempotencyKey(key));
        assertThat(first.json().get("created").asLong()).isEqualTo(1);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(postCsv("", csv.replace("100,60,40", "101,61,40"), idempotencyKey(key)).status()).isEqualTo(409);
    }

    @Test
    void theExampleFilesImportAsTheReadmeShowsAndTheirCountsReachTheTopic() throws IOException {
        register(Programmes.familyPackage("prg-khm-family-package", "KHM"));

        JsonNode csv = upload("", new Multipart().file("file", "beneficiary-counts.csv", "text/csv",
                example("beneficiary-counts.csv"))).json();
        assertThat(csv.get("created").asLong()).isEqualTo(6);
        assertThat(csv.get("rejected").asLong()).isZero();

        JsonNode errors = postCsv("", example("beneficiary-counts-with-errors.csv")).json();
        assertThat(errors.get("created").asLong()).isEqualTo(1);
        assertThat(errors.get("rejected").asLong()).isEqualTo(5);
        assertThat(errors.get("rejections").findValuesAsString("field")).containsExactly("sex", "period",
                "targetGroup", "programmeId");
        assertThat(errors.get("rejections").findValues("line")).extracting(JsonNode::asLong)
                .containsExactly(3L, 4L, 5L, 6L, 7L);

        Multipart dhis2 = new Multipart()
                .file("file", "dhis2-datavalueset.json", "application/json", example("dhis2-datavalueset.json"))
                .file("mapping", "dhis2-mapping.json", "application/json", example("dhis2-mapping.json"));
        JsonNode dryRun = upload("?dryRun=true", dhis2).json();
        assertThat(dryRun.get("created").asLong()).isEqualTo(3);
        assertThat(api().get("/api/v1/beneficiary-counts?programmeId=prg-khm-family-package&period=2025Q3").json()
                .get("totalItems").asLong()).isZero();

        JsonNode imported = upload("", new Multipart()
                .file("file", "dhis2-datavalueset.json", "application/json", example("dhis2-datavalueset.json"))
                .file("mapping", "dhis2-mapping.json", "application/json", example("dhis2-mapping.json"))).json();
        assertThat(imported.get("format").asString()).isEqualTo("dhis2");
        assertThat(imported.get("received").asLong()).isEqualTo(9);
        assertThat(imported.get("created").asLong()).isEqualTo(3);
        assertThat(imported.get("ignored").asLong()).isEqualTo(1);
        assertThat(imported.get("ignoredDataElements").get(0).asString()).isEqualTo("FpBudgetUsd");

        String childrenNew = new CountKey("prg-khm-family-package", "2025Q3", TargetGroup.CHILDREN, Measure.NEW)
                .countId();
        JsonNode event = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS, subject(childrenNew), 1).get(0);
        assertThat(event.get("total").asLong()).as("the total of a count given only by sex").isEqualTo(8_900);
        assertThat(event.get("country").asString()).isEqualTo("KHM");
    }

    @Test
    void aDhis2ValueOfAnUnmappedOrgUnitIsRejectedByItsIndexAndAMissingMappingRefusesTheFile() {
        String p = registerProgramme("ZMB");
        String mapping = totalMapping(p, "UNEMPLOYED", "NEW");
        String data = "{\"period\": \"202502\", \"dataValues\": ["
                + "{\"dataElement\": \"DE1\", \"orgUnit\": \"OU1\", \"categoryOptionCombo\": \"c\", \"value\": \"12\"},"
                + "{\"dataElement\": \"DE1\", \"orgUnit\": \"OU9\", \"categoryOptionCombo\": \"c\", \"value\": \"3\"}]}";
        JsonNode report = upload("?format=dhis2", new Multipart().file("file", "export", "application/octet-stream",
                data).file("mapping", "m.json", "application/json", mapping)).json();
        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("rejections").get(0).get("value").asInt()).isEqualTo(1);
        assertThat(report.get("rejections").get(0).get("field").asString()).isEqualTo("orgUnit");

        ApiClient.Response noMapping = upload("", new Multipart().file("file", "export.json", "application/json", data));
        assertThat(noMapping.status()).isEqualTo(400);
        assertThat(fields(noMapping.json())).containsExactly("mapping");
        ApiClient.Response badMapping = upload("", new Multipart().file("file", "export.json", "application/json", data)
                .file("mapping", "m.json", "application/json", mapping.replace("\"total\"", "\"sex.other\"")));
        assertThat(fields(badMapping.json())).containsExactly("mapping.dataElements[0].breakdown");
    }

    @Test
    void aDeletedDhis2ValueWithdrawsTheCountItFilledOnceAndOneForNoCountIsReportedNotRefused() {
        String p = registerProgramme("ZMB");
        String mapping = totalMapping(p, "UNEMPLOYED", "NEW");
        String live = "{\"period\": \"202502\", \"dataValues\": ["
                + "{\"dataElement\": \"DE1\", \"orgUnit\": \"OU1\", \"categoryOptionCombo\": \"c\", \"value\": \"12\"}]}";
        String sync = "{\"period\": \"202502\", \"dataValues\": ["
                + "{\"dataElement\": \"DE1\", \"orgUnit\": \"OU1\", \"categoryOptionCombo\": \"c\", \"value\": \"12\","
                + " \"deleted\": true},"
                + "{\"dataElement\": \"DE1\", \"orgUnit\": \"OU1\", \"period\": \"202503\", \"value\": \"4\","
                + " \"deleted\": true}]}";
        assertThat(dhis2("", live, mapping).get("created").asLong()).isEqualTo(1);
        String countId = new CountKey(p, "2025-02", TargetGroup.UNEMPLOYED, Measure.NEW).countId();

        JsonNode dryRun = dhis2("?dryRun=true", sync, mapping);
        assertThat(dryRun.get("rejected").asLong()).isZero();
        assertThat(dryRun.get("withdrawals").findValuesAsString("outcome"))
                .containsExactly("WITHDRAW", "NOTHING_TO_WITHDRAW");
        assertThat(dryRun.get("withdrawals").get(0).get("countId").asString()).isEqualTo(countId);
        assertThat(dryRun.get("withdrawals").get(1).get("value").asInt()).isEqualTo(1);
        assertThat(api().get("/api/v1/beneficiary-counts/" + countId).json().get("withdrawn").asBoolean())
                .as("a dry run withdraws nothing").isFalse();

        JsonNode imported = dhis2("", sync, mapping);
        assertThat(imported.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(imported.get("withdrawals").findValuesAsString("outcome"))
                .containsExactly("WITHDRAWN", "NOTHING_TO_WITHDRAW");
        JsonNode count = api().get("/api/v1/beneficiary-counts/" + countId).json();
        assertThat(count.get("withdrawn").asBoolean()).isTrue();
        assertThat(count.get("version").asLong()).isEqualTo(2);
        JsonNode event = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountWithdrawn")), 1).get(0);
        assertThat(event.get("version").asLong()).isEqualTo(2);

        JsonNode again = dhis2("", sync, mapping);
        assertThat(again.get("withdrawn").asLong()).as("the same sync twice withdraws once").isZero();
        assertThat(again.get("withdrawals").get(0).get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(api().get("/api/v1/beneficiary-counts/" + countId).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void aDeletedDhis2ValueOfAnotherCountrysCountIsRejectedAndWithdrawsNothing() {
        String p = registerProgramme("SEN");
        String mapping = totalMapping(p, "CHILDREN", "ACTIVE");
        String value = "{\"dataElement\": \"DE1\", \"orgUnit\": \"OU1\", \"period\": \"2025\", \"value\": \"9\"";
        dhis2("", "{\"dataValues\": [" + value + "}]}", mapping);
        ApiClient khm = api().as(org.spmonitor.testsupport.TestTokens.reporter("KHM"));

        JsonNode report = khm.send(new Multipart().file("file", "sync.json", "application/json",
                "{\"dataValues\": [" + value + ", \"deleted\": true}]}").file("mapping", "m.json", "application/json",
                        mapping).post(api().baseUrl() + IMPORTS), Map.of()).json();

        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.get("rejections").get(0).get("message").asString()).contains("SEN");
        String countId = new CountKey(p, "2025", TargetGroup.CHILDREN, Measure.ACTIVE).countId();
        assertThat(api().get("/api/v1/beneficiary-counts/" + countId).json().get("withdrawn").asBoolean()).isFalse();
    }

    @Test
    void eventsOfAnImportNameTheImportAndItsChannel() {
        String p = registerProgramme("KHM");
        JsonNode csv = postCsv("", HEADER + p + ",2025Q1,CHILDREN,ACTIVE,100,60,40\n").json();
        String csvCount = new CountKey(p, "2025Q1", TargetGroup.CHILDREN, Measure.ACTIVE).countId();
        JsonNode dhis2 = dhis2("", "{\"dataValues\": [{\"dataElement\": \"DE1\", \"orgUnit\": \"OU1\", "
                + "\"period\": \"2025\", \"value\": \"9\"}]}", totalMapping(p, "CHILDREN", "NEW"));
        String dhis2Count = new CountKey(p, "2025", TargetGroup.CHILDREN, Measure.NEW).countId();

        assertThat(origin(awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS, subject(csvCount), 1).get(0)))
                .containsExactly("test-admin", "import-csv", csv.get("importId").asString(), null);
        assertThat(origin(awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS, subject(dhis2Count), 1).get(0)))
                .containsExactly("test-admin", "import-dhis2", dhis2.get("importId").asString(), null);
    }

    /** A DHIS2 mapping of org unit OU1 to {@code programmeId} and data element DE1 to the total of a count. */
    private static String totalMapping(String programmeId, String targetGroup, String measure) {
        return "{\"orgUnits\": {\"OU1\": \"" + programmeId + "\"}, \"dataElements\": [{\"dataElement\": \"DE1\","
                + " \"targetGroup\": \"" + targetGroup + "\", \"measure\": \"" + measure + "\","
                + " \"breakdown\": \"total\"}]}";
    }

    private JsonNode dhis2(String query, String data, String mapping) {
        ApiClient.Response response = upload(query, new Multipart().file("file", "sync.json", "application/json", data)
                .file("mapping", "m.json", "application/json", mapping));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
