package org.spmonitor.reporting.dashboard.domain;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which programmes a dashboard counts: those with at least one of the donors, one of the partners,
 * one of the target groups, floor guarantees and C102 branches named (each dimension left empty
 * lets every programme through). Donors and partners are compared without regard to case.
 */
public record ProgrammeFilter(List<String> donors, List<String> partners, List<String> targetGroups,
        List<String> floorGuarantees, List<String> branches) {

    public ProgrammeFilter {
        donors = clean(donors);
        partners = clean(partners);
        targetGroups = clean(targetGroups);
        floorGuarantees = clean(floorGuarantees);
        branches = clean(branches);
    }

    public static ProgrammeFilter none() {
        return new ProgrammeFilter(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether no dimension is named: every programme counts, as in the stored dashboards. */
    public boolean isEmpty() {
        return donors.isEmpty() && partners.isEmpty() && targetGroups.isEmpty() && floorGuarantees.isEmpty()
                && branches.isEmpty();
    }

    public boolean matches(ProgrammeFact programme) {
        return any(donors, programme.donors()) && any(partners, programme.partners())
                && any(targetGroups, programme.targetGroups()) && any(floorGuarantees, programme.floorGuarantees())
                && any(branches, programme.branches());
    }

    private static boolean any(List<String> wanted, Collection<?> held) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (held == null) {
            return false;
        }
        return held.stream().filter(Objects::nonNull).map(v -> String.valueOf(v).toUpperCase(Locale.ROOT))
                .anyMatch(v -> wanted.stream().anyMatch(w -> w.toUpperCase(Locale.ROOT).equals(v)));
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::trim).filter(v -> !v.isEmpty()).distinct()
                        .toList();
    }
}
