package org.spmonitor.platform.programmeview;

/**
 * The local programme view received an event about {@code programmeId}: submissions parked because
 * the programme was not yet known can now be checked again.
 */
public record ProgrammeViewChanged(String programmeId) {
}
