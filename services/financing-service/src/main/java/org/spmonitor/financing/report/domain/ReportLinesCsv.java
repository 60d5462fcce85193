package org.spmonitor.financing.report.domain;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.financing.figures.domain.Decimals;
import org.spmonitor.platform.csv.CsvHeader;
import org.spmonitor.platform.csv.CsvReader;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.Violations;

/**
 * The CSV import of financing report lines: one row per (country, period, programmeId, function,
 * source), columns named after the JSON fields of a report and its lines, so an error names the same
 * field whichever way a report came in. The rows of one (country, period, programmeId) make one
 * report, wherever they stand in the file; they share its {@code currency}, and {@code gdp} and
 * {@code totalGovernmentExpenditure} may be given on any of its rows (the same value where given
 * twice). A report is imported whole or not at all: when one of its rows is rejected, its other rows
 * are rejected too, naming the line at fault.
 */
public final class ReportLinesCsv {

    /** Every column, in template order. */
    public static final List<String> COLUMNS = List.of("country", "period", "currency", "programmeId", "function",
            "source", "allocated", "executed", "gdp", "totalGovernmentExpenditure");
    /** Columns every file must have. */
    public static final List<String> REQUIRED = List.of("country", "period", "currency", "function", "source");
    /** Most data rows in one file (its reports are assembled in memory before any is written). */
    public static final int MAX_ROWS = 100_000;

    /** A report assembled from rows; {@code lines.get(i)} is the file line of {@code submission.lines().get(i)}. */
    public record Assembled(List<Long> lines, ReportSubmission submission) {

        /** The first line of the report in the file. */
        public long firstLine() {
            return lines.get(0);
        }

        /**
         * Where each violation of the report's rules belongs: {@code lines[i].x} goes to the row of line
         * {@code i} as {@code x}; a report-level field to the report's first row. Every other row is
         * rejected for the sake of the report.
         */
        public Map<Long, List<FieldViolation>> rejectWhole(List<FieldViolation> violations) {
            Map<Long, List<FieldViolation>> byLine = new TreeMap<>();
            for (FieldViolation violation : violations) {
                long line = firstLine();
                String field = violation.field();
                if (field.startsWith("lines[")) {
                    int close = field.indexOf(']');
                    line = lines.get(Integer.parseInt(field.substring("lines[".length(), close)));
                    field = field.length() > close + 1 ? field.substring(close + 2) : "";
                }
                byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(new FieldViolation(field, violation.message()));
            }
            List<Long> faulty = List.copyOf(byLine.keySet());
            for (long line : lines) {
                byLine.computeIfAbsent(line, l -> List.of(notImported(faulty.get(0), submission)));
            }
            return byLine;
        }
    }

    /** What the file holds: its reports, and the rows rejected while reading it, by line. */
    public record Read(long received, List<Assembled> reports, Map<Long, List<FieldViolation>> rejected) {
    }

    private static final class Group {
        final String country;
        final String period;
        final String programmeId;
        final List<Long> lines = new ArrayList<>();
        final List<ReportSubmission.Line> submitted = new ArrayList<>();
        final Map<String, Long> lineOf = new HashMap<>();
        final Map<String, Long> firstGivenAt = new HashMap<>();
        final Map<String, Object> reportFields = new HashMap<>();
        final List<Long> rejected = new ArrayList<>();

        Group(String country, String period, String programmeId) {
            this.country = country;
            this.period = period;
            this.programmeId = programmeId;
        }

        ReportSubmission submission() {
            return new ReportSubmission(country, period, (String) reportFields.get("currency"),
                    (BigDecimal) reportFields.get("gdp"), (BigDecimal) reportFields.get("totalGovernmentExpenditure"),
                    programmeId, List.copyOf(submitted));
        }
    }

