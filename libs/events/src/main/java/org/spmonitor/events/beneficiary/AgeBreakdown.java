package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Counts by age group {@code 0-17}, {@code 18-64}, {@code 65+}, {@code unknown}; when given, the parts sum to the total. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgeBreakdown(
        @JsonProperty("0-17") Long children,
        @JsonProperty("18-64") Long workingAge,
        @JsonProperty("65+") Long older,
        @JsonProperty("unknown") Long unknown) {

    public long sum() {
        return Breakdowns.sum(children, workingAge, older, unknown);
    }
}
