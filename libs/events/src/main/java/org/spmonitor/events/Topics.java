package org.spmonitor.events;

/** Kafka topic names of the public contract (DESIGN.md, "Public contract v1"). */
public final class Topics {

    public static final String PROGRAMME_EVENTS = "programmes.programme-events.v1";
    public static final String FINANCING_REPORT_EVENTS = "financing.financing-report-events.v1";
    public static final String BENEFICIARY_COUNT_EVENTS = "beneficiaries.beneficiary-count-events.v1";
    /** Inbound: integrating systems publish beneficiary count submissions here. */
    public static final String BENEFICIARY_COUNT_SUBMISSIONS = "beneficiaries.beneficiary-count-submissions.v1";
    /** Why an inbound submission was refused, with the original record's id. */
    public static final String SUBMISSION_REJECTIONS = "beneficiaries.submission-rejections.v1";
    public static final String DASHBOARD_UPDATES = "reporting.dashboard-updates.v1";
    /** Reporting obligations: a programme's period past its due date with data missing (ADR 0020). */
    public static final String COMPLETENESS_EVENTS = "reporting.completeness-events.v1";

    /** Suffix of the dead-letter topic that receives poison records of a consumed topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static String deadLetterTopicOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private Topics() {
    }
}
