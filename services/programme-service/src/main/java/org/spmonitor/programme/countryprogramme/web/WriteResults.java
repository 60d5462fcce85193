package org.spmonitor.programme.countryprogramme.web;

import org.spmonitor.platform.write.WriteOutcome;
import io.swagger.v3.oas.annotations.media.Schema;

/** What the writes of milestones and indicators answer: the programme's version and what happened. */
final class WriteResults {

    @Schema(name = "MilestoneWritten", title = "Milestone written")
    record MilestoneWritten(String programmeId, long programmeVersion, WriteOutcome outcome, MilestoneView milestone) {
    }

    @Schema(name = "IndicatorWritten", title = "Indicator written")
    record IndicatorWritten(String programmeId, long programmeVersion, WriteOutcome outcome, IndicatorView indicator) {
    }

    @Schema(name = "IndicatorResultWritten", title = "Indicator result written")
    record ResultWritten(String programmeId, long programmeVersion, WriteOutcome outcome, String indicatorCode,
            String period, @Schema(example = "31.6") String actualValue) {
    }

    private WriteResults() {
    }
}
