package org.spmonitor.reporting.projection.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A rebuild of the read models from offset 0 into a fresh generation, carried out by every instance
 * (its consumer group spreads the partitions over them). BUILDING until the group has projected every
 * partition up to {@code targetOffsets} (the end of every partition when it was requested), then
 * COMPLETED: every instance switched reads to the new generation at {@code switchedAt}. FAILED if it
 * could not start.
 *
 * @param targetOffsets end offset per {@code topic-partition} at the time of the request
 * @param progress the position projected so far per {@code topic-partition}, as the instances owning
 *        them recorded it (kept in MongoDB, ADR 0012)
 */
public record Replay(String id, String generation, String replacedGeneration, Status status, String requestedBy,
        Instant requestedAt, Instant switchedAt, Map<String, Long> targetOffsets, String message,
        Map<String, Long> progress) {

    /** Whether every partition with records to replay has been projected up to its target. */
    public boolean caughtUp() {
        return targetOffsets.entrySet().stream().allMatch(t -> t.getValue() <= 0
                || progress.getOrDefault(t.getKey(), 0L) >= t.getValue());
    }

    public enum Status {
        BUILDING, COMPLETED, FAILED
    }
}
