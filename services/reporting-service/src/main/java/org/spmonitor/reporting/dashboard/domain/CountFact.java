package org.spmonitor.reporting.dashboard.domain;

import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.platform.reference.ReportingPeriod;

/** A beneficiary count as the dashboards use it: the latest version of one natural key. */
public record CountFact(BeneficiaryCountReported count, ReportingPeriod period) {

    public static CountFact of(BeneficiaryCountReported count) {
        return new CountFact(count, ReportingPeriod.parse(count.period())
                .orElseThrow(() -> new IllegalArgumentException("bad period " + count.period())));
    }

    public Measure measure() {
        return count.measure();
    }

    /** Counts of one programme and target group form one series over time. */
    public String series() {
        return count.programmeId() + "|" + count.targetGroup();
    }
}
