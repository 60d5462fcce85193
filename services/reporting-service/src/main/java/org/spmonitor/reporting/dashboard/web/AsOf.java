package org.spmonitor.reporting.dashboard.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.spmonitor.platform.validation.Violations;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFilter;

/** The {@code asOf}, {@code from} and {@code to} parameters of the dashboards (ADR 0021): RFC 3339 instants. */
final class AsOf {

    private AsOf() {
    }

    /**
     * The instant of an RFC 3339 date-time with an offset ({@code 2025-06-30T12:00:00Z},
     * {@code 2025-06-30T14:00:00+02:00}); null when absent. A {@code +} that arrived as a space (an
     * unencoded query string) is read as {@code +}.
     */
    static Instant parse(String value, String field, Violations violations) {
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

    static void requireUnfiltered(Instant asOf, ProgrammeFilter filter, Violations violations) {
        violations.check(asOf == null || filter.isEmpty(), "asOf",
                () -> "cannot be combined with donor, partner, targetGroup, floorGuarantee or branch yet");
    }

    /** What a file name of a dashboard as of a date ends with: {@code -asof-20250630T120000Z}. */
    static String suffix(Instant asOf) {
        return asOf == null ? "" : "-asof-" + asOf.toString().replace("-", "").replace(":", "");
    }
}
