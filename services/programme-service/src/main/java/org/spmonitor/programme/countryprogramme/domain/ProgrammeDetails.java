package org.spmonitor.programme.countryprogramme.domain;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;

/** What a country team says about its programme: everything but the server-assigned id. */
public record ProgrammeDetails(
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

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 4000;

    public ProgrammeDetails {
        partners = partners == null ? List.of() : List.copyOf(partners);
        donors = donors == null ? List.of() : List.copyOf(donors);
        status = status == null ? ProgrammeStatus.PLANNED : status;
        floorGuarantees = floorGuarantees == null ? List.of() : List.copyOf(floorGuarantees);
        branches = branches == null ? List.of() : List.copyOf(branches);
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        annualTargets = annualTargets == null ? List.of() : List.copyOf(annualTargets);
    }

    /** Every rule of DESIGN.md "Country programme"; names each bad field. */
    public void validate(Violations violations) {
        if (violations.required(country, "country")) {
            violations.check(Countries.isIso3(country), "country",
                    () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + country + "'");
        }
        if (violations.check(name != null && !name.isBlank(), "name", () -> "is required")) {
            violations.check(name.length() <= MAX_NAME, "name", () -> "must be at most " + MAX_NAME + " characters");
        }
        violations.check(description == null || description.length() <= MAX_DESCRIPTION, "description",
                () -> "must be at most " + MAX_DESCRIPTION + " characters");
        checkNames(violations, "partners", partners);
        checkNames(violations, "donors", donors);
        violations.required(startDate, "startDate");
        if (startDate != null && endDate != null) {
            violations.check(endDate.isAfter(startDate), "endDate", () -> "must be after startDate " + startDate);
        }
        checkNoNulls(violations, "floorGuarantees", floorGuarantees);
        checkNoNulls(violations, "branches", branches);
        checkNoNulls(violations, "targetGroups", targetGroups);
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < annualTargets.size(); i++) {
            AnnualTarget target = annualTargets.get(i);
            Violations at = violations.nested("annualTargets", i);
            if (target == null) {
                at.add("", "must not be null");
                continue;
            }
            at.check(years.add(target.year()), "year", () -> "appears twice");
            at.check(target.year() >= 1900 && target.year() <= 2200, "year", () -> "must be a calendar year");
            if (startDate != null && endDate != null && target.year() >= 1900) {
                at.check(target.year() >= startDate.getYear() && target.year() <= endDate.getYear(), "year",
                        () -> "must lie within the programme's dates " + startDate + ".." + endDate);
            }
            at.check(target.targetBeneficiaries() >= 0, "targetBeneficiaries", () -> "must be >= 0");
            at.check(target.targetPopulation() >= target.targetBeneficiaries(), "targetPopulation",
                    () -> "must be >= targetBeneficiaries (" + target.targetBeneficiaries() + ")");
        }
    }

    private static void checkNames(Violations violations, String field, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            String value = names.get(i);
            if (value == null || value.isBlank() || value.length() > 100) {
                violations.add(field + "[" + i + "]", "must be a name of 1 to 100 characters");
            }
        }
    }

    private static void checkNoNulls(Violations violations, String field, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                violations.add(field + "[" + i + "]", "must not be null");
            }
        }
    }
}
