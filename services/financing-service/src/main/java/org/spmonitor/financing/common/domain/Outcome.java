package org.spmonitor.financing.common.domain;

/** What a write did: a first version, a new version, or nothing because it equals the latest version. */
public enum Outcome {
    CREATED, UPDATED, UNCHANGED
}
