package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.TargetGroup;

/**
 * A validator of the count's country returned one version of a beneficiary count to its reporter with a comment: the count is RETURNED until the reporter corrects it (a new report makes it SUBMITTED).
 * The review is a version of its own: {@code version} is {@code reviewedVersion + 1}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeneficiaryCountReturned(
        String countId,
        long version,
        long reviewedVersion,
        String programmeId,
        String country,
        String period,
        TargetGroup targetGroup,
        Measure measure,
        String returnedBy,
        String comment) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return countId;
    }
}
