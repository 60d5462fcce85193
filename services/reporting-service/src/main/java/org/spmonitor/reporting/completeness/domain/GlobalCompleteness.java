package org.spmonitor.reporting.completeness.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.spmonitor.events.reporting.ReportingDataset;

/** Completeness of every country's reporting for a year: the world's totals and one row per country. */
public record GlobalCompleteness(int year, Instant asOf, Tally total, Map<ReportingDataset, Tally> datasets,
        List<CountryRow> countries) {

    /** A country's totals, per dataset, and how many obligations it owes past their due date. */
    public record CountryRow(String country, Tally total, Map<ReportingDataset, Tally> datasets, int owed) {
    }
}
