package org.spmonitor.financing.report.domain;

/** Lifecycle of a report: the latest version is either a submission or a withdrawal. */
public enum ReportStatus {
    SUBMITTED, WITHDRAWN
}
