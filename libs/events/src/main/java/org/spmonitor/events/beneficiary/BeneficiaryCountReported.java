package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.TargetGroup;

/**
 * A beneficiary count was reported (first version or a revision). {@code countId} is stable for the
 * natural key (programmeId, period, targetGroup, measure); the highest {@code version} wins.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeneficiaryCountReported(
        String countId,
        long version,
        String programmeId,
        String country,
        String period,
        TargetGroup targetGroup,
        Measure measure,
        long total,
        SexBreakdown sex,
        AgeBreakdown ageGroup,
        YesNoBreakdown withDisability,
        YesNoBreakdown informalEconomy) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return countId;
    }
}
