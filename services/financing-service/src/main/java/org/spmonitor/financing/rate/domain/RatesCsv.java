package org.spmonitor.financing.rate.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.financing.figures.domain.Decimals;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.Violations;

/**
 * Reads a table of exchange rates:
 *
 * <pre>
 * currency,year,unitsPerUsd,source
 * XOF,2025,601.2350,BCEAO annual average
 * KHR,2025,4102.75,"National Bank of Cambodia, official rate"
 * </pre>
 *
 * A header row names the columns (any order, any case; {@code source} optional, other names refused).
 * Cells are separated by commas, or by semicolons when the header uses them (spreadsheets in French
 * locales). Quoting follows RFC 4180: a cell in double quotes may hold the separator, and {@code ""} is a
 * quote. Decimals use a point, no grouping, no exponent. Blank lines are ignored. A (currency, year)
 * appears once per table. Every problem is reported as {@code rows[i].column}, with its line number.
 */
public final class RatesCsv {

    public static final int MAX_ROWS = 10_000;
    static final List<String> COLUMNS = List.of("currency", "year", "unitsPerUsd", "source");
    static final List<String> REQUIRED = List.of("currency", "year", "unitsPerUsd");

    /** One data row with the line of the file it starts on (1 = the header). */
    public record Row(int line, ExchangeRate rate) {
    }

    /**
     * Parses and checks the whole table.
     *
     * @throws InvalidInputException listing every problem; then nothing may be stored
     */
    public static List<Row> parse(String text) {
        Violations violations = new Violations();
        String csv = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = records(csv);
        if (records.isEmpty()) {
            throw new InvalidInputException("", "the table is empty: the first line must be the header "
                    + String.join(",", COLUMNS));
        }
        Record header = records.get(0);
        Map<String, Integer> columns = columns(header, violations);
        violations.throwIfAny();
        List<Record> data = records.subList(1, records.size());
        if (data.isEmpty()) {
            throw new InvalidInputException("", "the table has a header but no rates");
        }
        if (data.size() > MAX_ROWS) {
            throw new InvalidInputException("", "the table has " + data.size() + " rows; send at most " + MAX_ROWS
                    + " per request");
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            Record record = data.get(i);
            Violations row = violations.nested("rows", i);
            int before = violations.list().size();
            if (record.cells().size() > header.cells().size()) {
                row.add("", "line " + record.line() + ": has " + record.cells().size() + " cells but the header has "
                        + header.cells().size());
                continue;
            }
            Integer year = null;
            String yearText = cell(record, columns, "year");
            boolean yearUnreadable = yearText != null && !yearText.matches("[0-9]{4}");
            if (yearUnreadable) {
                row.add("year", "line " + record.line() + ": must be a four-digit year; was '" + yearText + "'");
            }
            else if (yearText != null) {
                year = Integer.valueOf(yearText);
            }
            String rateText = cell(record, columns, "unitsPerUsd");
            Optional<BigDecimal> rate = Decimals.parsePlain(rateText);
            boolean rateUnreadable = rateText != null && rate.isEmpty();
            if (rateUnreadable) {
                row.add("unitsPerUsd", "line " + record.line() + ": must be a decimal with a point, such as 601.2350"
                        + " (no grouping, no exponent); was '" + rateText + "'");
            }
            String currency = cell(record, columns, "currency");
            Violations checks = new Violations();
            Optional<ExchangeRate> checked = ExchangeRateRules.check(
                    new RateSubmission(currency, year, rate.orElse(null), cell(record, columns, "source")), checks);
            for (FieldViolation v : checks.list()) {
                boolean saidAlready = yearUnreadable && v.field().equals("year")
                        || rateUnreadable && v.field().equals("unitsPerUsd");
                if (!saidAlready) {
                    row.add(v.field(), "line " + record.line() + ": " + v.message());
                }
            }
            boolean rowValid = violations.list().size() == before;
            if (checked.isPresent() && rowValid) {
                Integer first = firstLineOf.putIfAbsent(checked.get().id(), record.line());
                if (first != null) {
                    row.add("", "line " + record.line() + ": repeats " + currency + " " + year + " of line " + first
                            + "; give one rate per currency and year");
                }
                else {
                    rows.add(new Row(record.line(), checked.get()));
                }
            }
        }
        violations.throwIfAny();
        return rows;
    }

    private static Map<String, Integer> columns(Record header, Violations violations) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).strip();
            Optional<String> known = COLUMNS.stream().filter(c -> c.toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))).findFirst();
            if (known.isEmpty()) {
                violations.add("header", "line 1: unknown column '" + name + "'; the columns are "
                        + String.join(", ", COLUMNS));
            }
            else if (columns.putIfAbsent(known.get(), i) != null) {
                violations.add("header", "line 1: column '" + known.get() + "' appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                violations.add("header", "line 1: column '" + required + "' is missing; the columns are "
                        + String.join(", ", COLUMNS));
            }
        }
        return columns;
    }

    /** The stripped cell of {@code column}, or null when the column is absent or the cell is blank. */
    private static String cell(Record record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.cells().size()) {
            return null;
        }
        String value = record.cells().get(index).strip();
        return value.isEmpty() ? null : value;
    }

    record Record(int line, List<String> cells) {
    }

    /** Splits RFC 4180 text into records, skipping blank lines; the separator is taken from the first line. */
    static List<Record> records(String csv) {
        int firstBreak = csv.indexOf('\n');
        String firstLine = firstBreak < 0 ? csv : csv.substring(0, firstBreak);
        char separator = firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0 ? ';' : ',';
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean blank = true;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                }
                else if (c == '"') {
                    quoted = false;
                }
                else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            }
            else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                blank = false;
                cell.setLength(0);
            }
            else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
                blank = false;
            }
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                if (!(blank && cells.size() == 1 && cells.get(0).isBlank())) {
                    records.add(new Record(recordLine, List.copyOf(cells)));
                }
                cells.clear();
                cell.setLength(0);
                blank = true;
                line++;
                recordLine = line;
            }
            else {
                cell.append(c);
                if (!Character.isWhitespace(c)) {
                    blank = false;
                }
            }
        }
        cells.add(cell.toString());
        if (!(blank && cells.size() == 1 && cells.get(0).isBlank())) {
            records.add(new Record(recordLine, List.copyOf(cells)));
        }
        return records;
    }

    private RatesCsv() {
    }
}
