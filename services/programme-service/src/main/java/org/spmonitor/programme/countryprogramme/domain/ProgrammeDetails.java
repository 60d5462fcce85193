package org.spmonitor.programme.countryprogramme.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;

/**
 * What a country team says about its programme: everything but the server-assigned id, the
 * milestones and the results indicators. Registering and replacing a programme both take these.
 */
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
        List<YearTarget> annualTargets,
        ReportingFrequency reportingFrequency,
        Integer dueLagDays) {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_PARTY = 100;
    static final int MAX_PARTIES = 50;

    /**
     * The fields of the details in the order of the events' payloads, with the names the events and
     * {@code ProgrammeUpdated.changedFields} use.
     */
    static final Map<String, Function<ProgrammeDetails, Object>> FIELDS = fields();

    public ProgrammeDetails {
        country = FieldRules.text(country);
        name = FieldRules.text(name);
        description = FieldRules.text(description);
        partners = FieldRules.texts(partners);
        donors = FieldRules.texts(donors);
        status = status == null ? ProgrammeStatus.PLANNED : status;
        floorGuarantees = FieldRules.list(floorGuarantees);
        branches = FieldRules.list(branches);
        targetGroups = FieldRules.list(targetGroups);
        annualTargets = FieldRules.list(annualTargets);
        // a programme registered before it declared a schedule, or that names none, reports at the defaults
        reportingFrequency = reportingFrequency == null ? ReportingFrequency.DEFAULT : reportingFrequency;
        dueLagDays = dueLagDays == null ? Integer.valueOf(ReportingFrequency.DEFAULT_DUE_LAG_DAYS) : dueLagDays;
    }

    /** Details with the default reporting schedule ({@link ReportingFrequency#DEFAULT}). */
    public ProgrammeDetails(String country, String name, String description, List<String> partners, List<String> donors,
            LocalDate startDate, LocalDate endDate, ProgrammeStatus status, List<FloorGuarantee> floorGuarantees,
            List<Branch> branches, List<TargetGroup> targetGroups, List<YearTarget> annualTargets) {
        this(country, name, description, partners, donors, startDate, endDate, status, floorGuarantees, branches,
                targetGroups, annualTargets, null, null);
    }

    /** Every rule of DESIGN.md "Country programme"; names each bad field. */
    public void validate(Violations violations) {
        if (violations.required(country, "country")) {
            violations.check(Countries.isIso3(country), "country",
                    () -> "must be an ISO 3166-1 alpha-3 code in upper case such as KHM, was '" + country + "'");
        }
        FieldRules.requiredText(violations, "name", name, MAX_NAME);
        FieldRules.optionalText(violations, "description", description, MAX_DESCRIPTION);
        checkParties(violations, "partners", partners);
        checkParties(violations, "donors", donors);
        boolean datesValid = checkDates(violations);
        FieldRules.distinct(violations, "floorGuarantees", floorGuarantees, value -> value);
        FieldRules.distinct(violations, "branches", branches, value -> value);
        FieldRules.distinct(violations, "targetGroups", targetGroups, value -> value);
        violations.check(dueLagDays >= 0 && dueLagDays <= ReportingFrequency.MAX_DUE_LAG_DAYS, "dueLagDays",
                () -> "must be between 0 and " + ReportingFrequency.MAX_DUE_LAG_DAYS + " days, was " + dueLagDays);
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < annualTargets.size(); i++) {
            YearTarget target = annualTargets.get(i);
            Violations at = violations.nested("annualTargets", i);
            if (target == null) {
                at.add("", "must not be null");
                continue;
            }
            if (FieldRules.year(at, "year", target.year())) {
                at.check(years.add(target.year()), "year", () -> target.year() + " appears twice");
                if (datesValid) {
                    at.check(target.year() >= startDate.getYear()
                            && (endDate == null || target.year() <= endDate.getYear()), "year",
                            () -> target.year() + " is outside the programme's dates " + dates());
                }
            }
            Long population = target.targetPopulation();
            Long beneficiaries = target.targetBeneficiaries();
            boolean populationValid = checkPeople(at, "targetPopulation", population);
            boolean beneficiariesValid = checkPeople(at, "targetBeneficiaries", beneficiaries);
            if (populationValid && beneficiariesValid) {
                at.check(beneficiaries <= population, "targetBeneficiaries",
                        () -> "must not exceed targetPopulation (" + population + "), was " + beneficiaries);
            }
            checkGroupPopulations(at, target.groupTargetPopulations());
        }
    }

    /**
     * Each target population of a group: a group of the programme's {@code targetGroups}, given once, and
     * a positive number of people (a group without eligible people is left out, so that its coverage is
     * missing rather than divided by zero).
     */
    private void checkGroupPopulations(Violations violations, List<GroupPopulation> groups) {
        Set<TargetGroup> seen = new HashSet<>();
        for (int j = 0; j < groups.size(); j++) {
            GroupPopulation group = groups.get(j);
            Violations at = violations.nested("groupTargetPopulations", j);
            if (group == null) {
                at.add("", "must not be null");
                continue;
            }
            if (at.required(group.targetGroup(), "targetGroup")) {
                TargetGroup targetGroup = group.targetGroup();
                if (at.check(seen.add(targetGroup), "targetGroup", () -> targetGroup + " appears twice")) {
                    at.check(targetGroups.contains(targetGroup), "targetGroup",
                            () -> targetGroup + " is not one of the programme's targetGroups " + targetGroups);
                }
            }
            Long people = group.targetPopulation();
            if (at.required(people, "targetPopulation")) {
                at.check(people >= 1 && people <= YearTarget.MAX_PEOPLE, "targetPopulation",
                        () -> "must be a positive integer of at most " + YearTarget.MAX_PEOPLE + ", was " + people);
            }
        }
    }

    private boolean checkDates(Violations violations) {
        boolean valid = violations.required(startDate, "startDate");
        if (startDate != null) {
            valid &= violations.check(startDate.getYear() >= FieldRules.MIN_YEAR && startDate.getYear() <= FieldRules.MAX_YEAR,
                    "startDate", () -> "must lie in the years " + FieldRules.MIN_YEAR + ".." + FieldRules.MAX_YEAR);
        }
        if (endDate != null) {
            valid &= violations.check(endDate.getYear() <= FieldRules.MAX_YEAR, "endDate",
                    () -> "must lie in the years " + FieldRules.MIN_YEAR + ".." + FieldRules.MAX_YEAR);
            if (startDate != null) {
                valid &= violations.check(endDate.isAfter(startDate), "endDate",
                        () -> "must be after startDate " + startDate + ", was " + endDate);
            }
        }
        return valid;
    }

    private static boolean checkPeople(Violations violations, String field, Long people) {
        return violations.required(people, field) && violations.check(people >= 0 && people <= YearTarget.MAX_PEOPLE,
                field, () -> "must be between 0 and " + YearTarget.MAX_PEOPLE + ", was " + people);
    }

    private static void checkParties(Violations violations, String field, List<String> names) {
        violations.check(names.size() <= MAX_PARTIES, field, () -> "must list at most " + MAX_PARTIES + " names");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String value = names.get(i);
            if (value == null || value.isEmpty() || value.length() > MAX_PARTY) {
                violations.add(field + "[" + i + "]", "must be a name of 1 to " + MAX_PARTY + " characters");
            }
            else if (!seen.add(value.toLowerCase(Locale.ROOT))) {
                violations.add(field + "[" + i + "]", "'" + value + "' appears twice");
            }
        }
    }

    /** The programme's dates as text, e.g. {@code 2024-01-01..2027-12-31} ({@code 2013-10-01..} when open). */
    String dates() {
        return startDate + ".." + (endDate == null ? "" : endDate);
    }

    /** Whether the programme runs on some day of [from, to]; an open end runs for ever. */
    boolean runsDuring(LocalDate from, LocalDate to) {
        return !from.isAfter(endDate == null ? LocalDate.MAX : endDate) && !to.isBefore(startDate);
    }

    /** The same details in canonical form (annual targets by year), for storing and comparing. */
    ProgrammeDetails normalised() {
        List<YearTarget> byYear = new ArrayList<>(annualTargets);
        byYear.sort(Comparator.comparing(YearTarget::year));
        return new ProgrammeDetails(country, name, description, partners, donors, startDate, endDate, status,
                floorGuarantees, branches, targetGroups, byYear, reportingFrequency, dueLagDays);
    }

    /** Identifies a programme by country and name (case and spacing ignored): one name per country. */
    public String nameKey() {
        return country + "/" + (name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
    }

    List<AnnualTarget> annualTargetsForEvent() {
        return annualTargets.stream().map(YearTarget::toEvent).toList();
    }

    /** The fields whose values differ from {@code before}, with both values; all present fields when before is null. */
    List<FieldChange> changesSince(ProgrammeDetails before) {
        List<FieldChange> changes = new ArrayList<>();
        FIELDS.forEach((field, value) -> {
            Object previous = before == null ? null : Describable.of(value.apply(before));
            Object current = Describable.of(value.apply(this));
            if (!Objects.equals(previous, current) && !(before == null && isEmpty(current))) {
                changes.add(new FieldChange(field, previous, current));
            }
        });
        return changes;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof List<?> list && list.isEmpty();
    }

    private static Map<String, Function<ProgrammeDetails, Object>> fields() {
        Map<String, Function<ProgrammeDetails, Object>> fields = new LinkedHashMap<>();
        fields.put("country", ProgrammeDetails::country);
        fields.put("name", ProgrammeDetails::name);
        fields.put("description", ProgrammeDetails::description);
        fields.put("partners", ProgrammeDetails::partners);
        fields.put("donors", ProgrammeDetails::donors);
        fields.put("startDate", ProgrammeDetails::startDate);
        fields.put("endDate", ProgrammeDetails::endDate);
        fields.put("status", ProgrammeDetails::status);
        fields.put("floorGuarantees", ProgrammeDetails::floorGuarantees);
        fields.put("branches", ProgrammeDetails::branches);
        fields.put("targetGroups", ProgrammeDetails::targetGroups);
        fields.put("annualTargets", ProgrammeDetails::annualTargets);
        fields.put("reportingFrequency", ProgrammeDetails::reportingFrequency);
        fields.put("dueLagDays", ProgrammeDetails::dueLagDays);
        return fields;
    }
}
