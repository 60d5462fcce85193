package org.spmonitor.beneficiary.ingestion.domain;

import java.util.Locale;

import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;

/**
 * What an inbound Kafka record must carry besides a valid body (service README, "Kafka integration"):
 * the submitting system's identity, the ISO3 country as record key, JSON content, and, when given, the
 * submission's CloudEvents type. Problems of the envelope concern the whole record (field {@code ""}).
 */
public final class IntakeRules {

    /** The CloudEvents type integrators may put in {@code ce_type}. */
    public static final String SUBMISSION_TYPE = "org.spmonitor.beneficiaries.BeneficiaryCountSubmission.v1";
    static final int MAX_SUBMITTER_LENGTH = 200;

    public static void checkEnvelope(InboundRecord record, Violations violations) {
        String by = record.submittedBy();
        violations.check(by != null && !by.isBlank() && by.length() <= MAX_SUBMITTER_LENGTH, "",
                () -> "header " + CloudEventHeaders.SUBMITTED_BY + " is required: the identity of the submitting"
                        + " system (1 to " + MAX_SUBMITTER_LENGTH + " characters)");
        violations.check(Countries.isIso3(record.key()), "", () -> "record key must be the ISO 3166-1 alpha-3"
                + " country of the programme (e.g. KHM), was " + (record.key() == null ? "none" : "'" + record.key() + "'"));
        String contentType = record.contentType();
        violations.check(contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith(CloudEventHeaders.APPLICATION_JSON), "",
                () -> "header content-type must be application/json, was '" + contentType + "'");
        String type = record.ceType();
        violations.check(type == null || SUBMISSION_TYPE.equals(type), "",
                () -> "header ce_type must be " + SUBMISSION_TYPE + " (or absent), was '" + type + "'");
        violations.check(record.value() != null && record.value().length > 0, "", () -> "record has no value");
    }

    /** The record key must be the programme's country (the country rules of security build on this). */
    public static void checkCountry(InboundRecord record, KnownProgramme programme, Violations violations) {
        violations.check(programme.country().equals(record.key()), "", () -> "record key " + record.key()
                + " is not the country of programme " + programme.id() + " (" + programme.country() + ")");
    }

    private IntakeRules() {
    }
}
