package org.spmonitor.reporting.completeness.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.reporting.ReportingDataset;

/** Expected, received, validated, late and on-time shares from receipts and a clock, without Spring. */
class CompletenessCalculatorTest {

    private static final Instant ON_TIME_Q1 = Instant.parse("2025-04-20T10:00:00Z");
    private static final Instant LATE_Q1 = Instant.parse("2025-05-02T10:00:00Z");
    /** Q1 and Q2 are past due (30 April, 30 July), Q3 and Q4 are not. */
    private static final Instant NOW = Instant.parse("2025-09-01T00:00:00Z");

    private static ProgrammeReporting programme(ProgrammeStatus status, Map<String, Receipt> counts,
            Map<String, Receipt> indicators) {
        return new ProgrammeReporting("prg-1", "Family Package", status,
                new ReportingSchedule(ReportingFrequency.QUARTERLY, 30, LocalDate.of(2024, 1, 1), null),
                List.of("CHILDREN/ACTIVE", "CHILDREN/NEW"), List.of("SDG-1.3.1"), counts, indicators);
    }

    private static Map<String, Receipt> counts() {
        Map<String, Receipt> counts = new TreeMap<>();
        counts.put("2025Q1|CHILDREN/ACTIVE", new Receipt(ON_TIME_Q1, true, true));
        counts.put("2025Q1|CHILDREN/NEW", new Receipt(LATE_Q1, true, false));
        counts.put("2025Q2|CHILDREN/ACTIVE", new Receipt(ON_TIME_Q1, false, false)); // withdrawn
        counts.put("2025Q2|OLDER_PERSONS/ACTIVE", new Receipt(ON_TIME_Q1, true, false)); // not a group it owes
        return counts;
    }

    @Test
    void countsAreOwedPerTargetGroupAndMeasureAndJudgedByTheirFirstArrivalAndTheClock() {
        CountryCompleteness c = CompletenessCalculator.country("KHM", 2025,
                List.of(programme(ProgrammeStatus.ACTIVE, counts(), Map.of())), Map.of(), NOW);

        Tally counts = c.datasets().get(ReportingDataset.BENEFICIARY_COUNTS);
        assertThat(counts.expected()).as("4 quarters x 2 series").isEqualTo(8);
        assertThat(counts.received()).isEqualTo(2);
        assertThat(counts.validated()).isEqualTo(1);
        assertThat(counts.onTime()).isEqualTo(1);
        assertThat(counts.receivedLate()).isEqualTo(1);
        assertThat(counts.overdue()).as("Q2's two series (one withdrawn)").isEqualTo(2);
        assertThat(counts.late()).isEqualTo(3);
        assertThat(counts.onTimeShare()).isEqualByComparingTo("0.25");
        assertThat(c.periods()).filteredOn(p -> p.dataset() == ReportingDataset.BENEFICIARY_COUNTS)
                .extracting(PeriodCompleteness::period).containsExactly("2025Q1", "2025Q2", "2025Q3", "2025Q4");
    }

    @Test
    void owedListsWhatIsPastDueAndMissingWithTheMissingItems() {
        CountryCompleteness c = CompletenessCalculator.country("KHM", 2025,
                List.of(programme(ProgrammeStatus.ACTIVE, counts(), Map.of())), Map.of(), NOW);

        assertThat(c.owed()).extracting(o -> o.period() + " " + o.dataset()).containsExactly(
                "2025Q1 FINANCING", "2025Q1 INDICATOR_RESULTS", "2025Q2 BENEFICIARY_COUNTS", "2025Q2 FINANCING",
                "2025Q2 INDICATOR_RESULTS");
        Obligation q2Counts = c.owed().get(2);
        assertThat(q2Counts.missing()).containsExactly("CHILDREN/ACTIVE", "CHILDREN/NEW");
        assertThat(q2Counts.dueDate()).isEqualTo(LocalDate.of(2025, 7, 30));
        assertThat(c.programmes().get(0).obligations()).filteredOn(o -> o.period().equals("2025Q3"))
                .extracting(Obligation::status).containsOnly("DUE_LATER");
        assertThat(c.programmes().get(0).obligations()).filteredOn(o -> o.period().equals("2025Q1")
                && o.dataset() == ReportingDataset.BENEFICIARY_COUNTS).extracting(Obligation::status)
                .containsExactly("COMPLETE");
    }

