package org.spmonitor.reporting.completeness.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Completeness counted in items owed (ADR 0020): an item is one count series (target group and measure),
 * one financing report or one indicator actual of a programme and period. {@code late} is what arrived
 * after its due date plus what is past due and still missing ({@code overdue}); {@code onTimeShare} is
 * onTime / (onTime + late), null when nothing was due or received yet.
 */
public record Tally(int expected, int received, int validated, int onTime, int late, int receivedLate, int overdue,
        BigDecimal onTimeShare) {

    public static final Tally NONE = of(0, 0, 0, 0, 0, 0);

    public static Tally of(int expected, int received, int validated, int onTime, int receivedLate, int overdue) {
        int late = receivedLate + overdue;
        BigDecimal share = onTime + late == 0 ? null
                : BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(onTime + late), 4, RoundingMode.HALF_EVEN);
        return new Tally(expected, received, validated, onTime, late, receivedLate, overdue, share);
    }

    public Tally plus(Tally other) {
        return of(expected + other.expected, received + other.received, validated + other.validated,
                onTime + other.onTime, receivedLate + other.receivedLate, overdue + other.overdue);
    }
}
