package org.spmonitor.beneficiary.count.domain;

import java.time.Instant;
import java.util.List;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.review.ReviewState;

/**
 * A count as kept: its latest figures (a withdrawn count keeps its last ones) and, when one count is
 * read, {@code history}: every version, oldest first (null in lists).
 */
public record CountRecord(String countId, long version, String country, boolean withdrawn,
        BeneficiaryCountSubmission current, Instant updatedAt, String updatedBy, List<Revision> history,
        ReviewStatus review) {

    /**
     * Where the count stands in its review: the state, the version whose figures it holds, and the last
     * review's comment, reviewer and time (null before any review).
     */
    public record ReviewStatus(ReviewState state, long figuresVersion, String comment, String by, Instant at) {
    }

    /**
     * One version: when, by whom, through which channel, and either the reported figures or the
     * withdrawal reason, or a review ({@code review} VALIDATED or RETURNED) with its comment.
     */
    public record Revision(long version, Instant at, String by, String channel, String reference,
            BeneficiaryCountSubmission submission, boolean withdrawal, String withdrawalReason, String review,
            String comment) {
    }
}