    @Test
    void aLaterClockOnlyMovesWhatIsMissingFromDueLaterToOverdue() {
        List<ProgrammeReporting> programmes = List.of(programme(ProgrammeStatus.ACTIVE, counts(), Map.of()));

        Tally september = CompletenessCalculator.country("KHM", 2025, programmes, Map.of(), NOW).total();
        Tally nextYear = CompletenessCalculator.country("KHM", 2025, programmes, Map.of(),
                Instant.parse("2026-06-01T00:00:00Z")).total();

        assertThat(nextYear.received()).isEqualTo(september.received());
        assertThat(nextYear.onTime()).isEqualTo(september.onTime());
        assertThat(nextYear.overdue()).isGreaterThan(september.overdue());
        assertThat(nextYear.overdue()).isEqualTo(nextYear.expected() - nextYear.received());
    }

    @Test
    void aWholeCountryFinancingReportServesEveryProgrammeAndTheEarlierOfTwoReportsCounts() {
        Map<String, Receipt> financing = new TreeMap<>();
        financing.put("2025Q1|*", new Receipt(LATE_Q1, true, false));
        financing.put("2025Q1|prg-1", new Receipt(ON_TIME_Q1, true, true));
        financing.put("2025Q2|*", new Receipt(ON_TIME_Q1, true, false));

        Tally tally = CompletenessCalculator.country("KHM", 2025,
                List.of(programme(ProgrammeStatus.ACTIVE, Map.of(), Map.of())), financing, NOW).datasets()
                .get(ReportingDataset.FINANCING);

        assertThat(tally.expected()).isEqualTo(4);
        assertThat(tally.received()).isEqualTo(2);
        assertThat(tally.onTime()).isEqualTo(2);
        assertThat(tally.validated()).as("Q1: the programme's own, validated report arrived first").isEqualTo(1);
        assertThat(tally.overdue()).isZero();
    }

    @Test
    void indicatorActualsAreOwedPerIndicatorAndAPlannedProgrammeOwesNothing() {
        Map<String, Receipt> indicators = Map.of("2025Q1|SDG-1.3.1", new Receipt(ON_TIME_Q1, true, false));

        Tally tally = CompletenessCalculator.country("KHM", 2025,
                List.of(programme(ProgrammeStatus.ACTIVE, Map.of(), indicators)), Map.of(), NOW).datasets()
                .get(ReportingDataset.INDICATOR_RESULTS);
        CountryCompleteness planned = CompletenessCalculator.country("KHM", 2025,
                List.of(programme(ProgrammeStatus.PLANNED, counts(), indicators)), Map.of(), NOW);

        assertThat(tally.expected()).isEqualTo(4);
        assertThat(tally.received()).isEqualTo(1);
        assertThat(tally.overdue()).isEqualTo(1);
        assertThat(planned.total().expected()).isZero();
        assertThat(planned.total().onTimeShare()).as("nothing due: no share").isNull();
    }

    @Test
    void theWorldSumsItsCountries() {
        CountryCompleteness khm = CompletenessCalculator.country("KHM", 2025,
                List.of(programme(ProgrammeStatus.ACTIVE, counts(), Map.of())), Map.of(), NOW);
        CountryCompleteness sen = CompletenessCalculator.country("SEN", 2025, List.of(), Map.of(), NOW);

        GlobalCompleteness world = CompletenessCalculator.global(2025, NOW, List.of(sen, khm));

        assertThat(world.countries()).extracting(GlobalCompleteness.CountryRow::country).containsExactly("KHM", "SEN");
        assertThat(world.total()).isEqualTo(khm.total());
        assertThat(world.countries().get(0).owed()).isEqualTo(khm.owed().size());
    }
}
