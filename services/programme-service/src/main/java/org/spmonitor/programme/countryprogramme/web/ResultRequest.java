package org.spmonitor.programme.countryprogramme.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.programme.countryprogramme.domain.ResultReport;

/** The body of {@code POST /api/v1/programmes/{id}/indicator-results}. */
@Schema(name = "IndicatorResult", title = "Indicator result")
record ResultRequest(
        @Schema(description = "Code of an indicator defined for the programme", example = "SDG-1.3.1",
                requiredMode = Schema.RequiredMode.REQUIRED) String indicatorCode,
        @Schema(description = "A year (2025), a quarter (2025Q1) or a month (2025-01) that has begun and lies "
                + "inside the programme's dates", example = "2025", requiredMode = Schema.RequiredMode.REQUIRED)
        String period,
        @Schema(description = "The actual value, a decimal as a JSON string or number; at most 6 decimal places",
                type = "string", example = "31.6", requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal actualValue) {

    ResultReport toReport() {
        return new ResultReport(indicatorCode, period, actualValue);
    }
}
