package org.spmonitor.events.programme;

/**
 * How often a programme reports its data (beneficiary counts, financing, indicator results): one
 * reporting period per month, quarter or year. Each period is due {@code dueLagDays} after it ends.
 */
public enum ReportingFrequency {
    MONTHLY, QUARTERLY, ANNUAL;

    /** What a programme registered before frequencies existed, or without one, reports at. */
    public static final ReportingFrequency DEFAULT = QUARTERLY;
    /** Days after a period ends that its data is due, when the programme names none. */
    public static final int DEFAULT_DUE_LAG_DAYS = 45;
    /** The longest due lag a programme may declare. */
    public static final int MAX_DUE_LAG_DAYS = 365;
}
