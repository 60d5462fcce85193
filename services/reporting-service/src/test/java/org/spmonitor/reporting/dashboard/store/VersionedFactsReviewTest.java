package org.spmonitor.reporting.dashboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How reviews change the facts of a bucket (ADR 0019), in memory. */
class VersionedFactsReviewTest {

    private static final Instant T = Instant.parse("2025-07-01T00:00:00Z");

    private static StoredFact reported(long version, String json) {
        return new StoredFact("cnt-1", version, T.plusSeconds(version), false, json);
    }

    @Test
    void aValidationMakesTheReviewedFiguresTheValidatedOnesAndARevisionKeepsThemUntilValidatedAgain() {
        VersionedFacts facts = new VersionedFacts();
        facts.apply(reported(1, "{\"total\":100}"));
        assertThat(facts.validated()).isEmpty();

        assertThat(facts.applyReview("cnt-1", 2, 1, true, T)).isTrue();
        assertThat(facts.get("cnt-1").orElseThrow().isValidated()).isTrue();
        assertThat(facts.validated()).extracting(StoredFact::json).containsExactly("{\"total\":100}");

        facts.apply(reported(3, "{\"total\":150}"));
        assertThat(facts.get("cnt-1").orElseThrow().isValidated()).as("a revision is SUBMITTED").isFalse();
        assertThat(facts.live()).extracting(StoredFact::json).containsExactly("{\"total\":150}");
        assertThat(facts.validated()).extracting(StoredFact::json).containsExactly("{\"total\":100}");

        assertThat(facts.applyReview("cnt-1", 4, 3, false, T)).isTrue();
        assertThat(facts.validated()).as("a return keeps the last validated figures").extracting(StoredFact::json)
                .containsExactly("{\"total\":100}");
        facts.apply(reported(5, "{\"total\":140}"));
        facts.applyReview("cnt-1", 6, 5, true, T);
        assertThat(facts.validated()).extracting(StoredFact::json).containsExactly("{\"total\":140}");
    }

    @Test
    void aRedeliveredOrUnknownReviewChangesNothingAndAWithdrawalLeavesTheValidatedViewToo() {
        VersionedFacts facts = new VersionedFacts();
        assertThat(facts.applyReview("cnt-1", 2, 1, true, T)).as("never reported here").isFalse();
        facts.apply(reported(1, "{\"total\":100}"));
        facts.applyReview("cnt-1", 2, 1, true, T);
        assertThat(facts.applyReview("cnt-1", 2, 1, true, T)).as("redelivered").isFalse();

        facts.apply(new StoredFact("cnt-1", 3, T, true, null));
        assertThat(facts.live()).isEmpty();
        assertThat(facts.validated()).isEmpty();
    }

    @Test
    void factsNeverReviewedAreStoredAsBefore() {
        assertThat(reported(1, "{}").toDocument().keySet()).containsExactly("id", "v", "t", "w", "json");
        StoredFact reviewed = new StoredFact("cnt-1", 2, T, false, "{}", "VALIDATED", "{}");
        assertThat(StoredFact.of(reviewed.toDocument())).isEqualTo(reviewed);
    }
}
