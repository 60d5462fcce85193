package org.spmonitor.programme.countryprogramme.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.programme.countryprogramme.domain.GroupPopulation;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;
import org.spmonitor.programme.countryprogramme.domain.YearTarget;

/** The body of {@code POST /api/v1/programmes} and {@code PUT /api/v1/programmes/{id}}. */
@Schema(name = "ProgrammeDetails", title = "Programme details", description = "A country programme as a country team describes it. "
        + "PUT replaces all of it: a field left out is cleared.")
record ProgrammeRequest(
        @Schema(description = "ISO 3166-1 alpha-3 country code, upper case; cannot change after registration",
                example = "KHM", requiredMode = Schema.RequiredMode.REQUIRED) String country,
        @Schema(description = "Name, unique within the country (case and spacing ignored); at most 200 characters",
                example = "Cambodia Family Package", requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(description = "What the programme does; at most 4000 characters") String description,
        @Schema(description = "Implementing partners, each named once", example = "[\"ILO\", \"UNICEF\"]")
        List<String> partners,
        @Schema(description = "Donors funding the programme, each named once", example = "[\"EU\"]")
        List<String> donors,
        @Schema(description = "First day", example = "2024-01-01", requiredMode = Schema.RequiredMode.REQUIRED)
        LocalDate startDate,
        @Schema(description = "Last day, after startDate; leave out for an open-ended programme",
                example = "2027-12-31") LocalDate endDate,
        @Schema(description = "PLANNED when left out") ProgrammeStatus status,
        @Schema(description = "Floor guarantees of Recommendation No. 202 the programme contributes to")
        List<FloorGuarantee> floorGuarantees,
        @Schema(description = "C102 branches of social security the programme covers") List<Branch> branches,
        @Schema(description = "Groups the programme is for") List<TargetGroup> targetGroups,
        @Schema(description = "Targets per year (one entry per year, inside the programme's dates): "
                + "targetPopulation >= targetBeneficiaries >= 0") List<AnnualTargetBody> annualTargets,
        @Schema(description = "How often the programme reports its beneficiary counts, financing and indicator "
                + "results: one reporting period per month, quarter or year. QUARTERLY when left out.",
                example = "QUARTERLY") ReportingFrequency reportingFrequency,
        @Schema(description = "Days after a reporting period ends that its data is due, 0 to 365 (2025Q1 with 45 "
                + "is due on 2025-05-15). 45 when left out.", example = "45") Integer dueLagDays,
        @Schema(description = "PUT only, instead of an If-Match header: the version you edited. A stale "
                + "version is a 409. Leave it out when registering.", example = "3") Long version) {

    ProgrammeDetails toDetails() {
        List<YearTarget> targets = annualTargets == null ? null
                : annualTargets.stream().map(t -> t == null ? null : t.toYearTarget()).toList();
        return new ProgrammeDetails(country, name, description, partners, donors, startDate, endDate, status,
                floorGuarantees, branches, targetGroups, targets, reportingFrequency, dueLagDays);
    }

    @Schema(name = "AnnualTarget", title = "Annual target")
    record AnnualTargetBody(
            @Schema(example = "2025", requiredMode = Schema.RequiredMode.REQUIRED) Integer year,
            @Schema(description = "People eligible in that year: the denominator of the coverage rate",
                    example = "1850000", requiredMode = Schema.RequiredMode.REQUIRED) Long targetPopulation,
            @Schema(description = "People the programme aims to reach in that year", example = "1200000",
                    requiredMode = Schema.RequiredMode.REQUIRED) Long targetBeneficiaries,
            @Schema(description = "Optional: people eligible per target group in that year, the denominators of "
                    + "the coverage rate per group (the SDG 1.3.1 series). Each group once, one of the programme's "
                    + "targetGroups; a positive integer. A group left out has no coverage rate (missing, not 0).")
            List<GroupPopulationBody> groupTargetPopulations) {

        YearTarget toYearTarget() {
            return new YearTarget(year, targetPopulation, targetBeneficiaries, groupTargetPopulations == null ? null
                    : groupTargetPopulations.stream().map(g -> g == null ? null : g.toGroupPopulation()).toList());
        }
    }

    @Schema(name = "GroupTargetPopulation")
    record GroupPopulationBody(
            @Schema(example = "CHILDREN", requiredMode = Schema.RequiredMode.REQUIRED) TargetGroup targetGroup,
            @Schema(description = "People of the group eligible in that year", example = "1250000",
                    requiredMode = Schema.RequiredMode.REQUIRED) Long targetPopulation) {

        GroupPopulation toGroupPopulation() {
            return new GroupPopulation(targetGroup, targetPopulation);
        }
    }
}
