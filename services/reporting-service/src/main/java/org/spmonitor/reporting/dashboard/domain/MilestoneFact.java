package org.spmonitor.reporting.dashboard.domain;

import org.spmonitor.events.programme.MilestoneReported;

/** The latest reported state of one milestone of a programme. */
public record MilestoneFact(MilestoneReported milestone) {
}
