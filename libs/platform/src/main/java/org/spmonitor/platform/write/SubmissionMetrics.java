package org.spmonitor.platform.write;

import java.util.Locale;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value #ACCEPTED}: every accepted write of every service, with the same fixed, low-cardinality tags:
 * {@code kind} (what was written: {@code programme}, {@code financing-report}, {@code beneficiary-count},
 * ...), {@code channel} (one of {@link #CHANNELS}) and {@code outcome} ({@link WriteOutcome}, lower case).
 * The platform adds {@code service} to every meter. Never a country or an id as a tag value.
 */
public class SubmissionMetrics {

    public static final String ACCEPTED = "spmonitor.submissions.accepted";

    public static final String API = "api";
    public static final String API_BATCH = "api-batch";
    public static final String IMPORT_CSV = "import-csv";
    public static final String IMPORT_DHIS2 = "import-dhis2";
    public static final String KAFKA = "kafka";
    public static final Set<String> CHANNELS = Set.of(API, API_BATCH, IMPORT_CSV, IMPORT_DHIS2, KAFKA);

    private final MeterRegistry meters;

    public SubmissionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts one accepted write of {@code kind} through {@code channel}. */
    public void accepted(String kind, String channel, WriteOutcome outcome) {
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel '" + channel + "'; one of " + CHANNELS);
        }
        meters.counter(ACCEPTED, "kind", kind, "channel", channel, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
    }
}
