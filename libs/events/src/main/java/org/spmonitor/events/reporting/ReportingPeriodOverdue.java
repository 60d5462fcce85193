package org.spmonitor.events.reporting;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.ReportingFrequency;

/**
 * A programme's data for a reporting period is past its due date and still (partly) missing: published
 * once per (programme, period, dataset), for integrators such as a reminder mailer (ADR 0020).
 * {@code missing} names what was missing when it was found overdue: {@code <targetGroup>/<measure>}
 * for beneficiary counts, indicator codes for indicator results, {@code report} for financing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportingPeriodOverdue(
        String programmeId,
        long version,
        String country,
        String period,
        ReportingDataset dataset,
        ReportingFrequency reportingFrequency,
        int dueLagDays,
        LocalDate dueDate,
        int expected,
        int received,
        List<String> missing) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return programmeId + "/" + period + "/" + dataset;
    }
}
