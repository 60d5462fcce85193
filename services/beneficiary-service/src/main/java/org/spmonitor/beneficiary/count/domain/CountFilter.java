package org.spmonitor.beneficiary.count.domain;

import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;

/** Filters of the count list; a null field does not filter. */
public record CountFilter(String country, String programmeId, String period, TargetGroup targetGroup,
        Measure measure, Boolean withdrawn) {
}
