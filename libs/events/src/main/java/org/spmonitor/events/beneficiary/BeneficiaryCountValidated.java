package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.TargetGroup;

/**
 * A validator of the count's country validated one version of a beneficiary count: the figures of {@code reviewedVersion} are validated. A later report makes the count SUBMITTED again.
 * The review is a version of its own: {@code version} is {@code reviewedVersion + 1}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeneficiaryCountValidated(
        String countId,
        long version,
        long reviewedVersion,
        String programmeId,
        String country,
        String period,
        TargetGroup targetGroup,
        Measure measure,
        String validatedBy,
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
