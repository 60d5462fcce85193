package org.spmonitor.programme.countryprogramme.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.programme.countryprogramme.domain.NewMilestone;

/** The body of {@code POST /api/v1/programmes/{id}/milestones}. */
@Schema(name = "NewMilestone", title = "New milestone")
record MilestoneRequest(
        @Schema(description = "What is to be achieved; unique within the programme (case ignored)",
                example = "Sub-decree on the social protection floor adopted",
                requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(example = "2025-06-30", requiredMode = Schema.RequiredMode.REQUIRED) LocalDate dueDate,
        @Schema(description = "PLANNED when left out") MilestoneStatus status,
        @Schema(description = "When the status was assessed; today when left out, never in the future",
                example = "2025-01-15") LocalDate statusDate,
        @Schema(description = "Note on the status; at most 2000 characters") String note) {

    NewMilestone toMilestone() {
        return new NewMilestone(title, dueDate, status, statusDate, note);
    }
}
