package org.spmonitor.financing.report.domain;

import org.spmonitor.platform.write.WriteOutcome;

/** The result of a submission or a withdrawal: the report's version after it and what it did. */
public record ReportWrite(String reportId, long version, WriteOutcome outcome) {
}
