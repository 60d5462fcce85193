package org.spmonitor.reporting.dashboard.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;

/** What the dashboards know of a programme: its latest registered or updated state. */
public record ProgrammeFact(String programmeId, String country, String name, String description,
        List<String> partners, List<String> donors, ProgrammeStatus status, LocalDate startDate, LocalDate endDate,
        List<FloorGuarantee> floorGuarantees, List<Branch> branches, List<TargetGroup> targetGroups,
        List<AnnualTarget> annualTargets, ReportingFrequency reportingFrequency, Integer dueLagDays) {

    /** A programme without a declared reporting schedule (null: the defaults of {@link ReportingFrequency}). */
    public ProgrammeFact(String programmeId, String country, String name, String description, List<String> partners,
            List<String> donors, ProgrammeStatus status, LocalDate startDate, LocalDate endDate,
            List<FloorGuarantee> floorGuarantees, List<Branch> branches, List<TargetGroup> targetGroups,
            List<AnnualTarget> annualTargets) {
        this(programmeId, country, name, description, partners, donors, status, startDate, endDate, floorGuarantees,
                branches, targetGroups, annualTargets, null, null);
    }

    public static ProgrammeFact of(ProgrammeRegistered p) {
        return new ProgrammeFact(p.programmeId(), p.country(), p.name(), p.description(), p.partners(), p.donors(),
                p.status(), p.startDate(), p.endDate(), p.floorGuarantees(), p.branches(), p.targetGroups(),
                p.annualTargets(), p.reportingFrequency(), p.dueLagDays());
    }

    public static ProgrammeFact of(ProgrammeUpdated p) {
        return new ProgrammeFact(p.programmeId(), p.country(), p.name(), p.description(), p.partners(), p.donors(),
                p.status(), p.startDate(), p.endDate(), p.floorGuarantees(), p.branches(), p.targetGroups(),
                p.annualTargets(), p.reportingFrequency(), p.dueLagDays());
    }

    public Optional<AnnualTarget> targetFor(int year) {
        return annualTargets == null ? Optional.empty()
                : annualTargets.stream().filter(t -> t.year() == year).findFirst();
    }

    /** Whether the programme's start..end dates overlap {@code year}. */
    public boolean runsIn(int year) {
        return startDate != null && startDate.getYear() <= year && (endDate == null || endDate.getYear() >= year);
    }
}
