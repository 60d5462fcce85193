package org.spmonitor.events.programme;

/** Status of a programme milestone. */
public enum MilestoneStatus {
    PLANNED, ON_TRACK, AT_RISK, DELAYED, ACHIEVED
}
