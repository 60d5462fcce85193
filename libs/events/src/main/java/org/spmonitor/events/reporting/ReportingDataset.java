package org.spmonitor.events.reporting;

/** What a programme owes for each of its reporting periods (ADR 0020). */
public enum ReportingDataset {
    /** Beneficiary counts: one per target group of the programme and measure (ACTIVE, NEW). */
    BENEFICIARY_COUNTS,
    /** A financing report of the programme, or of the whole country, for the period. */
    FINANCING,
    /** An actual for the period of each results indicator the programme has. */
    INDICATOR_RESULTS
}
