package org.spmonitor.financing.report.domain;

import org.spmonitor.platform.review.ReviewState;

/** Filters of the list of reports; null means any. {@code review}: the review state (ADR 0019). */
public record ReportFilter(String country, String period, Integer year, String programmeId, String currency,
        ReportStatus status, ReviewState review) {
}
