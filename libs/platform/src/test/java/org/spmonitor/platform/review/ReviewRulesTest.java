package org.spmonitor.platform.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

/** The review state machine and the checks of a review request, without Spring. */
class ReviewRulesTest {

    private static Review validate(long version) {
        return new Review(ReviewState.VALIDATED, version, null);
    }

    private static Review giveBack(long version) {
        return new Review(ReviewState.RETURNED, version, "check the sex breakdown");
    }

    @Test
    void aSubmittedVersionNamedByTheReviewIsValidatedOrReturned() {
        assertThat(ReviewRules.decide(ReviewState.SUBMITTED, 3, 3, false, validate(3))).isEqualTo(ReviewRules.Effect.REVIEW);
        assertThat(ReviewRules.decide(ReviewState.SUBMITTED, 3, 3, false, giveBack(3))).isEqualTo(ReviewRules.Effect.REVIEW);
    }

    @Test
    void reviewingAStaleVersionIsAConflict() {
        assertThatThrownBy(() -> ReviewRules.decide(ReviewState.SUBMITTED, 3, 3, false, validate(2)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("version 2 is stale")
                .hasMessageContaining("current version is 3");
        assertThatThrownBy(() -> ReviewRules.decide(ReviewState.VALIDATED, 4, 3, false, validate(1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("stale");
    }

    @Test
    void theSameDecisionAgainIsARetryThatChangesNothing() {
        assertThat(ReviewRules.decide(ReviewState.VALIDATED, 4, 3, false, validate(3))).isEqualTo(ReviewRules.Effect.UNCHANGED);
        assertThat(ReviewRules.decide(ReviewState.VALIDATED, 4, 3, false, validate(4))).isEqualTo(ReviewRules.Effect.UNCHANGED);
        assertThat(ReviewRules.decide(ReviewState.RETURNED, 2, 1, false, giveBack(1))).isEqualTo(ReviewRules.Effect.UNCHANGED);
    }

    @Test
    void anotherDecisionAboutAReviewedVersionNeedsANewVersionFirst() {
        assertThatThrownBy(() -> ReviewRules.decide(ReviewState.RETURNED, 2, 1, false, validate(1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already RETURNED");
        assertThatThrownBy(() -> ReviewRules.decide(ReviewState.VALIDATED, 4, 3, false, giveBack(4)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already VALIDATED");
    }

    @Test
    void aWithdrawnSubmissionCannotBeReviewed() {
        assertThatThrownBy(() -> ReviewRules.decide(ReviewState.SUBMITTED, 5, 4, true, validate(5)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("withdrawn");
    }

    @Test
    void everyNewVersionIsSubmittedAgain() {
        assertThat(ReviewRules.afterNewVersion()).isEqualTo(ReviewState.SUBMITTED);
        assertThat(ReviewState.of(null)).as("documents stored before reviews").isEqualTo(ReviewState.SUBMITTED);
    }

    @Test
    void aRequestIsReadWithTheVersionFromTheBodyOrIfMatch() {
        Violations violations = new Violations();
        assertThat(Review.check(new Review.Request("validated", null, "  ok  "), "\"7\"", violations))
                .isEqualTo(new Review(ReviewState.VALIDATED, 7, "ok"));
        assertThat(Review.check(new Review.Request("RETURNED", 2L, "wrong month"), null, violations))
                .isEqualTo(new Review(ReviewState.RETURNED, 2, "wrong month"));
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void aBadRequestNamesEachField() {
        assertThat(fields(new Review.Request("APPROVED", null, null), null)).containsExactlyInAnyOrder("decision",
                "version");
        assertThat(fields(new Review.Request("RETURNED", 3L, " "), null)).containsExactly("comment");
        assertThat(fields(new Review.Request("VALIDATED", 3L, null), "\"4\"")).containsExactly("version");
        assertThat(fields(new Review.Request("VALIDATED", null, null), "three")).containsExactlyInAnyOrder("If-Match",
                "version");
        assertThat(fields(new Review.Request("VALIDATED", 0L, "x".repeat(Review.MAX_COMMENT + 1)), null))
                .containsExactlyInAnyOrder("version", "comment");
        assertThat(fields(null, null)).containsExactly("");
    }

    private static java.util.List<String> fields(Review.Request request, String ifMatch) {
        Violations violations = new Violations();
        assertThat(Review.check(request, ifMatch, violations)).isNull();
        return violations.list().stream().map(FieldViolation::field).toList();
    }
}
