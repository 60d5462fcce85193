package org.spmonitor.reporting.dashboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.spmonitor.reporting.dashboard.store.HistoryEntry.Kind;

import tools.jackson.databind.json.JsonMapper;

/** Which fact versions a dashboard as of a date sees (ADR 0021): the selection by event time, in memory. */
class FactHistoryAsOfTest {

    private static final Instant T = Instant.parse("2025-07-01T00:00:00Z");

    private static HistoryEntry count(long version, String type, long minutes, String json, long reviewedVersion) {
        return new HistoryEntry(Kind.COUNT, "cnt-1", version, type, T.plusSeconds(60 * minutes), json, reviewedVersion,
                "ev-" + version, null, null, null, null);
    }

    /** Reported 100 at T, returned at T+1, corrected to 150 at T+2, validated at T+3, withdrawn at T+4. */
    private static final List<HistoryEntry> STORY = List.of(
            count(4, "BeneficiaryCountValidated", 3, "{}", 3),
            count(1, "BeneficiaryCountReported", 0, "{\"total\":100}", 0),
            count(3, "BeneficiaryCountReported", 2, "{\"total\":150}", 0),
            count(5, "BeneficiaryCountWithdrawn", 4, "{}", 0),
            count(2, "BeneficiaryCountReturned", 1, "{}", 1));

    @Test
    void seesNothingBeforeTheFirstEventAndEachVersionFromItsOwnEventTimeOn() {
        assertThat(FactHistory.replay(STORY, T.minusMillis(1)).all()).isEmpty();
        assertThat(FactHistory.replay(STORY, T).live()).extracting(StoredFact::json).containsExactly("{\"total\":100}");
        assertThat(FactHistory.replay(STORY, T.plusSeconds(90)).get("cnt-1").orElseThrow().review())
                .as("returned").isEqualTo("RETURNED");
        VersionedFacts corrected = FactHistory.replay(STORY, T.plusSeconds(120));
        assertThat(corrected.live()).extracting(StoredFact::json).containsExactly("{\"total\":150}");
        assertThat(corrected.validated()).as("the correction is not validated yet").isEmpty();
        VersionedFacts validated = FactHistory.replay(STORY, T.plusSeconds(180));
        assertThat(validated.validated()).extracting(StoredFact::json).containsExactly("{\"total\":150}");
        assertThat(validated.get("cnt-1").orElseThrow().version()).isEqualTo(4);
        VersionedFacts withdrawn = FactHistory.replay(STORY, T.plusSeconds(240));
        assertThat(withdrawn.live()).isEmpty();
        assertThat(withdrawn.validated()).isEmpty();
    }

    @Test
    void givesTheStateTheProjectionHeldWhateverOrderTheEntriesAreStoredIn() {
        VersionedFacts projected = new VersionedFacts();
        projected.apply(new StoredFact("cnt-1", 1, T, false, "{\"total\":100}"));
        projected.applyReview("cnt-1", 2, 1, false, T.plusSeconds(60));
        projected.apply(new StoredFact("cnt-1", 3, T.plusSeconds(120), false, "{\"total\":150}"));
        projected.applyReview("cnt-1", 4, 3, true, T.plusSeconds(180));

        List<HistoryEntry> reversed = new ArrayList<>(STORY);
        Collections.reverse(reversed);
        VersionedFacts replayed = FactHistory.replay(reversed, T.plusSeconds(180));
        assertThat(List.copyOf(replayed.all())).isEqualTo(List.copyOf(projected.all()));
    }

    @Test
    void aProgrammeHasAYearFromTheFirstEventThatNamedItOn() {
        JsonMapper json = JsonMapper.builder().build();
        FactHistory history = new FactHistory(null, json, "test");
        String registered = "{\"programmeId\":\"prg-1\",\"country\":\"KHM\",\"startDate\":\"2024-01-01\","
                + "\"endDate\":\"2025-12-31\"}";
        String milestone = "{\"programmeId\":\"prg-1\",\"version\":1,\"country\":\"KHM\",\"milestoneId\":\"law\","
                + "\"dueDate\":\"2027-06-30\"}";
        List<HistoryEntry> entries = List.of(
                new HistoryEntry(Kind.PROGRAMME, "prg-1", 1, "ProgrammeRegistered", T, registered, 0, "e1", null, null,
                        null, null),
                new HistoryEntry(Kind.MILESTONE, "law", 1, "MilestoneReported", T.plusSeconds(60), milestone, 0, "e2",
                        null, null, null, null));

        assertThat(history.programmeAsOf("prg-1", entries, Set.of(), T.minusMillis(1)).years()).isEmpty();
        ProgrammeNode registeredOnly = history.programmeAsOf("prg-1", entries, Set.of(), T);
        assertThat(registeredOnly.years()).containsExactly(2024, 2025);
        assertThat(registeredOnly.country()).contains("KHM");
        assertThat(registeredOnly.milestones().all()).isEmpty();
        ProgrammeNode later = history.programmeAsOf("prg-1", entries, Set.of(2029), T.plusSeconds(60));
        assertThat(later.years()).containsExactly(2024, 2025, 2027, 2029);
        assertThat(later.milestones().live()).hasSize(1);
    }
}
