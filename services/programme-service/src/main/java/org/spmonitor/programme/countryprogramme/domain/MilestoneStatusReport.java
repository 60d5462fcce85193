package org.spmonitor.programme.countryprogramme.domain;

import java.time.LocalDate;

import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.platform.validation.Violations;

/**
 * A new assessment of a milestone: its status as of {@code date} (today when left out), a note, and
 * optionally a new due date (a delayed milestone rescheduled).
 */
public record MilestoneStatusReport(MilestoneStatus status, LocalDate date, String note, LocalDate dueDate) {

    public MilestoneStatusReport {
        note = FieldRules.text(note);
    }

    void validate(Violations violations, Milestone milestone, LocalDate today) {
        violations.required(status, "status");
        if (date != null && NewMilestone.notInFuture(violations, "date", date, today)) {
            violations.check(!date.isBefore(milestone.statusDate()), "date",
                    () -> "must not be before the date of the current status (" + milestone.statusDate() + "), was "
                            + date);
        }
        FieldRules.optionalText(violations, "note", note, NewMilestone.MAX_NOTE);
        if (dueDate != null) {
            NewMilestone.checkYear(violations, "dueDate", dueDate);
        }
    }
}
