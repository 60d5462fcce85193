package org.spmonitor.financing.report.web;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.financing.report.domain.ReportSubmission;

/** The body of {@code POST /api/v1/financing-reports}. */
@Schema(name = "FinancingReportSubmission", description = "An SP&PFM financing report. Its natural key is "
        + "(country, period, programmeId); submitting the same key again makes a new version. Amounts are decimals "
        + "in the report's currency, sent as JSON strings (recommended: \"1250000000.50\") or JSON numbers, read "
        + "exactly (never through binary floating point), 0 or more, at most 4 decimal places, below 10^20.")
record FinancingReportRequest(
        @Schema(description = "ISO 3166-1 alpha-3 country code", example = "KHM", requiredMode = RequiredMode.REQUIRED)
        String country,
        @Schema(description = "Period: a year (2025), a quarter (2025Q1) or a month (2025-01); the DHIS2 month form "
                + "202501 is accepted and normalised", example = "2025", requiredMode = RequiredMode.REQUIRED)
        String period,
        @Schema(description = "ISO 4217 code of the currency of every amount in the report", example = "KHR",
                requiredMode = RequiredMode.REQUIRED)
        String currency,
        @Schema(description = "Gross domestic product of the report's year, in the report's currency; greater than 0",
                type = "string", format = "decimal", example = "190500000000000.00")
        BigDecimal gdp,
        @Schema(description = "Total government expenditure of the report's year, in the report's currency; greater "
                + "than 0", type = "string", format = "decimal", example = "31200000000000.00")
        BigDecimal totalGovernmentExpenditure,
        @Schema(description = "The programme this report is about, if any; it must be known and belong to the "
                + "report's country. Leave it out for a whole-country report.", example = "prg-7k2m9q4x3t1a")
        String programmeId,
        @Schema(description = "One line per (function, source), at least one", requiredMode = RequiredMode.REQUIRED)
        List<LineRequest> lines) {

    @Schema(name = "FinancingLineSubmission", description = "Allocated and executed amounts of one function and "
            + "funding source; give allocated, executed or both. Executed above allocated is accepted with a warning.")
    record LineRequest(
            @Schema(description = "A C102 branch, or HEALTH, GENERAL_SOCIAL_ASSISTANCE, ADMINISTRATION",
                    example = "FAMILY", requiredMode = RequiredMode.REQUIRED)
            FinancingFunction function,
            @Schema(description = "Where the money came from", example = "DOMESTIC_TAX",
                    requiredMode = RequiredMode.REQUIRED)
            FundingSource source,
            @Schema(description = "Budget allocated, 0 or more, at most 4 decimal places", type = "string",
                    format = "decimal", example = "1250000000000.50")
            BigDecimal allocated,
            @Schema(description = "Budget executed (spent), 0 or more, at most 4 decimal places", type = "string",
                    format = "decimal", example = "987654321000.25")
            BigDecimal executed) {
    }

    ReportSubmission toSubmission() {
        return new ReportSubmission(country, period, currency, gdp, totalGovernmentExpenditure, programmeId,
                lines == null ? null : lines.stream().map(l -> l == null ? null
                        : new ReportSubmission.Line(l.function(), l.source(), l.allocated(), l.executed())).toList());
    }
}
