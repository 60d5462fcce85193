package org.spmonitor.platform.review;

/**
 * Where a submission (a count, a financing report, an indicator result) stands in its review. Every
 * accepted version starts SUBMITTED; a validator of its country makes it VALIDATED or RETURNED (with a
 * comment); a new version (a correction, a revision) makes it SUBMITTED again.
 */
public enum ReviewState {
    SUBMITTED, VALIDATED, RETURNED;

    /** The state of a stored submission: documents stored before reviews existed are SUBMITTED. */
    public static ReviewState of(String stored) {
        return stored == null ? SUBMITTED : valueOf(stored);
    }
}
