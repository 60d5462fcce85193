package org.spmonitor.financing.report.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** The optional body of a withdrawal. */
@Schema(name = "FinancingReportWithdrawal", description = "Why the report is withdrawn (optional)")
record WithdrawalRequest(
        @Schema(description = "Why the report is withdrawn, at most 1000 characters",
                example = "Duplicate of the consolidated annual report submitted by the Ministry of Finance and Budget")
        String reason) {
}
