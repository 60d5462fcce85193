package org.spmonitor.programme.countryprogramme.web;

import java.time.LocalDate;
import java.util.List;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.programme.countryprogramme.domain.Programme;

/** A programme as the API returns it. */
record ProgrammeView(
        String id,
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
        List<AnnualTarget> annualTargets) {

    static ProgrammeView of(Programme programme) {
        var d = programme.details();
        return new ProgrammeView(programme.id(), programme.version(), d.country(), d.name(), d.description(),
                d.partners(), d.donors(), d.startDate(), d.endDate(), d.status(), d.floorGuarantees(), d.branches(),
                d.targetGroups(), d.annualTargets());
    }
}
