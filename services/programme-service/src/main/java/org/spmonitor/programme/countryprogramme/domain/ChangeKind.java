package org.spmonitor.programme.countryprogramme.domain;

/** What a version of a programme did. */
public enum ChangeKind {
    REGISTERED, UPDATED, MILESTONE_ADDED, MILESTONE_STATUS_CHANGED, INDICATOR_DEFINED, INDICATOR_REVISED,
    INDICATOR_RESULT_REPORTED, INDICATOR_RESULT_VALIDATED, INDICATOR_RESULT_RETURNED
}
