package org.spmonitor.financing.rate.domain;

import java.time.Instant;
import java.util.List;

/**
 * The latest version of a rate as kept, {@code unitsPerUsd} as its exact decimal string; {@code history}
 * (every version, oldest first) when one rate is read, null in lists.
 */
public record RateRecord(String currency, int year, String unitsPerUsd, long version, String source,
        Instant updatedAt, String updatedBy, List<Revision> history) {

    /** One version of the rate. */
    public record Revision(long version, Instant at, String by, String unitsPerUsd, String source) {
    }
}
