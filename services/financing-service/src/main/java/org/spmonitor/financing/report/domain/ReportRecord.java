package org.spmonitor.financing.report.domain;

import java.time.Instant;
import java.util.List;

import org.spmonitor.platform.review.ReviewState;

/**
 * The latest version of a financing report as kept, amounts as their exact decimal strings; a
 * WITHDRAWN report keeps the content of its last submission. {@code history} (every version, oldest
 * first) when one report is read, null in lists.
 */
public record ReportRecord(String reportId, long version, ReportStatus status, String country, String period,
        String programmeId, Content current, Instant updatedAt, String updatedBy, List<Revision> history,
        ReviewStatus review) {

    /**
     * Where the report stands in its review (ADR 0019): the state, the version whose amounts it holds, and
     * the last review's comment, reviewer and time (null before any review).
     */
    public record ReviewStatus(ReviewState state, long figuresVersion, String comment, String by, Instant at) {
    }

    /** What one submission said. */
    public record Content(String currency, String gdp, String totalGovernmentExpenditure, List<Line> lines) {
    }

    /** One line of a submission: function, funding source, allocated and executed amounts. */
    public record Line(String function, String source, String allocated, String executed) {
    }

    /**
     * One version: a submission (with its content), a withdrawal (with its reason) or a review
     * ({@code review} VALIDATED or RETURNED, with the validator's comment), through which {@code channel}
     * (api, api-batch, import-csv) and {@code reference} (the import id).
     */
    public record Revision(long version, Instant at, String by, ReportStatus action, Content report, String reason,
            String review, String comment, String channel, String reference) {
    }
}