    /**
     * Reads the file row by row.
     *
     * @throws InvalidInputException when the file as a whole is refused (empty, bad header, too many
     *         rows); then nothing may be stored
     */
    public static Read read(Reader reader) {
        CsvReader csv = CsvReader.open(reader);
        CsvReader.Row headerRow = csv.next();
        if (headerRow == null) {
            throw new InvalidInputException("file", "is empty: the first line must be the header "
                    + String.join(",", COLUMNS));
        }
        if (!headerRow.ok()) {
            throw new InvalidInputException("header", headerRow.error());
        }
        Violations headerViolations = new Violations();
        CsvHeader header = CsvHeader.read(headerRow.fields(), COLUMNS, REQUIRED, headerViolations);
        headerViolations.throwIfAny();
        Map<Long, List<FieldViolation>> rejected = new TreeMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        long received = 0;
        for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
            if (++received > MAX_ROWS) {
                throw new InvalidInputException("file", "has more than " + MAX_ROWS + " rows; split it into files of "
                        + "at most " + MAX_ROWS + " rows");
            }
            if (!row.ok()) {
                rejected.put(row.line(), List.of(new FieldViolation("", row.error())));
                continue;
            }
            Violations violations = new Violations();
            Group group = readRow(row, header, groups, violations);
            if (!violations.isEmpty()) {
                rejected.put(row.line(), violations.list());
                if (group != null) {
                    group.rejected.add(row.line());
                }
            }
        }
        List<Assembled> reports = new ArrayList<>();
        for (Group group : groups.values()) {
            if (group.rejected.isEmpty()) {
                reports.add(new Assembled(List.copyOf(group.lines), group.submission()));
                continue;
            }
            for (long line : group.lines) {
                rejected.put(line, List.of(notImported(group.rejected.get(0), group.submission())));
            }
        }
        return new Read(received, reports, rejected);
    }

    /** Adds one row to its report; returns the report it belongs to (null when it cannot be told). */
    private static Group readRow(CsvReader.Row row, CsvHeader header, Map<String, Group> groups,
            Violations violations) {
        List<String> cells = row.fields();
        String country = header.cell(cells, "country");
        String period = header.cell(cells, "period");
        violations.required(country, "country");
        violations.required(period, "period");
        FinancingFunction function = enumCell(header, cells, "function", FinancingFunction.class, violations);
        FundingSource source = enumCell(header, cells, "source", FundingSource.class, violations);
        BigDecimal allocated = decimal(header, cells, "allocated", violations);
        BigDecimal executed = decimal(header, cells, "executed", violations);
        Map<String, Object> reportFields = new LinkedHashMap<>();
        String currency = header.cell(cells, "currency");
        if (violations.required(currency, "currency")) {
            reportFields.put("currency", currency);
        }
        reportFields.put("gdp", decimal(header, cells, "gdp", violations));
        reportFields.put("totalGovernmentExpenditure", decimal(header, cells, "totalGovernmentExpenditure", violations));
        if (country == null || period == null) {
            return null;
        }
        String canonicalPeriod = ReportingPeriod.parseLenient(period).map(ReportingPeriod::toString).orElse(period);
        String programmeId = header.cell(cells, "programmeId");
        Group group = groups.computeIfAbsent(country + "|" + canonicalPeriod + "|" + programmeId,
                key -> new Group(country, canonicalPeriod, programmeId));
        reportFields.forEach((field, value) -> {
            if (value == null) {
                return;
            }
            Object earlier = group.reportFields.putIfAbsent(field, value);
            boolean same = earlier == null || (value instanceof BigDecimal d ? d.compareTo((BigDecimal) earlier) == 0
                    : value.equals(earlier));
            if (earlier == null) {
                group.firstGivenAt.put(field, row.line());
            }
            else if (!same) {
                violations.add(field, "is " + plain(value) + " but line " + group.firstGivenAt.get(field)
                        + " of the same report gives " + plain(earlier) + "; a report has one " + field);
            }
        });
        if (function != null && source != null) {
            Long earlier = group.lineOf.putIfAbsent(function + "/" + source, row.line());
            if (earlier != null) {
                violations.add("", "repeats function " + function + " and source " + source + " of line " + earlier
                        + " in the same report (country, period, programmeId); give one row per function and source");
            }
        }
        if (violations.isEmpty()) {
            group.lines.add(row.line());
            group.submitted.add(new ReportSubmission.Line(function, source, allocated, executed));
        }
        return group;
    }

    private static String plain(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    /** Why a good row of a report with a rejected row is not imported either. */
    static FieldViolation notImported(long faultyLine, ReportSubmission s) {
        return new FieldViolation("", "not imported: line " + faultyLine + " of the same report (country "
                + s.country() + ", period " + s.period() + ", " + (s.programmeId() == null ? "whole country"
                        : "programme " + s.programmeId()) + ") is rejected; a report is imported whole or not at all");
    }

    private static BigDecimal decimal(CsvHeader header, List<String> cells, String column, Violations violations) {
        String text = header.cell(cells, column);
        Optional<BigDecimal> value = Decimals.parsePlain(text);
        if (text != null && value.isEmpty()) {
            violations.add(column, "must be a decimal with a point, such as 1250000.50 (no grouping, no exponent);"
                    + " was '" + text + "'");
        }
        return value.orElse(null);
    }

    private static <E extends Enum<E>> E enumCell(CsvHeader header, List<String> cells, String column, Class<E> type,
            Violations violations) {
        return violations.required(header.cell(cells, column), column)
                ? header.enumCell(cells, column, type, violations) : null;
    }

    private ReportLinesCsv() {
    }
}
