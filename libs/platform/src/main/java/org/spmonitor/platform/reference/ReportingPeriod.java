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

    private static final Pattern DHIS2_MONTH = Pattern.compile("(\\d{4})(0[1-9]|1[0-2])");
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2200;

    public ReportingPeriod {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
    }

    /**
     * Parses the canonical forms of DESIGN.md only. Read character by character: the projection parses
     * the period of every event it applies, and the regular expressions this replaced were a few per
     * cent of a replay's CPU.
     */
    public static Optional<ReportingPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return Optional.empty();
        }
        if (text.length() == 4) {
            return Optional.of(new ReportingPeriod(year, Kind.YEAR, 1));
        }
        if (text.length() == 6 && text.charAt(4) == 'Q') {
            int quarter = digits(text, 5, 1);
            return quarter >= 1 && quarter <= 4 ? Optional.of(new ReportingPeriod(year, Kind.QUARTER, quarter))
                    : Optional.empty();
        }
        if (text.length() == 7 && text.charAt(4) == '-') {
            int month = digits(text, 5, 2);
            return month >= 1 && month <= 12 ? Optional.of(new ReportingPeriod(year, Kind.MONTH, month))
                    : Optional.empty();
        }
        return Optional.empty();
    }

    /** The number written by {@code length} ASCII digits from {@code from}, or -1. */
    private static int digits(String text, int from, int length) {
        if (text.length() < from + length) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
