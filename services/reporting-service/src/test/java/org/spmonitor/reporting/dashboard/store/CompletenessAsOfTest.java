package org.spmonitor.reporting.dashboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.reporting.completeness.domain.ProgrammeReporting;
import org.spmonitor.reporting.completeness.domain.Receipt;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.HistoryEntry.Kind;
import org.spmonitor.reporting.projection.CompletenessReceipts;
import org.spmonitor.reporting.testdata.Facts;

import tools.jackson.databind.json.JsonMapper;

/**
 * Completeness as of a date (ADR 0020, 0021) from the fact history, in memory ({@link CompletenessReceipts}
 * over the documents {@link FactHistory} rebuilds): an item first arrived at the earliest event known then
 * that reported it, whatever came later, and its state and its programme's schedule are those of then.
 */
class CompletenessAsOfTest {

    private static final Instant T = Instant.parse("2024-04-20T09:00:00Z");
    private static final JsonMapper JSON = new EventCodec("/spmonitor/test").mapper();
    private static final CompletenessReceipts RECEIPTS = new CompletenessReceipts(JSON);

    private static HistoryEntry entry(Kind kind, String id, long version, String type, Instant time, Object event,
            long reviewed) {
        return new HistoryEntry(kind, id, version, type, time, event == null ? "{}" : JSON.writeValueAsString(event),
                reviewed, "ev-" + id + "-" + version, null, null, null, null);
    }

    @Test
    void anItemArrivedAtTheEarliestReportKnownAtTheInstantAndOnlyReportsCount() {
        BeneficiaryCountReported first = Facts.active("prg-1", "KHM", "2024Q1", 1_000);
        BeneficiaryCountReported revised = Facts.count("prg-1", "KHM", "2024Q1", Measure.ACTIVE, 3, 1_050);
        IndicatorResultReported ours = Facts.indicator("prg-1", "KHM", 2, "2024Q1", "40");
        IndicatorResultReported otherCountry = Facts.indicator("prg-1", "SEN", 3, "2024Q1", "41");
        Map<String, List<HistoryEntry>> history = Map.of(
                "c/KHM/2024/prg-1", List.of(
                        entry(Kind.COUNT, first.countId(), 3, "BeneficiaryCountReported", T.plusSeconds(7200), revised, 0),
                        entry(Kind.COUNT, first.countId(), 2, "BeneficiaryCountValidated", T.minusSeconds(60), null, 1),
                        entry(Kind.COUNT, first.countId(), 1, "BeneficiaryCountReported", T, first, 0)),
                "p/prg-1", List.of(
                        entry(Kind.INDICATOR, "COV-CHILD/2024Q1", 2, "IndicatorResultReported", T.plusSeconds(60), ours, 0),
                        entry(Kind.INDICATOR, "COV-CHILD/2024Q1", 3, "IndicatorResultReported", T.plusSeconds(30),
                                otherCountry, 0)));

        assertThat(RECEIPTS.arrivals("KHM", 2024, history, T.minusMillis(1))).isEmpty();
        assertThat(RECEIPTS.arrivals("KHM", 2024, history, T)).containsOnlyKeys("prg-1|2024Q1|CHILDREN/ACTIVE")
                .containsEntry("prg-1|2024Q1|CHILDREN/ACTIVE", T);
        Map<String, Instant> later = RECEIPTS.arrivals("KHM", 2024, history, T.plusSeconds(86_400));
        assertThat(later).as("the revision does not move the first arrival; the other country's actual is not ours")
                .containsOnly(Map.entry("prg-1|2024Q1|COV-CHILD", T.plusSeconds(60)),
                        Map.entry("prg-1|2024Q1|CHILDREN/ACTIVE", T));
    }

    @Test
    void aProgrammeYearAsOfADateHasTheScheduleAndTheFactStatesOfThen() {
        ProgrammeRegistered registered = Facts.scheduledProgramme("prg-1", "KHM", 2024, ReportingFrequency.QUARTERLY,
                30);
        BeneficiaryCountReported first = Facts.active("prg-1", "KHM", "2024Q1", 1_000);
        List<HistoryEntry> programme = List.of(entry(Kind.PROGRAMME, "prg-1", 1, "ProgrammeRegistered",
                T.minusSeconds(86_400 * 100), ProgrammeFact.of(registered), 0));
        List<HistoryEntry> counts = List.of(
                entry(Kind.COUNT, first.countId(), 1, "BeneficiaryCountReported", T, first, 0),
                entry(Kind.COUNT, first.countId(), 2, "BeneficiaryCountValidated", T.plusSeconds(3600), null, 1));
        FactHistory history = new FactHistory(null, JSON, "test");
        Instant before = T.plusSeconds(60);
        ProgrammeNode node = history.programmeAsOf("prg-1", programme, Set.of(2024), before);
        FactBucket bucket = FactHistory.countsAsOf("KHM", 2024, "prg-1", counts, before);
        Map<String, Instant> arrivals = RECEIPTS.arrivals("KHM", 2024, Map.of("c", counts, "p", programme), before);

        ProgrammeReporting reporting = RECEIPTS.programmeReporting(new ProgrammeYear("KHM", 2024, "prg-1"), null, node,
                bucket, arrivals::get);

        assertThat(reporting.schedule().frequency()).isEqualTo(ReportingFrequency.QUARTERLY);
        assertThat(reporting.schedule().dueLagDays()).isEqualTo(30);
        assertThat(reporting.countSeries()).containsExactly("CHILDREN/ACTIVE", "CHILDREN/NEW");
        assertThat(reporting.counts()).containsExactly(Map.entry("2024Q1|CHILDREN/ACTIVE", new Receipt(T, true, false)));
        FactBucket validated = FactHistory.countsAsOf("KHM", 2024, "prg-1", counts, T.plusSeconds(3600));
        assertThat(RECEIPTS.programmeReporting(new ProgrammeYear("KHM", 2024, "prg-1"), null, node, validated,
                arrivals::get).counts().get("2024Q1|CHILDREN/ACTIVE").validated()).isTrue();
        Map<String, Receipt> financing = new TreeMap<>();
        RECEIPTS.financing(financing, FactHistory.financingAsOf(
                new CountryYear("KHM", 2024), List.of(), before), item -> null);
        assertThat(financing).isEmpty();
    }
}
