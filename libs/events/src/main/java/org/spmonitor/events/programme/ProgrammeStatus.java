package org.spmonitor.events.programme;

/** Lifecycle of a country programme. */
public enum ProgrammeStatus {
    PLANNED, ACTIVE, SUSPENDED, COMPLETED
}
