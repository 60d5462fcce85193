package org.spmonitor.beneficiary.count.domain;

/** What a submission did: a first version, a new version, or nothing because it equals the latest. */
public enum SubmissionOutcome {
    CREATED, UPDATED, UNCHANGED
}
