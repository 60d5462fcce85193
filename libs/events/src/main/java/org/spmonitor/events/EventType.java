package org.spmonitor.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountReturned;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmissionRejected;
import org.spmonitor.events.beneficiary.BeneficiaryCountValidated;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportReturned;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportValidated;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.IndicatorResultReturned;
import org.spmonitor.events.programme.IndicatorResultValidated;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.events.reporting.DashboardUpdated;
import org.spmonitor.events.reporting.ReportingPeriodOverdue;

/**
 * The event catalogue: CloudEvents type, topic and payload record of every event we publish.
 * Type names are {@code org.spmonitor.<context>.<EventName>.v1}.
 */
public enum EventType {

    PROGRAMME_REGISTERED("programmes", "ProgrammeRegistered", Topics.PROGRAMME_EVENTS, ProgrammeRegistered.class),
    PROGRAMME_UPDATED("programmes", "ProgrammeUpdated", Topics.PROGRAMME_EVENTS, ProgrammeUpdated.class),
    MILESTONE_REPORTED("programmes", "MilestoneReported", Topics.PROGRAMME_EVENTS, MilestoneReported.class),
    INDICATOR_RESULT_REPORTED("programmes", "IndicatorResultReported", Topics.PROGRAMME_EVENTS,
            IndicatorResultReported.class),
    INDICATOR_RESULT_VALIDATED("programmes", "IndicatorResultValidated", Topics.PROGRAMME_EVENTS,
            IndicatorResultValidated.class),
    INDICATOR_RESULT_RETURNED("programmes", "IndicatorResultReturned", Topics.PROGRAMME_EVENTS,
            IndicatorResultReturned.class),
    FINANCING_REPORT_SUBMITTED("financing", "FinancingReportSubmitted", Topics.FINANCING_REPORT_EVENTS,
            FinancingReportSubmitted.class),
    FINANCING_REPORT_WITHDRAWN("financing", "FinancingReportWithdrawn", Topics.FINANCING_REPORT_EVENTS,
            FinancingReportWithdrawn.class),
    FINANCING_REPORT_VALIDATED("financing", "FinancingReportValidated", Topics.FINANCING_REPORT_EVENTS,
            FinancingReportValidated.class),
    FINANCING_REPORT_RETURNED("financing", "FinancingReportReturned", Topics.FINANCING_REPORT_EVENTS,
            FinancingReportReturned.class),
    EXCHANGE_RATE_PUBLISHED("financing", "ExchangeRatePublished", Topics.FINANCING_REPORT_EVENTS,
            ExchangeRatePublished.class),
    BENEFICIARY_COUNT_REPORTED("beneficiaries", "BeneficiaryCountReported", Topics.BENEFICIARY_COUNT_EVENTS,
            BeneficiaryCountReported.class),
    BENEFICIARY_COUNT_WITHDRAWN("beneficiaries", "BeneficiaryCountWithdrawn", Topics.BENEFICIARY_COUNT_EVENTS,
            BeneficiaryCountWithdrawn.class),
    BENEFICIARY_COUNT_VALIDATED("beneficiaries", "BeneficiaryCountValidated", Topics.BENEFICIARY_COUNT_EVENTS,
            BeneficiaryCountValidated.class),
    BENEFICIARY_COUNT_RETURNED("beneficiaries", "BeneficiaryCountReturned", Topics.BENEFICIARY_COUNT_EVENTS,
            BeneficiaryCountReturned.class),
    BENEFICIARY_COUNT_SUBMISSION_REJECTED("beneficiaries", "BeneficiaryCountSubmissionRejected",
            Topics.SUBMISSION_REJECTIONS, BeneficiaryCountSubmissionRejected.class),
    DASHBOARD_UPDATED("reporting", "DashboardUpdated", Topics.DASHBOARD_UPDATES, DashboardUpdated.class),
    REPORTING_PERIOD_OVERDUE("reporting", "ReportingPeriodOverdue", Topics.COMPLETENESS_EVENTS,
            ReportingPeriodOverdue.class);

    private final String context;
    private final String eventName;
    private final String topic;
    private final Class<? extends DomainEvent> payloadType;

    EventType(String context, String eventName, String topic, Class<? extends DomainEvent> payloadType) {
        this.context = context;
        this.eventName = eventName;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code org.spmonitor.beneficiaries.BeneficiaryCountReported.v1}. */
    public String typeName() {
        return "org.spmonitor." + context + "." + eventName + ".v1";
    }

    public String eventName() {
        return eventName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends DomainEvent> payloadType() {
        return payloadType;
    }

    /** Classpath location of the JSON Schema of the payload. */
    public String schemaResource() {
        return "/schemas/" + eventName + ".v1.schema.json";
    }

    /** Classpath location of the golden payload that pins the wire format. */
    public String goldenResource() {
        return "/golden/" + eventName + ".v1.json";
    }

    /** The {@code ce_dataschema} URI we publish. */
    public String dataSchema() {
        return "https://spmonitor.org/schemas/" + eventName + ".v1.schema.json";
    }

    /** The type named by a CloudEvents {@code ce_type} (looked up for every record a consumer reads). */
    public static Optional<EventType> fromTypeName(String typeName) {
        return Optional.ofNullable(typeName == null ? null : ByTypeName.TYPES.get(typeName));
    }

    public static EventType of(DomainEvent event) {
        EventType type = ByTypeName.PAYLOADS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a catalogued event: " + event.getClass());
        }
        return type;
    }

    /** The lookups, built once the constants exist. */
    private static final class ByTypeName {

        static final Map<String, EventType> TYPES = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::typeName, t -> t));

        static final Map<Class<?>, EventType> PAYLOADS = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(t -> t.payloadType, t -> t));
    }
}
