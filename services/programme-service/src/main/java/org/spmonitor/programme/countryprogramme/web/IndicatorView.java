package org.spmonitor.programme.countryprogramme.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.programme.countryprogramme.domain.Indicator;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.programme.countryprogramme.domain.IndicatorResult;
import org.spmonitor.programme.countryprogramme.domain.Measurement;

/** A results indicator with its actual values in period order. Decimals are strings, as on the topic. */
@Schema(name = "Indicator")
@JsonInclude(JsonInclude.Include.NON_NULL)
record IndicatorView(
        @Schema(example = "SDG-1.3.1") String code,
        String name,
        @Schema(example = "%") String unit,
        MeasurementView baseline,
        MeasurementView target,
        List<ResultView> results) {

    static IndicatorView of(Indicator indicator) {
        return new IndicatorView(indicator.code(), indicator.name(), indicator.unit(),
                MeasurementView.of(indicator.baseline()), MeasurementView.of(indicator.target()),
                indicator.results().stream().map(ResultView::of).toList());
    }

    @Schema(name = "IndicatorYearValueView", title = "Indicator value in a year (read)")
    record MeasurementView(@Schema(example = "24.1") String value, @Schema(example = "2020") Integer year) {

        static MeasurementView of(Measurement measurement) {
            return measurement == null ? null
                    : new MeasurementView(measurement.value().toPlainString(), measurement.year());
        }
    }

    @Schema(name = "IndicatorResultView", title = "Indicator result (read)", description = "version: the programme "
            + "version of the result's last change (its report or its last review), the version a review names; "
            + "reportedVersion: the programme version that reported the value; review: SUBMITTED, VALIDATED or "
            + "RETURNED (ADR 0019), with the last review's comment, reviewer and time")
    record ResultView(@Schema(example = "2025") String period, @Schema(example = "31.6") String actualValue,
            Instant reportedAt, String reportedBy, Long version, Long reportedVersion, ReviewState review,
            String reviewComment, String reviewedBy, Instant reviewedAt) {

        static ResultView of(IndicatorResult result) {
            return new ResultView(result.period(), result.actualValue().toPlainString(), result.reportedAt(),
                    result.reportedBy(), result.version(), result.reportedVersion(), result.reviewState(),
                    result.reviewComment(), result.reviewedBy(), result.reviewedAt());
        }
    }
}
