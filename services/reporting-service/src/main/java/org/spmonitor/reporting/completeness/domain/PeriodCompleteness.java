package org.spmonitor.reporting.completeness.domain;

import org.spmonitor.events.reporting.ReportingDataset;

/** One cell of the country x period x dataset matrix: the items of every programme owing that period. */
public record PeriodCompleteness(String period, ReportingDataset dataset, Tally tally) {
}
