package org.spmonitor.platform.reference;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a year ({@code 2025}), a quarter ({@code 2025Q1}) or a month ({@code 2025-01}).
 * DHIS2 forms ({@code 2025Q1}, {@code 202501}) are accepted by {@link #parseLenient(String)} and
 * normalised.
 */
public record ReportingPeriod(int year, Kind kind, int index) implements Comparable<ReportingPeriod> {

    public enum Kind {
        YEAR, QUARTER, MONTH
    }

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern DHIS2_MONTH = Pattern.compile("(\\d{4})(0[1-9]|1[0-2])");
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2200;

    public ReportingPeriod {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
    }

    /** Parses the canonical forms of DESIGN.md only. */
    public static Optional<ReportingPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Matcher m = YEAR.matcher(text);
            if (m.matches()) {
                return Optional.of(new ReportingPeriod(Integer.parseInt(m.group(1)), Kind.YEAR, 1));
            }
            m = QUARTER.matcher(text);
            if (m.matches()) {
                return Optional.of(new ReportingPeriod(Integer.parseInt(m.group(1)), Kind.QUARTER,
                        Integer.parseInt(m.group(2))));
            }
            m = MONTH.matcher(text);
            if (m.matches()) {
                return Optional.of(new ReportingPeriod(Integer.parseInt(m.group(1)), Kind.MONTH,
                        Integer.parseInt(m.group(2))));
            }
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Also accepts DHIS2's {@code 202501} month form. */
    public static Optional<ReportingPeriod> parseLenient(String text) {
        Optional<ReportingPeriod> canonical = parse(text);
        if (canonical.isPresent() || text == null) {
            return canonical;
        }
        Matcher m = DHIS2_MONTH.matcher(text);
        if (m.matches()) {
            return parse(m.group(1) + "-" + m.group(2));
        }
        return Optional.empty();
    }

    public static final String FORMAT_HINT = "must be a year (2025), a quarter (2025Q1) or a month (2025-01)";

    public LocalDate start() {
        return switch (kind) {
            case YEAR -> LocalDate.of(year, 1, 1);
            case QUARTER -> LocalDate.of(year, (index - 1) * 3 + 1, 1);
            case MONTH -> LocalDate.of(year, index, 1);
        };
    }

    public LocalDate end() {
        return switch (kind) {
            case YEAR -> LocalDate.of(year, 12, 31);
            case QUARTER -> start().plusMonths(3).minusDays(1);
            case MONTH -> start().plusMonths(1).minusDays(1);
        };
    }

    /** The quarter (1..4) this period lies in, or 0 for a whole year. */
    public int quarter() {
        return switch (kind) {
            case YEAR -> 0;
            case QUARTER -> index;
            case MONTH -> (index - 1) / 3 + 1;
        };
    }

    /** Whether {@code other} lies wholly inside this period (a period contains itself). */
    public boolean contains(ReportingPeriod other) {
        return !other.start().isBefore(start()) && !other.end().isAfter(end());
    }

    /** Whether the period overlaps the date range [from, to]. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return !end().isBefore(from) && !start().isAfter(to);
    }

    /** Later end first wins; at equal ends, the shorter (finer) period is the later one. */
    @Override
    public int compareTo(ReportingPeriod other) {
        int byEnd = end().compareTo(other.end());
        return byEnd != 0 ? byEnd : start().compareTo(other.start());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case YEAR -> Integer.toString(year);
            case QUARTER -> year + "Q" + index;
            case MONTH -> String.format("%d-%02d", year, index);
        };
    }
}
