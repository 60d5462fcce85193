package org.spmonitor.programme.countryprogramme.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.programme.countryprogramme.domain.Outcome;

/** What the writes of milestones and indicators answer: the programme's version and what happened. */
final class WriteResults {

    @Schema(name = "Milestone written")
    record MilestoneWritten(String programmeId, long programmeVersion, Outcome outcome, MilestoneView milestone) {
    }

    @Schema(name = "Indicator written")
    record IndicatorWritten(String programmeId, long programmeVersion, Outcome outcome, IndicatorView indicator) {
    }

    @Schema(name = "Indicator result written")
    record ResultWritten(String programmeId, long programmeVersion, Outcome outcome, String indicatorCode,
            String period, @Schema(example = "31.6") String actualValue) {
    }

    private WriteResults() {
    }
}
