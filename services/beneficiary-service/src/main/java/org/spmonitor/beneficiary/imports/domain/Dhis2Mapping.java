package org.spmonitor.beneficiary.imports.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.validation.Violations;

/**
 * How DHIS2 identifiers become beneficiary counts (service README, "DHIS2 mapping file"):
 * {@code orgUnits} maps an org unit uid to a programme id; each of {@code dataElements} maps a data
 * element (and, optionally, one category option combo of it) to a target group, a measure and the
 * slot it fills: {@code total} or a breakdown part such as {@code sex.female} or {@code ageGroup.65+}.
 * An entry without {@code categoryOptionCombo} matches every combo of its data element not mapped
 * by an entry of its own.
 */
public record Dhis2Mapping(Map<String, String> orgUnits, List<Entry> dataElements) {

    /** The slots a DHIS2 value can fill: the JSON paths of the REST body. */
    public static final Set<String> SLOTS = Set.of("total", "sex.female", "sex.male", "sex.unknown",
            "ageGroup.0-17", "ageGroup.18-64", "ageGroup.65+", "ageGroup.unknown",
            "withDisability.yes", "withDisability.no", "withDisability.unknown",
            "informalEconomy.yes", "informalEconomy.no", "informalEconomy.unknown");

    /** One data element (and combo) mapping. */
    public record Entry(String dataElement, String categoryOptionCombo, TargetGroup targetGroup, Measure measure,
            String breakdown) {
    }

    /** Checks the mapping itself; violations are named {@code mapping.dataElements[i].field}. */
    public boolean validate(Violations violations) {
        int before = violations.list().size();
        Violations mapping = violations.nested("mapping");
        if (orgUnits == null || orgUnits.isEmpty()) {
            mapping.add("orgUnits", "must map at least one org unit uid to a programme id");
        }
        else {
            orgUnits.forEach((orgUnit, programme) -> mapping.check(programme != null && !programme.isBlank(),
                    "orgUnits." + orgUnit, () -> "must be a programme id"));
        }
        if (dataElements == null || dataElements.isEmpty()) {
            mapping.add("dataElements", "must map at least one data element");
            return false;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < dataElements.size(); i++) {
            Entry entry = dataElements.get(i);
            Violations at = mapping.nested("dataElements", i);
            if (entry == null) {
                at.add("", "must be an object");
                continue;
            }
            at.required(entry.dataElement(), "dataElement");
            at.required(entry.targetGroup(), "targetGroup");
            at.required(entry.measure(), "measure");
            if (at.required(entry.breakdown(), "breakdown")) {
                at.check(SLOTS.contains(entry.breakdown()), "breakdown", () -> "must be one of " + SLOTS.stream().sorted().toList());
            }
            Integer earlier = seen.putIfAbsent(entry.dataElement() + "|" + entry.categoryOptionCombo(), i);
            if (earlier != null) {
                at.add("", "maps the same data element and category option combo as dataElements[" + earlier + "]");
            }
        }
        return violations.list().size() == before;
    }

    /** The entry for a value: its exact combo first, then its data element's catch-all entry. */
    public Optional<Entry> find(String dataElement, String categoryOptionCombo) {
        Entry catchAll = null;
        for (Entry entry : dataElements) {
            if (entry.dataElement().equals(dataElement)) {
                if (entry.categoryOptionCombo() == null) {
                    catchAll = entry;
                }
                else if (entry.categoryOptionCombo().equals(categoryOptionCombo)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.ofNullable(catchAll);
    }

    /** Whether the mapping mentions this data element at all (values of others are ignored). */
    public boolean mentions(String dataElement) {
        return dataElements.stream().anyMatch(entry -> entry.dataElement().equals(dataElement));
    }
}
