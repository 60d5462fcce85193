package org.spmonitor.beneficiary.count.domain;

import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.review.ReviewState;

/** Filters of the count list; a null field does not filter. {@code review}: the review state (ADR 0019). */
public record CountFilter(String country, String programmeId, String period, TargetGroup targetGroup,
        Measure measure, Boolean withdrawn, ReviewState review) {
}
