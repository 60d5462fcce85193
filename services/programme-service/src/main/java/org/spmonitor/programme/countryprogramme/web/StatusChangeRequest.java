package org.spmonitor.programme.countryprogramme.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.programme.countryprogramme.domain.MilestoneStatusReport;

/** The body of {@code POST /api/v1/programmes/{id}/milestones/{milestoneId}/status-changes}. */
@Schema(name = "MilestoneStatusChange", title = "Milestone status change")
record StatusChangeRequest(
        @Schema(example = "AT_RISK", requiredMode = Schema.RequiredMode.REQUIRED) MilestoneStatus status,
        @Schema(description = "The date of the assessment; today when left out; not in the future and not "
                + "before the date of the current status", example = "2025-05-15") LocalDate date,
        @Schema(description = "Why; at most 2000 characters",
                example = "Draft with the Council of Ministers; review of the financing annex pending.") String note,
        @Schema(description = "A new due date, when the milestone is rescheduled", example = "2025-09-30")
        LocalDate dueDate) {

    MilestoneStatusReport toReport() {
        return new MilestoneStatusReport(status, date, note, dueDate);
    }
}
