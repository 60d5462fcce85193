package org.spmonitor.financing.report.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.report.domain.ReportRecord;
import org.spmonitor.financing.report.domain.ReportStatus;
import org.spmonitor.platform.review.ReviewState;

/** A financing report as the API shows it: amounts as decimal strings, history when asked for one report. */
@Schema(name = "FinancingReport", description = "The latest version of a financing report. Amounts are decimal "
        + "strings in the report's currency. A WITHDRAWN report keeps the content of its last submission. history "
        + "(every version, oldest first) is given when one report is read, not in lists. review is its review state "
        + "(SUBMITTED, VALIDATED, RETURNED; ADR 0019), reviewedVersion the version whose amounts it holds (the one a "
        + "review names), reviewComment, reviewedBy and reviewedAt those of the last review.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record FinancingReportView(String reportId, long version, ReportStatus status, String country, String period,
        String currency, String gdp, String totalGovernmentExpenditure, String programmeId, List<LineView> lines,
        Instant updatedAt, String updatedBy, ReviewState review, long reviewedVersion, String reviewComment,
        String reviewedBy, Instant reviewedAt, List<VersionView> history) {

    @Schema(name = "FinancingLine")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineView(String function, String source, String allocated, String executed) {
    }

    @Schema(name = "FinancingReportContent", description = "The content of one submitted version")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContentView(String currency, String gdp, String totalGovernmentExpenditure, List<LineView> lines) {
    }

    @Schema(name = "FinancingReportVersion", description = "One version: a submission (with its content), a "
            + "withdrawal (with its reason) or a review (review VALIDATED or RETURNED, with the validator's comment); "
            + "channel: api, api-batch or import-csv; reference: the import id (versions stored before ADR 0021 have "
            + "neither)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionView(long version, Instant at, String by, ReportStatus action, ContentView report, String reason,
            String review, String comment, String channel, String reference) {
    }

    static FinancingReportView of(ReportRecord report) {
        ReportRecord.Content current = report.current();
        return new FinancingReportView(report.reportId(), report.version(), report.status(),
                report.country(), report.period(), current.currency(), current.gdp(),
                current.totalGovernmentExpenditure(), report.programmeId(), lines(current),
                report.updatedAt(), report.updatedBy(), report.review().state(), report.review().figuresVersion(),
                report.review().comment(), report.review().by(), report.review().at(),
                report.history() == null ? null : report.history().stream()
                        .map(v -> new VersionView(v.version(), v.at(), v.by(), v.action(), v.report() == null ? null
                                : new ContentView(v.report().currency(), v.report().gdp(),
                                        v.report().totalGovernmentExpenditure(), lines(v.report())), v.reason(),
                                v.review(), v.comment(), v.channel(), v.reference()))
                        .toList());
    }

    private static List<LineView> lines(ReportRecord.Content report) {
        return report.lines().stream().map(l -> new LineView(l.function(), l.source(), l.allocated(), l.executed()))
                .toList();
    }
}
