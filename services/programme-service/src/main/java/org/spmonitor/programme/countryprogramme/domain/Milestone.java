package org.spmonitor.programme.countryprogramme.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.spmonitor.events.programme.MilestoneStatus;

/**
 * A milestone of a programme: what is due when, its current status with the date and note of the
 * latest assessment, and every status change so far (oldest first).
 */
public record Milestone(String id, String title, LocalDate dueDate, MilestoneStatus status, LocalDate statusDate,
        String note, List<MilestoneStatusChange> statusChanges) implements Describable {

    public Milestone {
        statusChanges = statusChanges == null ? List.of() : List.copyOf(statusChanges);
    }

    @Override
    public Map<String, Object> describe() {
        return Describable.fields("title", title, "dueDate", dueDate, "status", status, "statusDate", statusDate,
                "note", note);
    }
}
