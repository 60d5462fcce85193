package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spmonitor.financing.FinancingReports;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.BodyFuzzer.FuzzCase;
import org.spmonitor.testsupport.BodyFuzzer;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/**
 * Property over every REST body of financing-service (reports, withdrawals, exchange rates, the rates
 * CSV): for seeded random mutations of valid inputs, never a 5xx, refusals are problem details, and a
 * refusal stores nothing (the number of reports and rates, and the target report's version, stay).
 * It writes only Lao and Mongolian data of the 1990s, which no other test of the shared context reads.
 */
@SpmonitorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzedBodiesPropertyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REPORTS = "/api/v1/financing-reports";
    private static final String RATES = "/api/v1/exchange-rates";
    private static final int CASES_PER_ENDPOINT = 30;

    @LocalServerPort
    int port;

    private String reportId;

    @BeforeAll
    void submitATarget() {
        reportId = ApiClient.at(port).post(REPORTS, FinancingReports.body("MNG", "1999", "MNT", null)).json()
                .path("reportId").asString();
    }

    Stream<Arguments> fuzzedRequests() {
        return Stream.of(
                fuzz("application/json", REPORTS, JSON.valueToTree(FinancingReports.body("LAO", "1999Q3", "LAK", null)), 11),
                fuzz("application/json", REPORTS + "/{report}/withdrawal", JSON.valueToTree(Map.of("reason", "duplicate")), 12),
                fuzz("application/json", RATES, JSON.valueToTree(Map.of("currency", "LAK", "year", 1999,
                        "unitsPerUsd", "7102.03", "source", "Bank of the Lao PDR")), 13),
                fuzz("application/json", REPORTS + "/batch", JSON.valueToTree(Map.of("reports", List.of(
                        FinancingReports.body("LAO", "1999Q4", "LAK", null),
                        FinancingReports.body("LAO", "1999-11", "LAK", null)))), 15),
                csv(RATES, RATES_CSV, 14),
                csv(REPORTS + "/imports", LINES_CSV, 16))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> fuzz(String contentType, String path, tools.jackson.databind.JsonNode valid,
            long seed) {
        List<FuzzCase> cases = BodyFuzzer.cases(valid, seed, CASES_PER_ENDPOINT);
        return cases.stream().map(c -> Arguments.of(contentType, path, c));
    }

    private static final String[] RATES_CSV = { "currency,year,unitsPerUsd,source", "LAK,1998,3298.33,BOL",
        "MNT,1998,840.83,BOM" };
    private static final String[] LINES_CSV = { "country,period,currency,function,source,allocated,executed,gdp",
        "LAO,1998,LAK,FAMILY,DOMESTIC_TAX,10,9.5,", "LAO,1998,LAK,HEALTH,EXTERNAL_GRANT,5,,1000" };

    /** A CSV (the rates table, report lines), broken line by line: cells dropped, swapped, emptied, garbled. */
    private static Stream<Arguments> csv(String path, String[] valid, long seed) {
        java.util.Random random = new java.util.Random(seed);
        String[] garbage = { "", "x", "-1", "1e400", "KHR", "2015-13", "\"unclosed", ";;;", "USD", "999999999999999999999999" };
        return Stream.iterate(0, i -> i + 1).limit(CASES_PER_ENDPOINT).map(i -> {
            String[] lines = valid.clone();
            int line = random.nextInt(lines.length);
            String[] cells = lines[line].split(",", -1);
            cells[random.nextInt(cells.length)] = garbage[random.nextInt(garbage.length)];
            lines[line] = random.nextInt(5) == 0 ? String.join(",", cells) + ",extra" : String.join(",", cells);
            String text = String.join("\n", lines) + "\n";
            return Arguments.of("text/csv", path, new FuzzCase("csv #" + i + " line " + (line + 1) + ": " + lines[line], text));
        });
    }

    private long total(String path) {
        return ApiClient.at(port).get(path + "?size=1").json().path("totalItems").asLong();
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("fuzzedRequests")
    void neverAnswers5xxAndARefusalStoresNothing(String contentType, String pathTemplate, FuzzCase fuzzCase) {
        ApiClient api = ApiClient.at(port);
        String path = pathTemplate.replace("{report}", reportId);
        long reports = total(REPORTS);
        long rates = total(RATES);
        long version = api.get(REPORTS + "/" + reportId).json().path("version").asLong();

        ApiClient.Response response = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(fuzzCase.body())), Map.of());

        assertThat(response.status()).as(response.body()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(total(REPORTS)).as("no report stored").isEqualTo(reports);
            assertThat(total(RATES)).as("no rate stored").isEqualTo(rates);
            assertThat(api.get(REPORTS + "/" + reportId).json().path("version").asLong()).isEqualTo(version);
        }
    }
}
