package org.spmonitor.reporting.completeness.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.spmonitor.events.reporting.ReportingDataset;

/**
 * Completeness and timeliness of a country's reporting for a year (ADR 0020), as of {@code asOf} (the
 * clock that judges what is overdue): totals, per dataset, per period and dataset, per programme, and
 * the obligations past due with data missing ({@code owed}).
 */
public record CountryCompleteness(String country, int year, Instant asOf, Tally total,
        Map<ReportingDataset, Tally> datasets, List<PeriodCompleteness> periods, List<ProgrammeCompleteness> programmes,
        List<Obligation> owed) {
}
