package org.spmonitor.events.programme;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/** A country programme was registered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgrammeRegistered(
        String programmeId,
        long version,
        String country,
        String name,
        String description,
        List<String> partners,
        List<String> donors,
        LocalDate startDate,
        LocalDate endDate,
        ProgrammeStatus status,
        List<FloorGuarantee> floorGuarantees,
        List<Branch> branches,
        List<TargetGroup> targetGroups,
        List<AnnualTarget> annualTargets,
        ReportingFrequency reportingFrequency,
        Integer dueLagDays) implements DomainEvent {

    /** A programme without a declared reporting schedule (consumers read it as the defaults of {@link ReportingFrequency}). */
    public ProgrammeRegistered(String programmeId, long version, String country, String name, String description,
            List<String> partners, List<String> donors, LocalDate startDate, LocalDate endDate, ProgrammeStatus status,
            List<FloorGuarantee> floorGuarantees, List<Branch> branches, List<TargetGroup> targetGroups,
            List<AnnualTarget> annualTargets) {
        this(programmeId, version, country, name, description, partners, donors, startDate, endDate, status,
                floorGuarantees, branches, targetGroups, annualTargets, null, null);
    }

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return programmeId;
    }
}
