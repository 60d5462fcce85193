package org.spmonitor.events.financing;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;

/**
 * A validator of the report's country returned one version of a financing report to its reporter with a comment: it is RETURNED until the reporter corrects it (a new submission makes it SUBMITTED again).
 * The review is a version of its own: {@code version} is the report's version after it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinancingReportReturned(
        String reportId,
        long version,
        long reviewedVersion,
        String country,
        String period,
        String programmeId,
        String returnedBy,
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
