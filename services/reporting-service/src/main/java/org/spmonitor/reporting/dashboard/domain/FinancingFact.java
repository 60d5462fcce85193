package org.spmonitor.reporting.dashboard.domain;

import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.platform.reference.ReportingPeriod;

/** The latest live version of a financing report. */
public record FinancingFact(FinancingReportSubmitted report, ReportingPeriod period) {

    public static FinancingFact of(FinancingReportSubmitted report) {
        return new FinancingFact(report, ReportingPeriod.parse(report.period())
                .orElseThrow(() -> new IllegalArgumentException("bad period " + report.period())));
    }

    /** Reports of one country and programme (or of no programme) form one series over time. */
    public String series() {
        return report.country() + "|" + report.programmeId();
    }
}
