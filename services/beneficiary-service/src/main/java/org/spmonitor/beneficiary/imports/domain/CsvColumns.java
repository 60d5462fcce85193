package org.spmonitor.beneficiary.imports.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.csv.CsvHeader;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.Violations;

/**
 * The CSV import template: one row per count, columns named after the JSON fields of the REST body
 * ({@code sex.female}, {@code ageGroup.65+}), so an error names the same field whichever way the count
 * came in. Columns may come in any order; header names ignore case; an empty cell is "not given".
 */
public final class CsvColumns {

    /** Every column of the template, in template order. */
    public static final List<String> ALL = List.of("programmeId", "period", "targetGroup", "measure", "total",
            "sex.female", "sex.male", "sex.unknown",
            "ageGroup.0-17", "ageGroup.18-64", "ageGroup.65+", "ageGroup.unknown",
            "withDisability.yes", "withDisability.no", "withDisability.unknown",
            "informalEconomy.yes", "informalEconomy.no", "informalEconomy.unknown");

    /** Columns every file must have. */
    public static final List<String> REQUIRED = List.of("programmeId", "period", "targetGroup", "measure", "total");

    private final CsvHeader header;
    private final int width;

    private CsvColumns(CsvHeader header, int width) {
        this.header = header;
        this.width = width;
    }

    /** Reads the header row; problems are file-level ({@code header} or {@code header[i]}). */
    public static Optional<CsvColumns> fromHeader(List<String> header, Violations violations) {
        CsvHeader columns = CsvHeader.read(header, ALL, REQUIRED, violations);
        return violations.isEmpty() ? Optional.of(new CsvColumns(columns, header.size())) : Optional.empty();
    }

    /**
     * Turns one row into a submission. Cell problems are named by column ({@code sex.female}); the
     * period is normalised from DHIS2 forms ({@code 202501} becomes {@code 2025-01}).
     */
    public Optional<BeneficiaryCountSubmission> toSubmission(List<String> row, Violations violations) {
        if (row.size() != width) {
            violations.add("", "has " + row.size() + " fields but the header has " + width);
            return Optional.empty();
        }
        String programmeId = text(row, "programmeId");
        String period = text(row, "period");
        if (period != null) {
            Optional<ReportingPeriod> parsed = ReportingPeriod.parseLenient(period);
            if (parsed.isPresent()) {
                period = parsed.get().toString();
            }
        }
        TargetGroup targetGroup = enumCell(row, "targetGroup", TargetGroup.class, violations);
        Measure measure = enumCell(row, "measure", Measure.class, violations);
        Long total = number(row, "total", violations);
        SexBreakdown sex = anyGiven(row, "sex.female", "sex.male", "sex.unknown")
                ? new SexBreakdown(number(row, "sex.female", violations), number(row, "sex.male", violations),
                        number(row, "sex.unknown", violations))
                : null;
        AgeBreakdown age = anyGiven(row, "ageGroup.0-17", "ageGroup.18-64", "ageGroup.65+", "ageGroup.unknown")
                ? new AgeBreakdown(number(row, "ageGroup.0-17", violations), number(row, "ageGroup.18-64", violations),
                        number(row, "ageGroup.65+", violations), number(row, "ageGroup.unknown", violations))
                : null;
        YesNoBreakdown disability = yesNo(row, "withDisability", violations);
        YesNoBreakdown informal = yesNo(row, "informalEconomy", violations);
        if (!violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BeneficiaryCountSubmission(programmeId, period, targetGroup, measure, total, sex, age,
                disability, informal));
    }

    private YesNoBreakdown yesNo(List<String> row, String prefix, Violations violations) {
        return anyGiven(row, prefix + ".yes", prefix + ".no", prefix + ".unknown")
                ? new YesNoBreakdown(number(row, prefix + ".yes", violations), number(row, prefix + ".no", violations),
                        number(row, prefix + ".unknown", violations))
                : null;
    }

    private boolean anyGiven(List<String> row, String... columns) {
        return Arrays.stream(columns).anyMatch(column -> text(row, column) != null);
    }

    private String text(List<String> row, String column) {
        return header.cell(row, column);
    }

    private Long number(List<String> row, String column, Violations violations) {
        String value = text(row, column);
        if (value == null) {
            return null;
        }
        if (value.length() <= 18 && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        if (value.startsWith("-") && value.length() > 1 && value.length() <= 19
                && value.substring(1).chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value); // the rules report it as negative
        }
        violations.add(column, "must be a whole number of people, was '" + value + "'");
        return null;
    }

    private <E extends Enum<E>> E enumCell(List<String> row, String column, Class<E> type, Violations violations) {
        return header.enumCell(row, column, type, violations);
    }
}
