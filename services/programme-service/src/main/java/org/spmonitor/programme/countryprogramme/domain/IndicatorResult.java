package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.time.Instant;

import org.spmonitor.platform.review.ReviewRules;
import org.spmonitor.platform.review.ReviewState;

/**
 * The actual value of an indicator for a period (canonical form, e.g. 2025, 2025Q1, 2025-01), and where it
 * stands in its review (ADR 0019): {@code reportedVersion} is the programme version that reported the value
 * (its IndicatorResultReported), {@code version} the programme version of the result's last change (its
 * report or its last review: the version a review names), {@code review} its state (null: SUBMITTED), with
 * the last review's comment, reviewer and time. Results stored before reviews have no versions.
 */
public record IndicatorResult(String period, BigDecimal actualValue, Instant reportedAt, String reportedBy,
        Long version, Long reportedVersion, ReviewState review, String reviewComment, String reviewedBy,
        Instant reviewedAt) {

    /** A value reported in programme version {@code version}: SUBMITTED. */
    static IndicatorResult reported(String period, BigDecimal actualValue, Instant at, String by, long version) {
        return new IndicatorResult(period, actualValue, at, by, version, version, ReviewRules.afterNewVersion(), null,
                null, null);
    }

    /** Its review state: SUBMITTED when never reviewed. */
    public ReviewState reviewState() {
        return ReviewState.of(review == null ? null : review.name());
    }

    /** The same value after a review made in programme version {@code version}. */
    IndicatorResult reviewed(ReviewState decision, String comment, String by, Instant at, long version) {
        return new IndicatorResult(period, actualValue, reportedAt, reportedBy, version, reportedVersion, decision,
                comment, by, at);
    }
}
