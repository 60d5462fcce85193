package org.spmonitor.beneficiary.ingestion.domain;

import java.time.Instant;

/**
 * A record read from {@code beneficiaries.beneficiary-count-submissions.v1}, with what the intake
 * needs of its headers. {@code value} is the raw payload (may be anything, even not JSON).
 * {@code traceparent} is its W3C trace context header, null when it had none: the events its decision
 * emits continue that trace.
 */
public record InboundRecord(String topic, int partition, long offset, String key, String ceId, String ceType,
        String contentType, String submittedBy, byte[] value, Instant publishedAt, String authorization,
        String traceparent) {

    /** A record without a trace context. */
    public InboundRecord(String topic, int partition, long offset, String key, String ceId, String ceType,
            String contentType, String submittedBy, byte[] value, Instant publishedAt, String authorization) {
        this(topic, partition, offset, key, ceId, ceType, contentType, submittedBy, value, publishedAt, authorization,
                null);
    }

    /** {@code topic/partition/offset}: unique for the record, the same on every redelivery. */
    public String deliveryId() {
        return topic + "/" + partition + "/" + offset;
    }

    /** The id a rejection quotes: the record's {@code ce_id}, or its delivery id when it had none. */
    public String originalId() {
        return ceId != null && !ceId.isBlank() ? ceId : deliveryId();
    }
}
