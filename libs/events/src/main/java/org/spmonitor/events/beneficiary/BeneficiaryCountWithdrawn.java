package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.TargetGroup;

/** A beneficiary count was withdrawn: dashboards no longer include it. A later report revives it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeneficiaryCountWithdrawn(
        String countId,
        long version,
        String programmeId,
        String country,
        String period,
        TargetGroup targetGroup,
        Measure measure,
        String reason) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return countId;
    }
}
