package org.spmonitor.beneficiary.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spmonitor.beneficiary.BeneficiaryCounts;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.BodyFuzzer;
import org.spmonitor.testsupport.BodyFuzzer.FuzzCase;

/**
 * Property over every REST body of beneficiary-service and over the CSV import: for seeded random
 * mutations of valid input, never a 5xx; a refused request is problem details and stores nothing; an
 * import reports every row as created, updated, unchanged or rejected, never more rows than it got.
 * Uses a programme of its own country (Laos), which no other test reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzedInputPropertyTest extends BeneficiaryIntegrationTest {

    private static final String COUNTS = "/api/v1/beneficiary-counts";
    private static final int CASES = 40;

    private String programmeId;
    private String countId;

    @BeforeAll
    void registerATarget() {
        programmeId = registerProgramme("LAO");
        countId = api().post(COUNTS, BeneficiaryCounts.totalOnly(programmeId, "2025-01", 10)).json().path("countId")
                .asString();
    }

    private long countsOfLaos() {
        return api().get(COUNTS + "?country=LAO&size=1").json().path("totalItems").asLong();
    }

    Stream<Arguments> fuzzedBodies() {
        String one = JSON.writeValueAsString(BeneficiaryCounts.activeFemaleHeavy(programmeId));
        String batch = "{\"items\":[" + one + "," + JSON.writeValueAsString(
                BeneficiaryCounts.totalOnly(programmeId, "2025-02", 20)) + "]}";
        return Stream.of(
                BodyFuzzer.cases(one, 21, CASES).stream().map(c -> Arguments.of(COUNTS, c)),
                BodyFuzzer.cases(batch, 22, CASES).stream().map(c -> Arguments.of(COUNTS, c)),
                BodyFuzzer.cases("{\"reason\":\"double counted\"}", 23, CASES / 2).stream()
                        .map(c -> Arguments.of(COUNTS + "/{count}/withdrawal", c)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fuzzedBodies")
    void neverAnswers5xxAndARefusedBodyStoresNothing(String pathTemplate, FuzzCase fuzzCase) {
        long before = countsOfLaos();
        long version = api().get(COUNTS + "/" + countId).json().path("version").asLong();

        ApiClient.Response response = api().send(HttpRequest.newBuilder(URI.create(api().baseUrl()
                + pathTemplate.replace("{count}", countId))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fuzzCase.body())), Map.of());

        assertThat(response.status()).as(response.body()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(countsOfLaos()).as("nothing stored").isEqualTo(before);
            assertThat(api().get(COUNTS + "/" + countId).json().path("version").asLong()).isEqualTo(version);
        }
    }

    Stream<Arguments> fuzzedCsv() {
        Random random = new Random(24);
        String[] garbage = { "", "-5", "1e9", "abc", "2025Q9", "CHILDRENX", "ACTIVE", "\"open", "99999999999999999999",
                "1.5", "prg-unknown", ";", "NEW,extra" };
        return Stream.iterate(0, i -> i + 1).limit(CASES).map(i -> {
            String[] lines = {
                "programmeId,period,targetGroup,measure,total,sex.female,sex.male",
                programmeId + ",2025-0" + (1 + random.nextInt(9)) + ",CHILDREN,ACTIVE,100,60,40",
                programmeId + ",2025Q" + (1 + random.nextInt(4)) + ",OLDER_PERSONS,NEW,30,10,20" };
            int line = random.nextInt(lines.length);
            String[] cells = lines[line].split(",", -1);
            cells[random.nextInt(cells.length)] = garbage[random.nextInt(garbage.length)];
            lines[line] = String.join(",", cells);
            return Arguments.of(new FuzzCase("csv #" + i + " line " + (line + 1) + ": " + lines[line],
                    String.join("\n", lines) + "\n"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzedCsv")
    void anImportAnswersEveryRowAndNeverFailsWholesale(FuzzCase fuzzCase) {
        ApiClient.Response response = api().send(HttpRequest.newBuilder(URI.create(api().baseUrl() + COUNTS
                + "/imports?dryRun=true")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(fuzzCase.body())), Map.of());

        assertThat(response.status()).as(response.body()).isLessThan(500);
        if (response.status() == 200) {
            long answered = List.of("created", "updated", "unchanged", "rejected").stream()
                    .mapToLong(k -> response.json().path(k).asLong()).sum();
            assertThat(answered).as("every data row answered once").isEqualTo(2);
        }
        else {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }
}
