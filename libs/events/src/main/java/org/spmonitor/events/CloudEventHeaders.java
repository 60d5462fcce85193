package org.spmonitor.events;

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the event attributes travel as
 * {@code ce_*} headers, the payload is the record value, {@code content-type} names its media type.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    /**
     * W3C Trace Context of the event: the trace of the request (or import, or inbound submission) that
     * caused it, {@code 00-<trace id>-<parent span id>-<flags>}. On every published event; an inbound
     * submission that carries one keeps its trace.
     */
    public static final String TRACEPARENT = "traceparent";

    /** Identity of the system that published an inbound submission (see README, integrators). */
    public static final String SUBMITTED_BY = "spmonitor_submitted_by";

    /*
     * Where a canonical event came from (issue 14, audit trail; ADR 0021): CloudEvents extension
     * attributes set where the outbox records the event, on the events of beneficiary counts (reports,
     * withdrawals, reviews). Optional: events written before they existed, and events of other
     * aggregates, may lack them.
     */

    /**
     * Who made the change: the subject of the caller's bearer token (a person or a client id), the
     * validator of a review, or the {@value #SUBMITTED_BY} of an inbound Kafka submission.
     */
    public static final String ACTOR = "ce_actor";

    /**
     * Through which channel: {@code api} (one REST request), {@code api-batch} (a REST batch, a bulk
     * review), {@code import-csv}, {@code import-dhis2} or {@code kafka} (the inbound submissions topic).
     */
    public static final String CHANNEL = "ce_channel";

    /** What the channel names the change by: the import id of an import, the {@code ce_id} of an inbound record. */
    public static final String CHANNEL_REF = "ce_channelref";

    /** For {@code kafka}: the inbound record's coordinates, {@code <topic>/<partition>/<offset>}. */
    public static final String SOURCE_RECORD = "ce_sourcerecord";

    private CloudEventHeaders() {
    }
}
