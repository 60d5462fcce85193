package org.spmonitor.programme.countryprogramme.domain;

import java.time.LocalDate;

import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.platform.validation.Violations;

/**
 * A milestone a country team adds: title and due date; status (PLANNED when left out) as assessed on
 * {@code statusDate} (today when left out), with an optional note.
 */
public record NewMilestone(String title, LocalDate dueDate, MilestoneStatus status, LocalDate statusDate,
        String note) {

    static final int MAX_TITLE = 200;
    static final int MAX_NOTE = 2000;

    public NewMilestone {
        title = FieldRules.text(title);
        note = FieldRules.text(note);
    }

    void validate(Violations violations, LocalDate today) {
        FieldRules.requiredText(violations, "title", title, MAX_TITLE);
        if (violations.required(dueDate, "dueDate")) {
            checkYear(violations, "dueDate", dueDate);
        }
        if (statusDate != null) {
            notInFuture(violations, "statusDate", statusDate, today);
        }
        FieldRules.optionalText(violations, "note", note, MAX_NOTE);
    }

    static void checkYear(Violations violations, String field, LocalDate date) {
        violations.check(date.getYear() >= FieldRules.MIN_YEAR && date.getYear() <= FieldRules.MAX_YEAR, field,
                () -> "must lie in the years " + FieldRules.MIN_YEAR + ".." + FieldRules.MAX_YEAR);
    }

    /** A status is assessed today or earlier; one day of slack for teams east of UTC. */
    static boolean notInFuture(Violations violations, String field, LocalDate date, LocalDate today) {
        return violations.check(!date.isAfter(today.plusDays(1)), field,
                () -> "must not be in the future (today is " + today + "), was " + date);
    }
}
