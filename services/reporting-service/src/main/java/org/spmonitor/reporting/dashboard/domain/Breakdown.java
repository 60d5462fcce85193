package org.spmonitor.reporting.dashboard.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums of one disaggregation over the counts that gave it; {@code notReported} is the part of the
 * total whose counts did not give this disaggregation.
 */
public record Breakdown(Map<String, Long> parts, long notReported) {

    /** The parts and not-reported remainders of two breakdowns added. */
    public Breakdown plus(Breakdown other) {
        Map<String, Long> sum = new LinkedHashMap<>(parts);
        other.parts.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new Breakdown(Collections.unmodifiableMap(sum), notReported + other.notReported);
    }

    static final class Builder {
        private final Map<String, Long> parts = new LinkedHashMap<>();
        private long notReported;

        Builder(String... keys) {
            for (String key : keys) {
                parts.put(key, 0L);
            }
        }

        void add(String key, Long value) {
            if (value != null) {
                parts.merge(key, value, Long::sum);
            }
        }

        void notReported(long total) {
            notReported += total;
        }

        Breakdown build() {
            return new Breakdown(Collections.unmodifiableMap(new LinkedHashMap<>(parts)), notReported);
        }
    }
}
