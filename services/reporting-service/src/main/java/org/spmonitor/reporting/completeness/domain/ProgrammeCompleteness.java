package org.spmonitor.reporting.completeness.domain;

import java.util.List;

import org.spmonitor.events.programme.ReportingFrequency;

/** A programme's schedule and what it owes, period by period and dataset by dataset. */
public record ProgrammeCompleteness(String programmeId, String name, ReportingFrequency reportingFrequency,
        int dueLagDays, Tally total, List<Obligation> obligations) {
}
