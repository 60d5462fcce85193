package org.spmonitor.beneficiary.imports.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.beneficiary.count.domain.CountRules;
import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.FieldViolation;

/**
 * Turns the data values of a DHIS2 {@code dataValueSets} file into beneficiary counts with a
 * {@link Dhis2Mapping}: values of the same programme (org unit), period, target group and measure make
 * one count, each value filling its slot. Without a {@code total} value, the total is the sum of the
 * first breakdown given (sex, then age group, disability, informal economy), and the other breakdowns
 * must sum to it as usual.
 *
 * <p>A value marked {@code deleted} (a DHIS2 sync removing it) locates its count the same way; a count
 * that only deleted values mention is handed to {@link Sink#deleted} to be withdrawn. Where live values
 * of the same count remain, they re-report it and the deleted ones only drop their slot.
 */
public final class Dhis2Assembler {

    /** A count built from values; {@code firstValue} is the index of its first value (for reports). */
    public record Assembled(int firstValue, BeneficiaryCountSubmission submission) {
    }

    /** A count whose every value in the file is marked deleted: to be withdrawn, if it exists. */
    public record Deletion(int firstValue, CountKey key) {
    }

    /** Where a value went: into a count, into a withdrawal, or refused with a reason. */
    public interface Sink {
        void rejected(int value, List<FieldViolation> violations);

        void ignored(int value, String dataElement);

        /** Called once per count only deleted values mention, after every value was read. */
        void deleted(Deletion deletion);
    }

    private record GroupKey(String programmeId, String period, TargetGroup targetGroup, Measure measure) {
    }

    private static final class Group {
        final int firstValue;
        final Map<String, Long> slots = new LinkedHashMap<>();
        final Map<String, Integer> slotValue = new LinkedHashMap<>();

        Group(int firstValue) {
            this.firstValue = firstValue;
        }
    }

    private Dhis2Assembler() {
    }

    public static List<Assembled> assemble(Dhis2DataValueSet set, Dhis2Mapping mapping, Sink sink) {
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        Map<GroupKey, Integer> deletions = new LinkedHashMap<>();
        List<Dhis2DataValueSet.DataValue> values = set.dataValues() == null ? List.of() : set.dataValues();
        for (int i = 0; i < values.size(); i++) {
            Dhis2DataValueSet.DataValue value = values.get(i);
            if (value == null) {
                sink.ignored(i, null);
                continue;
            }
            boolean deleted = Boolean.TRUE.equals(value.deleted());
            if (value.dataElement() == null || !mapping.mentions(value.dataElement())) {
                sink.ignored(i, value.dataElement());
                continue;
            }
            List<FieldViolation> problems = new ArrayList<>();
            Optional<Dhis2Mapping.Entry> entry = mapping.find(value.dataElement(), value.categoryOptionCombo());
            if (entry.isEmpty()) {
                problems.add(new FieldViolation("categoryOptionCombo", "category option combo '"
                        + value.categoryOptionCombo() + "' of data element '" + value.dataElement()
                        + "' is not in the mapping"));
            }
            String orgUnit = value.orgUnit() != null ? value.orgUnit() : set.orgUnit();
            String programmeId = orgUnit == null ? null : mapping.orgUnits().get(orgUnit);
            if (programmeId == null) {
                problems.add(new FieldViolation("orgUnit", orgUnit == null ? "no org unit, neither on the value nor"
                        + " on the set" : "org unit '" + orgUnit + "' is not in the mapping's orgUnits"));
            }
            String periodText = value.period() != null ? value.period() : set.period();
            Optional<ReportingPeriod> period = ReportingPeriod.parseLenient(periodText);
            if (period.isEmpty()) {
                problems.add(new FieldViolation("period", periodText == null ? "no period, neither on the value nor"
                        + " on the set" : "'" + periodText + "' is not a year, quarter or month period"));
            }
            Long number = deleted ? null : number(value.value());
            if (!deleted && (number == null || Math.abs(number) > CountRules.MAX_COUNT)) {
                problems.add(new FieldViolation("value", "must be a whole number of people up to "
                        + CountRules.MAX_COUNT + ", was '" + value.value() + "'"));
            }
            if (!problems.isEmpty()) {
                sink.rejected(i, problems);
                continue;
            }
            Dhis2Mapping.Entry slot = entry.get();
            int index = i;
            if (deleted) {
                deletions.putIfAbsent(new GroupKey(programmeId, period.get().toString(), slot.targetGroup(),
                        slot.measure()), index);
                continue;
            }
            Group group = groups.computeIfAbsent(new GroupKey(programmeId, period.get().toString(),
                    slot.targetGroup(), slot.measure()), key -> new Group(index));
            Integer earlier = group.slotValue.putIfAbsent(slot.breakdown(), i);
            if (earlier != null) {
                sink.rejected(i, List.of(new FieldViolation("", "fills " + slot.breakdown() + " of the same count"
                        + " as value " + earlier + "; each slot takes one value")));
                continue;
            }
            group.slots.put(slot.breakdown(), number);
        }
        List<Assembled> assembled = new ArrayList<>(groups.size());
        groups.forEach((key, group) -> assembled.add(new Assembled(group.firstValue, submission(key, group.slots))));
        deletions.forEach((key, first) -> {
            if (!groups.containsKey(key)) {
                sink.deleted(new Deletion(first, new CountKey(key.programmeId(), key.period(), key.targetGroup(),
                        key.measure())));
            }
        });
        return assembled;
    }

    private static BeneficiaryCountSubmission submission(GroupKey key, Map<String, Long> slots) {
        SexBreakdown sex = any(slots, "sex.") ? new SexBreakdown(slots.get("sex.female"), slots.get("sex.male"),
                slots.get("sex.unknown")) : null;
        AgeBreakdown age = any(slots, "ageGroup.") ? new AgeBreakdown(slots.get("ageGroup.0-17"),
                slots.get("ageGroup.18-64"), slots.get("ageGroup.65+"), slots.get("ageGroup.unknown")) : null;
        YesNoBreakdown disability = any(slots, "withDisability.") ? new YesNoBreakdown(slots.get("withDisability.yes"),
                slots.get("withDisability.no"), slots.get("withDisability.unknown")) : null;
        YesNoBreakdown informal = any(slots, "informalEconomy.") ? new YesNoBreakdown(
                slots.get("informalEconomy.yes"), slots.get("informalEconomy.no"), slots.get("informalEconomy.unknown"))
                : null;
        Long total = slots.get("total");
        if (total == null) {
            total = sex != null ? sex.sum() : age != null ? age.sum() : disability != null ? disability.sum()
                    : informal != null ? informal.sum() : null;
        }
        return new BeneficiaryCountSubmission(key.programmeId(), key.period(), key.targetGroup(), key.measure(), total,
                sex, age, disability, informal);
    }

    private static boolean any(Map<String, Long> slots, String prefix) {
        return slots.keySet().stream().anyMatch(slot -> slot.startsWith(prefix));
    }

    /** DHIS2 writes numbers as strings, sometimes with a zero fraction ({@code "120.0"}). */
    static Long number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(text.trim());
            return decimal.stripTrailingZeros().scale() <= 0 ? decimal.longValueExact() : null;
        }
        catch (NumberFormatException | ArithmeticException ex) {
            return null;
        }
    }
}
