package org.spmonitor.reporting.dashboard.store;

/**
 * Another writer (an instance of reporting-service projecting other partitions, or the previous owner
 * of a partition during a rebalance) changed a read-model document after this batch read it: the
 * guarded write did not apply. The batch is projected again from what is stored now (ADR 0012).
 */
public class WriteConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WriteConflictException(String message) {
        super(message);
    }
}
