package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.financing.FinancingReports.body;
import static org.spmonitor.financing.FinancingReports.lineBody;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;

/** DESIGN.md "Security" on financing-service: country-scoped writes, admin-only reference data. */
@SpmonitorIntegrationTest
class FinancingSecurityIntegrationTest {

    private static final String REPORTS = "/api/v1/financing-reports";
    private static final String RATES = "/api/v1/exchange-rates";

    @LocalServerPort
    int port;

    private static Map<String, Object> report(String country, String period, String currency) {
        Map<String, Object> body = body(country, period, currency, null);
        body.put("lines", List.of(lineBody("FAMILY", "DOMESTIC_TAX", "1000.00", "900.00")));
        return body;
    }

    private long reportsOf(String country, String period) {
        return ApiClient.at(port).get(REPORTS + "?country=" + country + "&period=" + period).json()
                .path("totalItems").asLong();
    }

    @Test
    void refusesReportsWithoutATokenAndFromViewers() {
        assertThat(ApiClient.anonymous(port).post(REPORTS, report("KHM", "2019", "KHR")).status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(port).as(TestTokens.viewer()).post(REPORTS, report("KHM", "2019", "KHR"))
                .status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(port).as(TestTokens.viewer()).get(REPORTS).status()).isEqualTo(200);
        assertThat(reportsOf("KHM", "2019")).isZero();
    }

    @Test
    void letsAReporterSubmitOnlyForTheCountriesOfItsClaim() {
        ApiClient senTeam = ApiClient.anonymous(port).as(TestTokens.reporter("SEN"));

        ApiClient.Response foreign = senTeam.post(REPORTS, report("KHM", "2018", "KHR"));
        ApiClient.Response own = senTeam.post(REPORTS, report("SEN", "2018", "XOF"));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(reportsOf("KHM", "2018")).isZero();
        assertThat(own.status()).isEqualTo(201);
    }

    @Test
    void refusesAWithdrawalOfAnotherCountrysReport() {
        String reportId = ApiClient.at(port).post(REPORTS, report("KHM", "2017", "KHR")).json().path("reportId").asString();

        ApiClient.Response withdrawal = ApiClient.anonymous(port).as(TestTokens.reporter("SEN"))
                .post(REPORTS + "/" + reportId + "/withdrawal", Map.of("reason", "not ours"));

        assertThat(withdrawal.status()).isEqualTo(403);
        assertThat(ApiClient.at(port).get(REPORTS + "/" + reportId).json().path("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void letsOnlyAdminsEnterExchangeRates() {
        Map<String, Object> rate = Map.of("currency", "MZN", "year", 2016, "unitsPerUsd", "63.06", "source", "test");

        assertThat(ApiClient.anonymous(port).as(TestTokens.reporter("MOZ")).post(RATES, rate).status()).isEqualTo(403);
        assertThat(ApiClient.at(port).get(RATES + "/MZN/2016").status()).isEqualTo(404);
        assertThat(ApiClient.at(port).post(RATES, rate).status()).isEqualTo(201);
    }
}
