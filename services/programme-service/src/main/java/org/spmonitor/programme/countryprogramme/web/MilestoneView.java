package org.spmonitor.programme.countryprogramme.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.programme.countryprogramme.domain.Milestone;
import org.spmonitor.programme.countryprogramme.domain.MilestoneStatusChange;

/** A milestone with its current status and every status change, oldest first. */
@Schema(name = "Milestone")
@JsonInclude(JsonInclude.Include.NON_NULL)
record MilestoneView(
        @Schema(example = "mst-4d7h1p9z") String id,
        String title,
        LocalDate dueDate,
        MilestoneStatus status,
        LocalDate statusDate,
        String note,
        List<StatusChangeView> statusChanges) {

    static MilestoneView of(Milestone m) {
        return new MilestoneView(m.id(), m.title(), m.dueDate(), m.status(), m.statusDate(), m.note(),
                m.statusChanges().stream().map(StatusChangeView::of).toList());
    }

    @Schema(name = "RecordedMilestoneStatusChange", title = "Milestone status change (recorded)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusChangeView(MilestoneStatus status, LocalDate date, String note, LocalDate dueDate,
            Instant recordedAt, String recordedBy) {

        static StatusChangeView of(MilestoneStatusChange c) {
            return new StatusChangeView(c.status(), c.date(), c.note(), c.dueDate(), c.recordedAt(), c.recordedBy());
        }
    }
}
