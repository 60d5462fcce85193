package org.spmonitor.beneficiary.count.domain;

/**
 * What a change did: a first version, a new version, nothing because it equals the latest (or is a
 * redelivery), or a withdrawal.
 */
public enum SubmissionOutcome {
    CREATED, UPDATED, UNCHANGED, WITHDRAWN
}
