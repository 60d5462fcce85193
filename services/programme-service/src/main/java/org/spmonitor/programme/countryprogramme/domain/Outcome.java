package org.spmonitor.programme.countryprogramme.domain;

/** What a write did: created something, changed something, or found it already so (no new version). */
public enum Outcome {
    CREATED, UPDATED, UNCHANGED
}
