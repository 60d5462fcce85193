package org.spmonitor.reporting.completeness.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.platform.reference.ReportingPeriod;

/** When a programme owes what: periods of its frequency inside its dates, due a lag after each ends. */
class ReportingScheduleTest {

    private static ReportingPeriod period(String text) {
        return ReportingPeriod.parse(text).orElseThrow();
    }

    private static ReportingSchedule schedule(ReportingFrequency frequency, int lag) {
        return new ReportingSchedule(frequency, lag, LocalDate.of(2020, 1, 1), null);
    }

    @Test
    void aMonthlyProgrammeOwesTwelvePeriodsAYearEachDueItsLagAfterTheMonthEnds() {
        ReportingSchedule monthly = schedule(ReportingFrequency.MONTHLY, 15);

        assertThat(monthly.periodsIn(2025)).extracting(ReportingPeriod::toString).containsExactly("2025-01", "2025-02",
                "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11",
                "2025-12");
        assertThat(monthly.dueDate(period("2025-01"))).isEqualTo(LocalDate.of(2025, 2, 15));
        assertThat(monthly.dueDate(period("2025-12"))).as("across the year end").isEqualTo(LocalDate.of(2026, 1, 15));
    }

    @Test
    void februaryEndsOnThe29thInALeapYear() {
        ReportingSchedule monthly = schedule(ReportingFrequency.MONTHLY, 1);

        assertThat(monthly.dueDate(period("2024-02"))).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(monthly.dueDate(period("2025-02"))).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(schedule(ReportingFrequency.MONTHLY, 0).dueDate(period("2024-02")))
                .isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(schedule(ReportingFrequency.MONTHLY, 0).dueDate(period("2025-02")))
                .isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(schedule(ReportingFrequency.MONTHLY, 0).dueDate(period("2100-02"))).as("not a leap year")
                .isEqualTo(LocalDate.of(2100, 2, 28));
    }

    @Test
    void aQuarterlyProgrammeOwesFourQuartersDueTheLagAfterEachQuarterEnds() {
        ReportingSchedule quarterly = schedule(ReportingFrequency.QUARTERLY, 45);

        assertThat(quarterly.periodsIn(2025)).extracting(ReportingPeriod::toString)
                .containsExactly("2025Q1", "2025Q2", "2025Q3", "2025Q4");
        assertThat(quarterly.dueDate(period("2025Q1"))).isEqualTo(LocalDate.of(2025, 5, 15));
        assertThat(quarterly.dueDate(period("2025Q4"))).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(schedule(ReportingFrequency.QUARTERLY, 60).dueDate(period("2024Q4")))
                .as("60 days after 31 December, across a leap February").isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(schedule(ReportingFrequency.QUARTERLY, 60).dueDate(period("2023Q4")))
                .isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void anAnnualProgrammeOwesTheYearDueTheLagAfterItsLastDay() {
        ReportingSchedule annual = schedule(ReportingFrequency.ANNUAL, 90);

        assertThat(annual.periodsIn(2025)).extracting(ReportingPeriod::toString).containsExactly("2025");
        assertThat(annual.dueDate(period("2025"))).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(annual.dueDate(period("2023"))).as("2024 is a leap year").isEqualTo(LocalDate.of(2024, 3, 30));
    }

    @Test
    void onlyPeriodsThatOverlapTheProgrammesDatesAreOwed() {
        ReportingSchedule schedule = new ReportingSchedule(ReportingFrequency.QUARTERLY, 30, LocalDate.of(2025, 3, 31),
                LocalDate.of(2025, 7, 1));

        assertThat(schedule.periodsIn(2025)).extracting(ReportingPeriod::toString)
                .containsExactly("2025Q1", "2025Q2", "2025Q3");
        assertThat(schedule.periodsIn(2024)).isEmpty();
        assertThat(new ReportingSchedule(ReportingFrequency.MONTHLY, 30, null, null).periodsIn(2025))
                .as("no dates, nothing owed").isEmpty();
    }

    @Test
    void dataIsOnTimeUntilTheEndOfItsDueDateInUtcAndPastDueFromTheNextDay() {
        ReportingSchedule quarterly = schedule(ReportingFrequency.QUARTERLY, 45);
        ReportingPeriod q1 = period("2025Q1");

        assertThat(quarterly.onTime(q1, Instant.parse("2025-05-15T23:59:59.999Z"))).isTrue();
        assertThat(quarterly.onTime(q1, Instant.parse("2025-05-16T00:00:00Z"))).isFalse();
        assertThat(quarterly.isPastDue(q1, Instant.parse("2025-05-15T23:59:59.999Z"))).isFalse();
        assertThat(quarterly.isPastDue(q1, Instant.parse("2025-05-16T00:00:00Z"))).isTrue();
    }

    @Test
    void aProgrammeWithoutAScheduleReportsQuarterlyDue45Days() {
        ReportingSchedule defaults = ReportingSchedule.of(null, null, LocalDate.of(2025, 1, 1), null);

        assertThat(defaults.frequency()).isEqualTo(ReportingFrequency.QUARTERLY);
        assertThat(defaults.dueLagDays()).isEqualTo(45);
        assertThatThrownBy(() -> new ReportingSchedule(ReportingFrequency.ANNUAL, -1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
