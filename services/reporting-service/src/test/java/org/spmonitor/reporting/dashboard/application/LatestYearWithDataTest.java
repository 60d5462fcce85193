package org.spmonitor.reporting.dashboard.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The year the dashboards open on. */
class LatestYearWithDataTest {

    @Test
    void theLatestYearUpToTheCurrentOneWithFiguresNotTheCalendarYear() {
        // 2026 has a dashboard (a programme's target) but no figure: the page opens on 2025
        assertThat(DashboardQueries.latestWithData(List.of(2027, 2026, 2025, 2024), List.of(2024, 2025), 2026))
                .isEqualTo(2025);
        // a year with figures after the current one is not preferred to one before it
        assertThat(DashboardQueries.latestWithData(List.of(2030, 2024), List.of(2030, 2024), 2026)).isEqualTo(2024);
    }

    @Test
    void onlyLaterYearsWithFiguresGiveTheEarliestOfThem() {
        assertThat(DashboardQueries.latestWithData(List.of(2031, 2030), List.of(2031, 2030), 2026)).isEqualTo(2030);
    }

    @Test
    void withoutFiguresTheLatestYearListedAndWithoutYearsNone() {
        assertThat(DashboardQueries.latestWithData(List.of(2027, 2026), List.of(), 2026)).isEqualTo(2027);
        assertThat(DashboardQueries.latestWithData(List.of(), List.of(), 2026)).isNull();
    }
}
