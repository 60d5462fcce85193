package org.spmonitor.reporting.completeness.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.platform.reference.ReportingPeriod;

/**
 * When a programme owes its data (ADR 0020): one reporting period per month, quarter or year of its
 * frequency, for every such period that overlaps the programme's dates; each is due {@code dueLagDays}
 * after the period's last day, until the end of that day in UTC.
 *
 * @param frequency months, quarters or years
 * @param dueLagDays days after the end of a period that its data is due (0: on its last day)
 * @param startDate the programme's first day (null: owes nothing, its dates are unknown)
 * @param endDate its last day (null: open-ended)
 */
public record ReportingSchedule(ReportingFrequency frequency, int dueLagDays, LocalDate startDate, LocalDate endDate) {

    public ReportingSchedule {
        frequency = frequency == null ? ReportingFrequency.DEFAULT : frequency;
        if (dueLagDays < 0) {
            throw new IllegalArgumentException("a due lag is not negative, was " + dueLagDays);
        }
    }

    /** The schedule of a programme that may not have declared one (null: the defaults). */
    public static ReportingSchedule of(ReportingFrequency frequency, Integer dueLagDays, LocalDate startDate,
            LocalDate endDate) {
        return new ReportingSchedule(frequency,
                dueLagDays == null ? ReportingFrequency.DEFAULT_DUE_LAG_DAYS : dueLagDays, startDate, endDate);
    }

    /** The periods of {@code year} the programme owes data for, in order. */
    public List<ReportingPeriod> periodsIn(int year) {
        List<ReportingPeriod> periods = new ArrayList<>();
        if (startDate == null) {
            return periods;
        }
        for (ReportingPeriod period : allPeriodsOf(year)) {
            if (period.overlaps(startDate, endDate == null ? LocalDate.MAX : endDate)) {
                periods.add(period);
            }
        }
        return periods;
    }

    private List<ReportingPeriod> allPeriodsOf(int year) {
        List<ReportingPeriod> periods = new ArrayList<>();
        switch (frequency) {
            case MONTHLY -> {
                for (int month = 1; month <= 12; month++) {
                    periods.add(new ReportingPeriod(year, ReportingPeriod.Kind.MONTH, month));
                }
            }
            case QUARTERLY -> {
                for (int quarter = 1; quarter <= 4; quarter++) {
                    periods.add(new ReportingPeriod(year, ReportingPeriod.Kind.QUARTER, quarter));
                }
            }
            case ANNUAL -> periods.add(new ReportingPeriod(year, ReportingPeriod.Kind.YEAR, 1));
        }
        return periods;
    }

    /** The last day the data of {@code period} is due on. */
    public LocalDate dueDate(ReportingPeriod period) {
        return period.end().plusDays(dueLagDays);
    }

    /** The first instant the data of {@code period} is late: the start of the day after its due date, in UTC. */
    public Instant lateFrom(ReportingPeriod period) {
        return dueDate(period).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether data of {@code period} received at {@code received} (its event's time) arrived by its due date. */
    public boolean onTime(ReportingPeriod period, Instant received) {
        return received.isBefore(lateFrom(period));
    }

    /** Whether {@code period} is past its due date at {@code now}. */
    public boolean isPastDue(ReportingPeriod period, Instant now) {
        return !now.isBefore(lateFrom(period));
    }
}
