package org.spmonitor.events.financing;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.DomainEvent;

/** A financing report was withdrawn: dashboards no longer include it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinancingReportWithdrawn(
        String reportId,
        long version,
        String country,
        String period,
        String reason) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return reportId;
    }
}
