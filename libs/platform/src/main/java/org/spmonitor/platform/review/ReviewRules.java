package org.spmonitor.platform.review;

import org.spmonitor.platform.validation.ConflictException;

/**
 * The review state machine, one for counts, financing reports and indicator results. A submission is
 * reviewed as a whole version: {@code version} is its current version (a review is a version too),
 * {@code figuresVersion} the version whose figures it holds (the last report).
 * <ul>
 * <li>SUBMITTED: a validator of its country may validate it or return it; the review names the current
 * version, else 409 (someone changed it since it was read).</li>
 * <li>VALIDATED or RETURNED: the same decision again, naming the reviewed figures or the review's version,
 * changes nothing (a retry); another decision is a 409: only a new version (a correction) can be
 * reviewed again.</li>
 * <li>A withdrawn submission cannot be reviewed (409).</li>
 * <li>A new version of any state is SUBMITTED again ({@link #afterNewVersion()}).</li>
 * </ul>
 */
public final class ReviewRules {

    /** What a review does. */
    public enum Effect {
        /** A new version with the decision, and its event. */
        REVIEW,
        /** A retry of the decision already taken: nothing new. */
        UNCHANGED
    }

    /**
     * Decides a review of a submission whose state is {@code state}, at {@code version}, holding the
     * figures of {@code figuresVersion}.
     *
     * @throws ConflictException when the named version is stale, the submission is withdrawn, or it was
     *         already reviewed otherwise
     */
    public static Effect decide(ReviewState state, long version, long figuresVersion, boolean withdrawn,
            Review review) {
        if (withdrawn) {
            throw new ConflictException("it is withdrawn (version " + version + "): only a submitted version can be "
                    + "reviewed");
        }
        if (state == ReviewState.SUBMITTED) {
            if (review.version() != version) {
                throw stale(version, review);
            }
            return Effect.REVIEW;
        }
        if (review.version() != version && review.version() != figuresVersion) {
            throw stale(version, review);
        }
        if (state == review.decision()) {
            return Effect.UNCHANGED;
        }
        throw new ConflictException("version " + figuresVersion + " is already " + state + "; only a new version "
                + "(a correction) can be reviewed again");
    }

    /** Every accepted version (a first report, a correction, a revision, a revival) starts here. */
    public static ReviewState afterNewVersion() {
        return ReviewState.SUBMITTED;
    }

    private static ConflictException stale(long version, Review review) {
        return new ConflictException("version " + review.version() + " is stale: the current version is " + version
                + "; read it again (GET) and review what it holds");
    }

    private ReviewRules() {
    }
}
