package org.spmonitor.financing.report.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.financing.report.domain.ReportStatus;
import org.spmonitor.platform.write.WriteOutcome;

/** What a submission or withdrawal did. */
@Schema(name = "FinancingReportWriteResult", description = "What a submission or withdrawal did: the report's "
        + "status and version after it, and the outcome: CREATED (version 1), UPDATED (a new version) or UNCHANGED "
        + "(same content as the latest version; nothing new is published). "
        + "Warnings point at accepted figures worth a second look.")
record WriteResponse(String reportId, long version, ReportStatus status, WriteOutcome outcome, List<Warning> warnings) {
}
