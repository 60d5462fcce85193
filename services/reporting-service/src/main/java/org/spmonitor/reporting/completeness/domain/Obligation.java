package org.spmonitor.reporting.completeness.domain;

import java.time.LocalDate;
import java.util.List;

import org.spmonitor.events.reporting.ReportingDataset;

/**
 * One dataset a programme owes for one period, with its due date, what arrived and what is missing.
 * {@code status}: COMPLETE (everything arrived), OVERDUE (past due, something missing), PARTIAL (not due
 * yet, some arrived), DUE_LATER (not due yet, nothing arrived).
 */
public record Obligation(String programmeId, String period, ReportingDataset dataset, LocalDate dueDate, String status,
        Tally tally, List<String> missing) {

    public boolean isOverdue() {
        return "OVERDUE".equals(status);
    }
}
