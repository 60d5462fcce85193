package org.spmonitor.financing.report.domain;

/** Filters of the list of reports; null means any. */
public record ReportFilter(String country, String period, Integer year, String programmeId, String currency,
        ReportStatus status) {
}
