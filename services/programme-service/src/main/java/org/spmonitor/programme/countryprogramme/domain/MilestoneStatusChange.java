package org.spmonitor.programme.countryprogramme.domain;

import java.time.Instant;
import java.time.LocalDate;

import org.spmonitor.events.programme.MilestoneStatus;

/**
 * One assessment of a milestone: its status on {@code date} with a note, the due date it then had,
 * and who recorded it when.
 */
public record MilestoneStatusChange(MilestoneStatus status, LocalDate date, String note, LocalDate dueDate,
        Instant recordedAt, String recordedBy) {
}
