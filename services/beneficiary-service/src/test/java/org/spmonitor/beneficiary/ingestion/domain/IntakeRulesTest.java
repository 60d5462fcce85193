package org.spmonitor.beneficiary.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.Programmes;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

class IntakeRulesTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private static InboundRecord record(String key, String ceType, String contentType, String submittedBy) {
        return new InboundRecord("t", 0, 7, key, "id-1", ceType, contentType, submittedBy, BODY, null, null);
    }

    @Test
    void acceptsTheEnvelopeTheReadmeDescribes() {
        Violations violations = new Violations();
        IntakeRules.checkEnvelope(record("KHM", IntakeRules.SUBMISSION_TYPE, "application/json", "khm-mis"),
                violations);
        assertThat(violations.list()).isEmpty();
    }

    @Test
    void refusesARecordWithoutSubmitterOrCountryKeyOrWithAnotherTypeOrContent() {
        Violations violations = new Violations();
        IntakeRules.checkEnvelope(record("kh", "org.example.Other", "text/csv", null), violations);
        assertThat(violations.list()).extracting(FieldViolation::message).satisfiesExactly(
                m -> assertThat(m).contains("spmonitor_submitted_by is required"),
                m -> assertThat(m).contains("record key must be the ISO 3166-1 alpha-3"),
                m -> assertThat(m).contains("content-type must be application/json"),
                m -> assertThat(m).contains("ce_type must be"));
    }

    @Test
    void refusesAKeyThatIsNotTheProgrammesCountry() {
        Violations violations = new Violations();
        IntakeRules.checkCountry(record("SEN", null, null, "x"), Programmes.known("prg-1", "KHM"), violations);
        assertThat(violations.list()).singleElement().extracting(FieldViolation::message)
                .isEqualTo("record key SEN is not the country of programme prg-1 (KHM)");
    }

    @Test
    void quotesTheCeIdOrElseTheRecordsCoordinates() {
        assertThat(record("KHM", null, null, "x").originalId()).isEqualTo("id-1");
        assertThat(new InboundRecord("t", 2, 9, "KHM", null, null, null, "x", BODY, null, null).originalId()).isEqualTo("t/2/9");
    }
}
