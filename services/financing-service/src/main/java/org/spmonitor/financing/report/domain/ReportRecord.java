package org.spmonitor.financing.report.domain;

import java.time.Instant;
import java.util.List;

/**
 * The latest version of a financing report as kept, amounts as their exact decimal strings; a
 * WITHDRAWN report keeps the content of its last submission. {@code history} (every version, oldest
 * first) when one report is read, null in lists.
 */
public record ReportRecord(String reportId, long version, ReportStatus status, String country, String period,
        String programmeId, Content current, Instant updatedAt, String updatedBy, List<Revision> history) {

    /** What one submission said. */
    public record Content(String currency, String gdp, String totalGovernmentExpenditure, List<Line> lines) {
    }

    /** One line of a submission: function, funding source, allocated and executed amounts. */
    public record Line(String function, String source, String allocated, String executed) {
    }

    /** One version: a submission (with its content) or a withdrawal (with its reason). */
    public record Revision(long version, Instant at, String by, ReportStatus action, Content report, String reason) {
    }
}
