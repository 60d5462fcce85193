package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Counts by sex; when given, the parts sum to the total. A missing part counts as zero. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SexBreakdown(Long female, Long male, Long unknown) {

    public long sum() {
        return Breakdowns.sum(female, male, unknown);
    }
}
