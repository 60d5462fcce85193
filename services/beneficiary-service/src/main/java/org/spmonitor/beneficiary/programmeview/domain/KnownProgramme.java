package org.spmonitor.beneficiary.programmeview.domain;

import java.time.LocalDate;

import org.spmonitor.events.programme.ProgrammeStatus;

/** What beneficiary-service knows of a programme, fed by programme events (no synchronous calls). */
public record KnownProgramme(String id, long version, String country, LocalDate startDate, LocalDate endDate,
        ProgrammeStatus status) {

    /** Whether the programme runs on some day of [from, to]; an open start or end runs for ever. */
    public boolean runsDuring(LocalDate from, LocalDate to) {
        return !from.isAfter(endDate == null ? LocalDate.MAX : endDate)
                && !to.isBefore(startDate == null ? LocalDate.MIN : startDate);
    }
}
