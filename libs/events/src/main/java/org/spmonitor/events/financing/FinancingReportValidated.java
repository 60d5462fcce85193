package org.spmonitor.events.financing;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;

/**
 * A validator of the report's country validated one version of a financing report: the amounts of {@code reviewedVersion} are validated and the validated view shows them. A later submission makes the report SUBMITTED again.
 * The review is a version of its own: {@code version} is the report's version after it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinancingReportValidated(
        String reportId,
        long version,
        long reviewedVersion,
        String country,
        String period,
        String programmeId,
        String validatedBy,
        String comment) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return reportId;
    }
}
