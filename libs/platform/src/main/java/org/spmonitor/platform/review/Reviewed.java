package org.spmonitor.platform.review;

import org.spmonitor.platform.write.WriteOutcome;

/**
 * What a review did: the submission's version after it, the version whose figures were reviewed, the
 * state, and {@code UPDATED} (a new version and its event) or {@code UNCHANGED} (a retry).
 */
public record Reviewed(String id, long version, long reviewedVersion, ReviewState state, WriteOutcome outcome) {
}
