package org.spmonitor.beneficiary.count.domain;

import org.spmonitor.platform.events.EventOrigin;

/**
 * Who changed a count and through which channel, kept with every version.
 *
 * @param by the caller (REST principal, or the {@code spmonitor_submitted_by} of a Kafka record);
 *        {@code anonymous} until security arrives
 * @param channel {@code api}, {@code api-batch}, {@code import-csv}, {@code import-dhis2} or {@code kafka}
 * @param reference what the caller can look up: the import id, or the Kafka record's {@code ce_id}
 * @param deliveryId for Kafka, {@code topic/partition/offset} of the record: a redelivered record
 *        whose delivery id is already in the history changes nothing
 */
public record Provenance(String by, String channel, String reference, String deliveryId) {

    public static final String ANONYMOUS = "anonymous";

    public static Provenance of(String by, String channel) {
        return new Provenance(by == null ? ANONYMOUS : by, channel, null, null);
    }

    /**
     * What the events of this change say of it: the {@code ce_actor}, {@code ce_channel},
     * {@code ce_channelref} and {@code ce_sourcerecord} headers (ADR 0021).
     */
    public EventOrigin origin() {
        return new EventOrigin(by, channel, reference, deliveryId);
    }

    public Provenance withReference(String newReference) {
        return new Provenance(by, channel, newReference, deliveryId);
    }
}
