package org.spmonitor.reporting.dashboard.domain;

import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.platform.reference.ReportingPeriod;

/** The latest reported actual of one indicator of a programme for one period. */
public record IndicatorFact(IndicatorResultReported result, ReportingPeriod period, long version) {

    public static IndicatorFact of(IndicatorResultReported result) {
        return new IndicatorFact(result, ReportingPeriod.parse(result.period())
                .orElseThrow(() -> new IllegalArgumentException("bad period " + result.period())), result.version());
    }

    public String indicatorKey() {
        return result.programmeId() + "|" + result.indicatorCode();
    }
}
