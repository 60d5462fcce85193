package org.spmonitor.events.programme;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;

/**
 * A validator of the programme's country validated the actual value of a results indicator for a period: the value reported in programme version {@code reviewedVersion} is validated. A later value for that period makes the result SUBMITTED again.
 * The review is a version of the programme: {@code version} is the programme's version after it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorResultValidated(
        String programmeId,
        long version,
        long reviewedVersion,
        String country,
        String indicatorCode,
        String period,
        String validatedBy,
        String comment) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return programmeId;
    }
}
