package org.spmonitor.beneficiary.ingestion.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryCounts;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.beneficiary.Programmes;
import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.beneficiary.ingestion.application.SubmissionIntake;
import org.spmonitor.beneficiary.ingestion.domain.InboundRecord;
import org.spmonitor.beneficiary.ingestion.domain.IntakeRules;
import org.spmonitor.beneficiary.ingestion.store.ParkedSubmissionStore;
import org.spmonitor.beneficiary.ingestion.store.RejectionStore;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.security.InboundTokenVerifier;
import org.spmonitor.testsupport.TestTokens;
import org.spmonitor.testsupport.KafkaProbe;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Integrating systems publish submissions to the inbound topic, exactly as the README tells them. */
class SubmissionIntakeIntegrationTest extends BeneficiaryIntegrationTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ParkedSubmissionStore parked;

    @Autowired
    RejectionStore rejections;

    /** A record as the README describes it: key, JSON value and headers. */
    private static ProducerRecord<String, byte[]> submission(String key, String ceId, String submittedBy, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BENEFICIARY_COUNT_SUBMISSIONS, key,
                json.getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.ID, ceId);
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.TYPE, IntakeRules.SUBMISSION_TYPE);
        header(record, CloudEventHeaders.SOURCE, "/khm/mosvy-mis");
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        header(record, CloudEventHeaders.SUBMITTED_BY, submittedBy);
        header(record, InboundTokenVerifier.HEADER, "Bearer " + TestTokens.token(submittedBy, List.of("admin"), List.of()));
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String json(BeneficiaryCountSubmission submission) {
        return JSON.writeValueAsString(submission);
    }

    private static JsonNode awaitRejection(String originalId) {
        return awaitPayloads(Topics.SUBMISSION_REJECTIONS, subject(originalId), 1).get(0);
    }

    @Test
    void anAcceptedSubmissionBecomesBeneficiaryCountReportedAndRecordsItsSubmitter() {
        String programmeId = registerProgramme("KHM");
        BeneficiaryCountSubmission count = BeneficiaryCounts.activeFemaleHeavy(programmeId);
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(submission("KHM", ceId, "khm-mosvy-mis", json(count)));

        String countId = CountKey.of(count).countId();
        ConsumerRecord<String, byte[]> record = awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS, subject(countId), 1).get(0);
        JsonNode event = JSON.readTree(KafkaProbe.value(record));
        assertThat(event.get("total").asLong()).isEqualTo(1_000);
        List<String> origin = origin(record);
        assertThat(origin.subList(0, 3)).as("the event says who and through which record (ADR 0021)")
                .containsExactly("khm-mosvy-mis", "kafka", ceId);
        assertThat(origin.get(3)).matches(Topics.BENEFICIARY_COUNT_SUBMISSIONS + "/\\d+/\\d+");
        assertThat(event.get("country").asString()).isEqualTo("KHM");
        JsonNode version = api().get("/api/v1/beneficiary-counts/" + countId).json().get("history").get(0);
        assertThat(version.get("by").asString()).as("the identity its token proves").isEqualTo("khm-mosvy-mis");
        assertThat(version.get("channel").asString()).isEqualTo("kafka");
        assertThat(version.get("reference").asString()).isEqualTo(ceId);
    }

    private static ProducerRecord<String, byte[]> withToken(ProducerRecord<String, byte[]> record, String token) {
        record.headers().remove(InboundTokenVerifier.HEADER);
        if (token != null) {
            header(record, InboundTokenVerifier.HEADER, "Bearer " + token);
        }
        return record;
    }

    @Test
    void aSubmissionWithoutATokenIsRefusedAndStoresNothing() {
        String programmeId = registerProgramme("KHM");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025-04", 41);
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(withToken(submission("KHM", ceId, "khm-mis", json(count)), null));

        JsonNode reason = awaitRejection(ceId).get("reasons").get(0);
        assertThat(reason.get("field").asString()).isEqualTo("header authorization");
        assertThat(api().get("/api/v1/beneficiary-counts/" + CountKey.of(count).countId()).status()).isEqualTo(404);
    }

    @Test
    void aSystemAuthorisedForAnotherCountryIsRefusedLikeOnTheRestApi() {
        String programmeId = registerProgramme("KHM");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025-05", 42);
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(withToken(submission("KHM", ceId, "sen-mis", json(count)), TestTokens.reporter("SEN")));
        String forged = UUID.randomUUID().toString();
        KafkaProbe.send(withToken(submission("KHM", forged, "khm-mis", json(count)),
                TestTokens.reporter("KHM").replaceAll(".{6}$", "AAAAAA")));
        String viewerId = UUID.randomUUID().toString();
        KafkaProbe.send(withToken(submission("KHM", viewerId, "donor-bi", json(count)), TestTokens.viewer()));

        assertThat(awaitRejection(ceId).get("reasons").findValuesAsString("message"))
                .containsExactly("the submitting system 'test-reporter-SEN' may not write for KHM");
        assertThat(awaitRejection(forged).get("reasons").findValuesAsString("message"))
                .containsExactly("is not a valid token of our issuer");
        assertThat(awaitRejection(viewerId).get("reasons").findValuesAsString("message"))
                .containsExactly("belongs to 'test-viewer', whose role may not submit");
        assertThat(api().get("/api/v1/beneficiary-counts/" + CountKey.of(count).countId()).status()).isEqualTo(404);
    }

    @Test
    void aSystemAuthorisedForTheCountryIsAcceptedAndRecordedAsItsTokenSubject() {
        String programmeId = registerProgramme("KHM");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025-06", 43);
        KafkaProbe.send(withToken(submission("KHM", UUID.randomUUID().toString(), "khm-mis", json(count)),
                TestTokens.reporter("KHM")));

        String countId = CountKey.of(count).countId();
        awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS, subject(countId), 1);
        assertThat(api().get("/api/v1/beneficiary-counts/" + countId).json().get("history").get(0).get("by")
                .asString()).isEqualTo("test-reporter-KHM");
    }

    @Test
    void aSubmissionBreakingTheRulesIsAnsweredOnTheRejectionsTopicWithEveryReason() {
        String programmeId = registerProgramme("SEN");
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(submission("KHM", ceId, "sen-rnu-mis",
                json(BeneficiaryCounts.sexBreakdownExceedingTotal(programmeId))));

        JsonNode rejection = awaitRejection(ceId);
        assertThat(rejection.get("originalId").asString()).isEqualTo(ceId);
        assertThat(rejection.get("originalTopic").asString()).isEqualTo(Topics.BENEFICIARY_COUNT_SUBMISSIONS);
        assertThat(rejection.get("submittedBy").asString()).isEqualTo("sen-rnu-mis");
        assertThat(rejection.get("country").asString()).isEqualTo("SEN");
        assertThat(rejection.get("reasons").findValuesAsString("message")).containsExactly(
                "parts sum to 110 but total is 100");
    }

    @Test
    void aKeyThatIsNotTheProgrammesCountryIsRefused() {
        String programmeId = registerProgramme("UGA");
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(submission("KHM", ceId, "uga-mis", json(BeneficiaryCounts.activeFemaleHeavy(programmeId))));
        JsonNode reason = awaitRejection(ceId).get("reasons").get(0);
        assertThat(reason.get("field").isNull()).as("the whole record is at fault").isTrue();
        assertThat(reason.get("message").asString()).isEqualTo("record key KHM is not the country of programme "
                + programmeId + " (UGA)");
    }

    @Test
    void malformedJsonAndUnknownFieldsAreAnsweredNotDeadLettered() {
        String broken = UUID.randomUUID().toString();
        KafkaProbe.send(submission("KHM", broken, "khm-mis", "{\"programmeId\": \"prg-1\", \"total\": "));
        JsonNode notJson = awaitRejection(broken);
        assertThat(notJson.get("reasons").get(0).get("message").asString()).startsWith("is not valid JSON");

        String misspelt = UUID.randomUUID().toString();
        KafkaProbe.send(submission("KHM", misspelt, "khm-mis", "{\"programmeId\": \"prg-1\", \"period\": \"2025\","
                + " \"targetGroup\": \"CHILDREN\", \"measure\": \"NEW\", \"totl\": 5}"));
        assertThat(awaitRejection(misspelt).get("reasons").findValuesAsString("field")).contains("totl");
    }

    @Test
    void aRecordWithoutIdOrSubmitterIsRefusedQuotingItsCoordinates() {
        String programmeId = registerProgramme("MOZ");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BENEFICIARY_COUNT_SUBMISSIONS, "MOZ",
                json(BeneficiaryCounts.totalOnly(programmeId, "2025", 3)).getBytes(StandardCharsets.UTF_8));
        KafkaProbe.send(record);

        JsonNode rejection = awaitPayloads(Topics.SUBMISSION_REJECTIONS, r -> {
            JsonNode payload = JSON.readTree(KafkaProbe.value(r));
            return "MOZ".equals(payload.path("country").asString())
                    && payload.get("originalId").asString().startsWith(Topics.BENEFICIARY_COUNT_SUBMISSIONS + "/");
        }, 1).get(0);
        assertThat(rejection.get("originalId").asString()).isEqualTo(Topics.BENEFICIARY_COUNT_SUBMISSIONS + "/"
                + rejection.get("originalPartition").asInt() + "/" + rejection.get("originalOffset").asLong());
        assertThat(rejection.get("reasons").get(0).get("message").asString())
                .contains("spmonitor_submitted_by is required");
    }

    @Test
    void aSubmissionArrivingBeforeItsProgrammeIsParkedAndAcceptedWhenTheProgrammeArrives() {
        String programmeId = Programmes.freshId();
        BeneficiaryCountSubmission count = BeneficiaryCounts.activeFemaleHeavy(programmeId);
        KafkaProbe.send(submission("NPL", UUID.randomUUID().toString(), "npl-mis", json(count)));
        await().atMost(PATIENCE).until(() -> !parked.forProgramme(programmeId).isEmpty());

        publish(Programmes.familyPackage(programmeId, "NPL"));

        JsonNode event = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS, subject(CountKey.of(count).countId()), 1)
                .get(0);
        assertThat(event.get("country").asString()).isEqualTo("NPL");
        await().atMost(PATIENCE).until(() -> parked.forProgramme(programmeId).isEmpty());
    }

    @Test
    void aParkedSubmissionWhoseProgrammeNeverArrivesIsRefusedAfterTheMaximumWait() {
        String programmeId = Programmes.freshId();
        String ceId = UUID.randomUUID().toString();
        KafkaProbe.send(submission("ZMB", ceId, "zmb-mis", json(BeneficiaryCounts.totalOnly(programmeId, "2025", 9))));
        await().atMost(PATIENCE).until(() -> !parked.forProgramme(programmeId).isEmpty());

        assertThat(intake.sweep(Instant.now())).as("not waited long enough yet").isZero();
        intake.sweep(Instant.now().plus(25, ChronoUnit.HOURS));

        JsonNode reason = awaitRejection(ceId).get("reasons").get(0);
        assertThat(reason.get("field").asString()).isEqualTo("programmeId");
        assertThat(reason.get("message").asString()).contains("no event about it arrived within PT24H");
        assertThat(parked.forProgramme(programmeId)).isEmpty();
    }

    @Test
    void aRedeliveredRecordIsDecidedOnceAndNeverRevertsALaterVersion() {
        String programmeId = registerProgramme("LKA");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025Q3", 100);
        InboundRecord record = new InboundRecord(Topics.BENEFICIARY_COUNT_SUBMISSIONS, 0, 9_000_000_001L, "LKA",
                "redelivered-" + UUID.randomUUID(), null, "application/json", "lka-mis",
                json(count).getBytes(StandardCharsets.UTF_8), Instant.now(), "Bearer " + TestTokens.admin());
        assertThat(intake.receive(record)).isEqualTo(SubmissionIntake.Decision.ACCEPTED);
        String countId = CountKey.of(count).countId();
        api().post("/api/v1/beneficiary-counts", BeneficiaryCounts.withTotal(count, 120));

        intake.receive(record);

        JsonNode view = api().get("/api/v1/beneficiary-counts/" + countId).json();
        assertThat(view.get("version").asLong()).isEqualTo(2);
        assertThat(view.get("total").asLong()).isEqualTo(120);

        InboundRecord bad = new InboundRecord(Topics.BENEFICIARY_COUNT_SUBMISSIONS, 0, 9_000_000_002L, "LKA", null,
                null, null, "lka-mis", "not json".getBytes(StandardCharsets.UTF_8), Instant.now(),
                "Bearer " + TestTokens.admin());
        intake.receive(bad);
        assertThat(rejections.reject(bad.deliveryId(), new org.spmonitor.events.beneficiary
                .BeneficiaryCountSubmissionRejected(bad.originalId(), bad.topic(), 0, bad.offset(), "LKA", "lka-mis",
                List.of()))).as("already refused once").isFalse();
    }
}
