package org.spmonitor.programme.countryprogramme.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.programme.countryprogramme.domain.IndicatorDefinition;
import org.spmonitor.programme.countryprogramme.domain.Measurement;

/** The body of {@code POST /api/v1/programmes/{id}/indicators} and {@code PUT .../indicators/{code}}. */
@Schema(name = "IndicatorDefinition", title = "Indicator definition")
record IndicatorRequest(
        @Schema(description = "Unique within the programme (case ignored): 1 to 50 letters, digits, '.', '-', '_'; "
                + "may be left out on PUT", example = "SDG-1.3.1") String code,
        @Schema(example = "Proportion of population covered by at least one social protection benefit",
                requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(description = "Unit of the values", example = "%", requiredMode = Schema.RequiredMode.REQUIRED)
        String unit,
        @Schema(description = "Value before the programme; optional") MeasurementBody baseline,
        @Schema(description = "Value the programme aims for; optional; its year not before the baseline's")
        MeasurementBody target) {

    IndicatorDefinition toDefinition() {
        return new IndicatorDefinition(code, name, unit, baseline == null ? null : baseline.toMeasurement(),
                target == null ? null : target.toMeasurement());
    }

    @Schema(name = "IndicatorYearValue", title = "Indicator value in a year")
    record MeasurementBody(
            @Schema(description = "A decimal, as a JSON string or number; at most 6 decimal places",
                    type = "string", example = "24.1", requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal value,
            @Schema(example = "2020", requiredMode = Schema.RequiredMode.REQUIRED) Integer year) {

        Measurement toMeasurement() {
            return new Measurement(value, year);
        }
    }
}
