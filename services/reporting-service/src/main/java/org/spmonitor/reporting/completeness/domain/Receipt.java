package org.spmonitor.reporting.completeness.domain;

import java.time.Instant;

/**
 * What arrived for one item a programme owes (a count series, a financing report, an indicator actual of
 * a period): when it first arrived (the time of the first event that reported it, CloudEvents
 * {@code ce_time}), whether it is there now (not withdrawn) and whether its current version is validated.
 */
public record Receipt(Instant firstReceived, boolean live, boolean validated) {

    /** The earlier of the two first receipts (order-independent, so a replay or redelivery gives the same). */
    public Receipt firstReceivedAlso(Instant time) {
        return time == null || firstReceived != null && !time.isBefore(firstReceived) ? this
                : new Receipt(time, live, validated);
    }
}
