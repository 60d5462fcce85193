package org.spmonitor.financing.report.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.report.store.ReportDocument.Status;
import org.spmonitor.financing.report.store.ReportDocument.StoredReport;
import org.spmonitor.financing.report.store.ReportDocument;

/** A financing report as the API shows it: amounts as decimal strings, history when asked for one report. */
@Schema(name = "FinancingReport", description = "The latest version of a financing report. Amounts are decimal "
        + "strings in the report's currency. A WITHDRAWN report keeps the content of its last submission. history "
        + "(every version, oldest first) is given when one report is read, not in lists.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record FinancingReportView(String reportId, long version, Status status, String country, String period,
        String currency, String gdp, String totalGovernmentExpenditure, String programmeId, List<LineView> lines,
        Instant updatedAt, String updatedBy, List<VersionView> history) {

    @Schema(name = "FinancingLine")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineView(String function, String source, String allocated, String executed) {
    }

    @Schema(name = "FinancingReportContent", description = "The content of one submitted version")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContentView(String currency, String gdp, String totalGovernmentExpenditure, List<LineView> lines) {
    }

    @Schema(name = "FinancingReportVersion", description = "One version: a submission (with its content) or a "
            + "withdrawal (with its reason)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionView(long version, Instant at, String by, Status action, ContentView report, String reason) {
    }

    static FinancingReportView of(ReportDocument document, boolean withHistory) {
        StoredReport current = document.getCurrent();
        return new FinancingReportView(document.getId(), document.getVersion(), document.getStatus(),
                document.getCountry(), document.getPeriod(), current.currency(), current.gdp(),
                current.totalGovernmentExpenditure(), document.getProgrammeId(), lines(current),
                document.getUpdatedAt(), document.getUpdatedBy(), withHistory ? document.getHistory().stream()
                        .map(v -> new VersionView(v.version(), v.at(), v.by(), v.action(), v.report() == null ? null
                                : new ContentView(v.report().currency(), v.report().gdp(),
                                        v.report().totalGovernmentExpenditure(), lines(v.report())), v.reason()))
                        .toList() : null);
    }

    private static List<LineView> lines(StoredReport report) {
        return report.lines().stream().map(l -> new LineView(l.function(), l.source(), l.allocated(), l.executed()))
                .toList();
    }
}
