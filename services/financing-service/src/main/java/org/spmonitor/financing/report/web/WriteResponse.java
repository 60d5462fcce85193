package org.spmonitor.financing.report.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.common.domain.Outcome;
import org.spmonitor.financing.common.domain.Warning;
import org.spmonitor.financing.report.domain.ReportStatus;

/** What a submission or withdrawal did. */
@Schema(name = "FinancingReportWriteResult", description = "What a submission or withdrawal did: the report's "
        + "status and version after it, and the outcome: CREATED (version 1), UPDATED (a new version) or UNCHANGED "
        + "(same content as the latest version; nothing new is published). "
        + "Warnings point at accepted figures worth a second look.")
record WriteResponse(String reportId, long version, ReportStatus status, Outcome outcome, List<Warning> warnings) {
}
