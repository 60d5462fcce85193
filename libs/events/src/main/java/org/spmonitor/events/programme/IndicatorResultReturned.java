package org.spmonitor.events.programme;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;

/**
 * A validator of the programme's country returned the actual value of a results indicator for a period with a comment: it is RETURNED until the reporter reports the value again (which makes it SUBMITTED).
 * The review is a version of the programme: {@code version} is the programme's version after it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorResultReturned(
        String programmeId,
        long version,
        long reviewedVersion,
        String country,
        String indicatorCode,
        String period,
        String returnedBy,
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
