package org.spmonitor.reporting.dashboard.web;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.spmonitor.platform.validation.Violations;

/** The {@code asOf}, {@code from} and {@code to} parameters of the dashboards (ADR 0021): RFC 3339 instants. */
public final class AsOf {

    private AsOf() {
    }

    /**
     * The instant of an RFC 3339 date-time with an offset ({@code 2025-06-30T12:00:00Z},
     * {@code 2025-06-30T14:00:00+02:00}); null when absent. A {@code +} that arrived as a space (an
     * unencoded query string) is read as {@code +}.
     */
    public static Instant parse(String value, String field, Violations violations) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant();
        }
        catch (DateTimeParseException ex) {
            violations.add(field, "must be an RFC 3339 instant such as 2025-06-30T12:00:00Z, was '" + value + "'");
            return null;
        }
    }

    /**
     * As {@link #parse(String, String, Violations)}, for the instant a dashboard is answered as of: one
     * after the clock's reading is read as now, since nothing later is known (the web page asks for the
     * end of a day, today's included).
     */
    public static Instant parse(String value, String field, Violations violations, Clock clock) {
        return notAfter(parse(value, field, violations), clock.instant());
    }

    /** {@code asOf}, or {@code now} when it is later (null stays null). */
    static Instant notAfter(Instant asOf, Instant now) {
        return asOf == null || !asOf.isAfter(now) ? asOf : now;
    }

    /** What a file name of a dashboard as of a date ends with: {@code -asof-20250630T120000Z}. */
    public static String suffix(Instant asOf) {
        return asOf == null ? "" : "-asof-" + asOf.toString().replace("-", "").replace(":", "");
    }
}
