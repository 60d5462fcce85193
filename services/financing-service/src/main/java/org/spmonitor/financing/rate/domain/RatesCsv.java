package org.spmonitor.financing.rate.domain;

import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.financing.figures.domain.Decimals;
import org.spmonitor.platform.csv.CsvHeader;
import org.spmonitor.platform.csv.CsvReader;
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
 * The table is read by the platform's {@link CsvReader}: commas, or semicolons when the header uses
 * them (spreadsheets in French locales); RFC 4180 quoting; a byte order mark and blank lines ignored;
 * every row as wide as the header. Decimals use a point, no grouping, no exponent. A (currency, year)
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
     * Reads and checks the whole table, streamed record by record.
     *
     * @throws InvalidInputException listing every problem; then nothing may be stored
     */
    public static List<Row> parse(Reader text) {
        Violations violations = new Violations();
        CsvReader csv = CsvReader.open(text);
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new InvalidInputException("", "the table is empty: the first line must be the header "
                    + String.join(",", COLUMNS));
        }
        if (!header.ok()) {
            throw new InvalidInputException("header", "line 1: " + header.error());
        }
        CsvHeader columns = columns(header.fields(), violations);
        violations.throwIfAny();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        int i = 0;
        for (CsvReader.Row record = csv.next(); record != null; record = csv.next(), i++) {
            if (i == MAX_ROWS) {
                throw new InvalidInputException("", "the table has more than " + MAX_ROWS + " rows; send at most "
                        + MAX_ROWS + " per request");
            }
            Violations row = violations.nested("rows", i);
            int line = Math.toIntExact(record.line());
            if (!record.ok()) {
                row.add("", "line " + line + ": " + record.error());
                continue;
            }
            int before = violations.list().size();
            Integer year = null;
            String yearText = columns.cell(record.fields(), "year");
            boolean yearUnreadable = yearText != null && !yearText.matches("[0-9]{4}");
            if (yearUnreadable) {
                row.add("year", "line " + line + ": must be a four-digit year; was '" + yearText + "'");
            }
            else if (yearText != null) {
                year = Integer.valueOf(yearText);
            }
            String rateText = columns.cell(record.fields(), "unitsPerUsd");
            Optional<BigDecimal> rate = Decimals.parsePlain(rateText);
            boolean rateUnreadable = rateText != null && rate.isEmpty();
            if (rateUnreadable) {
                row.add("unitsPerUsd", "line " + line + ": must be a decimal with a point, such as 601.2350"
                        + " (no grouping, no exponent); was '" + rateText + "'");
            }
            String currency = columns.cell(record.fields(), "currency");
            Violations checks = new Violations();
            Optional<ExchangeRate> checked = ExchangeRateRules.check(new RateSubmission(currency, year,
                    rate.orElse(null), columns.cell(record.fields(), "source")), checks);
            for (FieldViolation v : checks.list()) {
                boolean saidAlready = yearUnreadable && v.field().equals("year")
                        || rateUnreadable && v.field().equals("unitsPerUsd");
                if (!saidAlready) {
                    row.add(v.field(), "line " + line + ": " + v.message());
                }
            }
            boolean rowValid = violations.list().size() == before;
            if (checked.isPresent() && rowValid) {
                Integer first = firstLineOf.putIfAbsent(checked.get().id(), line);
                if (first != null) {
                    row.add("", "line " + line + ": repeats " + currency + " " + year + " of line " + first
                            + "; give one rate per currency and year");
                }
                else {
                    rows.add(new Row(line, checked.get()));
                }
            }
        }
        if (i == 0) {
            throw new InvalidInputException("", "the table has a header but no rates");
        }
        violations.throwIfAny();
        return rows;
    }

    private static CsvHeader columns(List<String> header, Violations violations) {
        return CsvHeader.read(header, COLUMNS, REQUIRED, new CsvHeader.Problems() {
            @Override
            public void unknown(int index, String given) {
                violations.add("header", "line 1: unknown column '" + given + "'; the columns are "
                        + String.join(", ", COLUMNS));
            }

            @Override
            public void repeated(int index, String name) {
                violations.add("header", "line 1: column '" + name + "' appears twice");
            }

            @Override
            public void missing(String name) {
                violations.add("header", "line 1: column '" + name + "' is missing; the columns are "
                        + String.join(", ", COLUMNS));
            }
        });
    }

    private RatesCsv() {
    }
}
