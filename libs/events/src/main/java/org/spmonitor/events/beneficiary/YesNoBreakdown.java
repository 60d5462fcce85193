package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Counts split by a yes/no attribute (with disability, in the informal economy); parts sum to the total. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record YesNoBreakdown(Long yes, Long no, Long unknown) {

    public long sum() {
        return Breakdowns.sum(yes, no, unknown);
    }
}
