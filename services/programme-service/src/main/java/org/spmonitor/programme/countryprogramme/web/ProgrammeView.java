package org.spmonitor.programme.countryprogramme.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;
import org.spmonitor.programme.countryprogramme.domain.YearTarget;

/** A programme as the API returns it; lists leave out milestones and indicators. */
@Schema(name = "Programme")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProgrammeView(
        @Schema(example = "prg-7k2m9q4x3t1a") String id,
        @Schema(description = "Grows with every change; also the ETag", example = "1") long version,
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
        List<YearTarget> annualTargets,
        @Schema(description = "How often the programme reports (MONTHLY, QUARTERLY, ANNUAL)") ReportingFrequency reportingFrequency,
        @Schema(description = "Days after a reporting period ends that its data is due") int dueLagDays,
        Instant registeredAt,
        String registeredBy,
        Instant updatedAt,
        String updatedBy,
        @Schema(description = "Only when reading one programme") List<MilestoneView> milestones,
        @Schema(description = "Only when reading one programme") List<IndicatorView> indicators) {

    static ProgrammeView of(Programme programme) {
        return of(programme, programme.milestones().stream().map(MilestoneView::of).toList(),
                programme.indicators().stream().map(IndicatorView::of).toList());
    }

    /** Without milestones and indicators, as lists show a programme. */
    static ProgrammeView summary(Programme programme) {
        return of(programme, null, null);
    }

    private static ProgrammeView of(Programme programme, List<MilestoneView> milestones,
            List<IndicatorView> indicators) {
        ProgrammeDetails d = programme.details();
        return new ProgrammeView(programme.id(), programme.version(), d.country(), d.name(), d.description(),
                d.partners(), d.donors(), d.startDate(), d.endDate(), d.status(), d.floorGuarantees(), d.branches(),
                d.targetGroups(), d.annualTargets(), d.reportingFrequency(), d.dueLagDays(), programme.registeredAt(), programme.registeredBy(),
                programme.updatedAt(), programme.updatedBy(), milestones, indicators);
    }
}
