package org.spmonitor.events.beneficiary;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/**
 * Why an inbound submission was refused. {@code originalId} is the {@code ce_id} header of the
 * refused record, or {@code topic/partition/offset} when it had none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeneficiaryCountSubmissionRejected(
        String originalId,
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String country,
        String submittedBy,
        List<Reason> reasons) implements DomainEvent {

    /** One refusal reason: the field (JSON path) at fault, or {@code null} for the whole record. */
    public record Reason(String field, String message) {
    }

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return originalId;
    }

    @Override
    public long version() {
        return 1;
    }
}
