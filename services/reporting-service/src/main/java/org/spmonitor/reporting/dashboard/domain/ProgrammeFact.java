package org.spmonitor.reporting.dashboard.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.ProgrammeStatus;

/** What the dashboards know of a programme. */
public record ProgrammeFact(String programmeId, String country, String name, ProgrammeStatus status,
        LocalDate startDate, LocalDate endDate, List<AnnualTarget> annualTargets) {

    public Optional<AnnualTarget> targetFor(int year) {
        return annualTargets == null ? Optional.empty()
                : annualTargets.stream().filter(t -> t.year() == year).findFirst();
    }
}
