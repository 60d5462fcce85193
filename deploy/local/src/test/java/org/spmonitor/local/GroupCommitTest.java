package org.spmonitor.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** A store whose sync copies what was applied so far into what is durable. */
    private static final class RecordingStore implements GroupCommit.Store {
        final Set<Integer> applied = ConcurrentHashMap.newKeySet();
        final Set<Integer> durable = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public void commitAndSync() {
            entered.countDown();
            try {
                gate.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("disk full");
            }
            durable.addAll(Set.copyOf(applied));
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(12);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void everyWriteIsDurableWhenItReturnsAlsoUnderConcurrency() throws Exception {
        RecordingStore store = new RecordingStore();
        GroupCommit commits = new GroupCommit(store);
        List<Future<List<Integer>>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t * 1000;
            writers.add(threads.submit(() -> {
                List<Integer> notDurable = new ArrayList<>();
                for (int i = first; i < first + 300; i++) {
                    int value = i;
                    commits.write(() -> store.applied.add(value));
                    if (!store.durable.contains(value)) {
                        notDurable.add(value);
                    }
                }
                return notDurable;
            }));
        }
        for (Future<List<Integer>> writer : writers) {
            assertThat(writer.get(30, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(store.durable).hasSize(2400);
        assertThat(commits.syncs()).isBetween(1L, 2400L);
    }

    @Test
    void writersWaitingForASyncShareTheNextOne() throws Exception {
        RecordingStore store = new RecordingStore();
        store.gate = new CountDownLatch(1);
        GroupCommit commits = new GroupCommit(store);
        Future<?> first = threads.submit(() -> commits.write(() -> store.applied.add(0)));
        assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();

        CountDownLatch applied = new CountDownLatch(10);
        List<Future<?>> waiting = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int value = i;
            waiting.add(threads.submit(() -> commits.write(() -> {
                store.applied.add(value);
                applied.countDown();
                return null;
            })));
        }
        assertThat(applied.await(10, TimeUnit.SECONDS)).isTrue();
        store.gate.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<?> writer : waiting) {
            writer.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.durable).hasSize(11);
        assertThat(commits.syncs()).as("one sync for the first write, one for the ten that queued behind it")
                .isEqualTo(2);
    }

    @Test
    void aReadThatMaySeeAnUnsyncedWriteAnswersOnlyOnceItIsDurable() throws Exception {
        RecordingStore store = new RecordingStore();
        store.gate = new CountDownLatch(1);
        GroupCommit commits = new GroupCommit(store);
        Future<?> writer = threads.submit(() -> commits.write(() -> store.applied.add(7)));
        assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> reader = threads.submit(() -> commits.read(() -> store.applied.contains(7)));
        Thread.sleep(200);
        assertThat(reader.isDone()).as("the read saw 7 before it was synced, so it must wait").isFalse();

        store.gate.countDown();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.durable).contains(7);
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadWithNothingPendingDoesNotSync() {
        RecordingStore store = new RecordingStore();
        GroupCommit commits = new GroupCommit(store);
        commits.write(() -> store.applied.add(1));
        long before = commits.syncs();

        assertThat(commits.read(() -> store.applied.contains(1))).isTrue();
        assertThat(commits.syncs()).isEqualTo(before);
    }

    @Test
    void aFailedSyncFailsTheWriteAndTheNextSyncCoversIt() {
        RecordingStore store = new RecordingStore();
        store.failuresLeft.set(1);
        GroupCommit commits = new GroupCommit(store);

        assertThatThrownBy(() -> commits.write(() -> store.applied.add(1))).hasMessage("disk full");
        assertThat(store.durable).isEmpty();

        commits.write(() -> store.applied.add(2));
        assertThat(store.durable).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aWriteThatFailsPartWayIsStillSyncedBeforeItsErrorIsReturned() {
        RecordingStore store = new RecordingStore();
        GroupCommit commits = new GroupCommit(store);

        assertThatThrownBy(() -> commits.write(() -> {
            store.applied.add(1);
            throw new IllegalArgumentException("E11000 duplicate key on the second document");
        })).hasMessageContaining("E11000");
        assertThat(store.durable).containsExactly(1);
    }
}
