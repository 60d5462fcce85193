package org.spmonitor.financing.common.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.spmonitor.financing.common.domain.Outcome;

import org.springframework.stereotype.Component;

/** {@code spmonitor.submissions.accepted{kind, outcome}}: accepted writes, low-cardinality tags only. */
@Component
public class SubmissionMetrics {

    private final MeterRegistry meters;

    public SubmissionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void accepted(String kind, Outcome outcome) {
        meters.counter("spmonitor.submissions.accepted", "kind", kind, "outcome", outcome.name().toLowerCase(
                java.util.Locale.ROOT)).increment();
    }
}
