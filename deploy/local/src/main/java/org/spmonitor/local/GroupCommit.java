package org.spmonitor.local;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes every write durable before it is acknowledged, with group commit: one commit-and-sync of the
 * store covers every write applied before it began, so concurrent writers share a sync and a bulk
 * write of a thousand documents costs one sync, not a thousand.
 * <p>
 * A read answers only once every write it could have seen is durable: otherwise a reader (the outbox
 * relay, a consumer, a dashboard) could act on data that a crash then takes back, and the source of
 * truth, the topics and the read models would disagree after a power cut.
 * <p>
 * Writes are numbered as they start. Applying holds a shared lock; the committer takes the exclusive
 * lock only to read the number of writes started so far, which at that moment are all fully applied,
 * then commits and syncs outside the lock, and records that number as durable.
 */
final class GroupCommit {

    /** Commits everything applied to the store so far and forces it to the disk. */
    interface Store {
        void commitAndSync();
    }

    private final Store store;
    private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();
    private final ReentrantLock committing = new ReentrantLock();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile long durable;

    GroupCommit(Store store) {
        this.store = store;
    }

    /** Applies a write, then returns once it is durable (also when it failed part-way). */
    <T> T write(Supplier<T> apply) {
        long number;
        T result = null;
        RuntimeException failure = null;
        applying.readLock().lock();
        try {
            number = started.incrementAndGet();
            try {
                result = apply.get();
            }
            catch (RuntimeException ex) {
                failure = ex; // a bulk write may have applied part of itself
            }
        }
        finally {
            applying.readLock().unlock();
        }
        awaitDurable(number);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Runs a read, then returns once every write started before it ended is durable. */
    <T> T read(Supplier<T> read) {
        T result = read.get();
        awaitDurable(started.get());
        return result;
    }

    /** How many commit-and-syncs ran. */
    long syncs() {
        return syncs.get();
    }

    private void awaitDurable(long number) {
        if (durable >= number) {
            return;
        }
        committing.lock();
        try {
            if (durable >= number) {
                return; // a sync that began after this write was applied covered it
            }
            long target;
            applying.writeLock().lock();
            try {
                target = started.get();
            }
            finally {
                applying.writeLock().unlock();
            }
            store.commitAndSync();
            syncs.incrementAndGet();
            durable = target;
        }
        finally {
            committing.unlock();
        }
    }
}
