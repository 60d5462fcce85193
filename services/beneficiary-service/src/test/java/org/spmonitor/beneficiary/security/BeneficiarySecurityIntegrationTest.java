package org.spmonitor.beneficiary.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryCounts;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;

/** DESIGN.md "Security" on beneficiary-service: REST, batches, withdrawals and imports. */
class BeneficiarySecurityIntegrationTest extends BeneficiaryIntegrationTest {

    private static final String COUNTS = "/api/v1/beneficiary-counts";

    private ApiClient as(String token) {
        return ApiClient.anonymous(port).as(token);
    }

    @Test
    void refusesCountsWithoutATokenOrFromAViewer() {
        String programmeId = registerProgramme("KHM");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025-07", 70);

        assertThat(ApiClient.anonymous(port).post(COUNTS, count).status()).isEqualTo(401);
        assertThat(as(TestTokens.viewer()).post(COUNTS, count).status()).isEqualTo(403);
        assertThat(as(TestTokens.viewer()).get(COUNTS).status()).isEqualTo(200);
        assertThat(api().get(COUNTS + "/" + CountKey.of(count).countId()).status()).isEqualTo(404);
    }

    @Test
    void refusesAReporterWritingForAnotherCountryAlsoInsideABatch() {
        String khm = registerProgramme("KHM");
        String sen = registerProgramme("SEN");
        BeneficiaryCountSubmission own = BeneficiaryCounts.totalOnly(khm, "2025-08", 80);
        BeneficiaryCountSubmission foreign = BeneficiaryCounts.totalOnly(sen, "2025-08", 81);
        ApiClient khmTeam = as(TestTokens.reporter("KHM"));

        ApiClient.Response single = khmTeam.post(COUNTS, foreign);
        ApiClient.Response batch = khmTeam.post(COUNTS, Map.of("items", java.util.List.of(own, foreign)));

        assertThat(single.status()).isEqualTo(403);
        assertThat(single.json().path("detail").asString()).contains("KHM").contains("SEN");
        assertThat(batch.status()).isEqualTo(403);
        assertThat(api().get(COUNTS + "/" + CountKey.of(own).countId()).status()).as("all or nothing").isEqualTo(404);
        assertThat(khmTeam.post(COUNTS, own).status()).isEqualTo(201);
    }

    @Test
    void refusesAWithdrawalOfAnotherCountrysCount() {
        String sen = registerProgramme("SEN");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(sen, "2025-09", 90);
        String countId = api().post(COUNTS, count).json().path("countId").asString();

        ApiClient.Response withdrawal = as(TestTokens.reporter("KHM")).post(COUNTS + "/" + countId + "/withdrawal",
                Map.of("reason", "not ours"));

        assertThat(withdrawal.status()).isEqualTo(403);
        assertThat(api().get(COUNTS + "/" + countId).json().path("withdrawn").asBoolean()).isFalse();
    }

    @Test
    void rejectsTheImportRowsOfAnotherCountryAndImportsTheRest() {
        String khm = registerProgramme("KHM");
        String sen = registerProgramme("SEN");
        String csv = "programmeId,period,targetGroup,measure,total\n"
                + khm + ",2025-10,CHILDREN,ACTIVE,100\n"
                + sen + ",2025-10,CHILDREN,ACTIVE,200\n";
        ApiClient khmTeam = as(TestTokens.reporter("KHM"));

        JsonNode report = khmTeam.send(HttpRequest.newBuilder(URI.create(khmTeam.baseUrl() + COUNTS + "/imports"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)), Map.of()).json();

        assertThat(report.path("created").asLong()).isEqualTo(1);
        assertThat(report.path("rejected").asLong()).isEqualTo(1);
        JsonNode rejection = report.path("rejections").get(0);
        assertThat(rejection.path("line").asLong()).isEqualTo(3);
        assertThat(rejection.path("field").asString()).isEqualTo("programmeId");
        assertThat(rejection.path("message").asString()).contains("SEN");
    }
}
