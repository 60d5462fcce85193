package org.spmonitor.platform.programmeview;

import java.time.LocalDate;

import org.spmonitor.events.programme.ProgrammeStatus;

/**
 * What a downstream service knows of a country programme, fed by programme events (no synchronous
 * calls to programme-service): enough to check that a submission names a programme that exists,
 * belongs to the submission's country and runs in its period.
 */
public record KnownProgramme(String id, long version, String country, LocalDate startDate, LocalDate endDate,
        ProgrammeStatus status) {

    /** Whether the programme runs on some day of [from, to]; an open start or end runs for ever. */
    public boolean runsDuring(LocalDate from, LocalDate to) {
        LocalDate start = startDate == null ? LocalDate.MIN : startDate;
        LocalDate end = endDate == null ? LocalDate.MAX : endDate;
        return !from.isAfter(end) && !to.isBefore(start);
    }
}
