package org.spmonitor.platform.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportingPeriodTest {

    @Test
    void parsesYearQuarterAndMonthWithTheirDates() {
        ReportingPeriod year = ReportingPeriod.parse("2025").orElseThrow();
        ReportingPeriod quarter = ReportingPeriod.parse("2025Q2").orElseThrow();
        ReportingPeriod month = ReportingPeriod.parse("2025-11").orElseThrow();

        assertThat(year.start()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(year.end()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(quarter.start()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(quarter.end()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(month.end()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(month.quarter()).isEqualTo(4);
        assertThat(year.contains(quarter)).isTrue();
        assertThat(quarter.contains(month)).isFalse();
        assertThat(quarter.contains(quarter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025Q5", "2025Q0", "2025-13", "2025-00", "25", "2025-1", "202501", "2025q1", "", "2025 ",
        "1899", "2201", "20a5", "2025Qx", "2025-1a", "+2025", "2025-012", "２０２５" })
    void refusesNonCanonicalForms(String text) {
        assertThat(ReportingPeriod.parse(text)).isEmpty();
    }

    @Test
    void normalisesDhis2MonthsOnImport() {
        assertThat(ReportingPeriod.parseLenient("202503").map(Object::toString)).contains("2025-03");
        assertThat(ReportingPeriod.parseLenient("2025Q1").map(Object::toString)).contains("2025Q1");
    }

    @Test
    void ordersByEndThenFinerPeriodLast() {
        ReportingPeriod q4 = ReportingPeriod.parse("2025Q4").orElseThrow();
        ReportingPeriod year = ReportingPeriod.parse("2025").orElseThrow();
        ReportingPeriod december = ReportingPeriod.parse("2025-12").orElseThrow();
        ReportingPeriod q3 = ReportingPeriod.parse("2025Q3").orElseThrow();

        assertThat(q4).isGreaterThan(q3);
        assertThat(q4).isGreaterThan(year);
        assertThat(december).isGreaterThan(q4);
    }
}
