package org.spmonitor.reporting.projection.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A rebuild of the read models from offset 0 into a fresh generation. BUILDING until its consumer has
 * reached {@code targetOffsets} (the end of every partition when it was requested), then COMPLETED:
 * reads switched to the new generation at {@code switchedAt}. FAILED if it could not start.
 *
 * @param targetOffsets end offset per {@code topic-partition} at the time of the request
 */
public record Replay(String id, String generation, String replacedGeneration, Status status, String requestedBy,
        Instant requestedAt, Instant switchedAt, Map<String, Long> targetOffsets, String message) {

    public enum Status {
        BUILDING, COMPLETED, FAILED
    }
}
