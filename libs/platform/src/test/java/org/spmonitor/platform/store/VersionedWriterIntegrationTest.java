package org.spmonitor.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.outbox.PendingHint;
import org.spmonitor.platform.outbox.TestSubmission;
import org.spmonitor.platform.store.VersionedWriter.Decision;
import org.spmonitor.platform.store.VersionedWriter.Item;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

/**
 * The versioned write path against the real Mongo-wire server: several writers (as several service
 * instances would be) change the same documents at once; no change may be lost or applied twice,
 * and every event must leave through the outbox.
 */
@SpmonitorIntegrationTest
@TestPropertySource(properties = "spmonitor.outbox.collections=" + TestSubmission.COLLECTION)
class VersionedWriterIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventCodec codec;

    @Autowired
    OutboxRelay relay;

    private VersionedWriter<TestSubmission> newInstance() {
        return new VersionedWriter<>(mongo, codec, relay, TestSubmission.class, TestSubmission.COLLECTION);
    }

    /** Adds one to the value: a decision that is wrong unless it is made on the latest version. */
    private static VersionedWriter.Decider<TestSubmission, Long> increment(String id) {
        return (current, now) -> {
            long value = current == null ? 1 : current.getValue() + 1;
            BeneficiaryCountWithdrawn event = new BeneficiaryCountWithdrawn(id, value, "prg-test", "KHM", "2025",
                    TargetGroup.CHILDREN, Measure.NEW, "value " + value);
            return current == null
                    ? Decision.create(new TestSubmission(id, value), new TestSubmission.Entry(value, value),
                            List.of(event), value)
                    : Decision.update(new Update().set("value", value), new TestSubmission.Entry(value, value),
                            List.of(event), value);
        };
    }

    @Test
    void concurrentWritersOfOneDocumentNeitherLoseNorDoubleAChange() throws Exception {
        String id = "cnt-" + UUID.randomUUID();
        List<VersionedWriter<TestSubmission>> instances = List.of(newInstance(), newInstance());
        int threads = 6;
        int writesEach = 15;
        List<Callable<List<Long>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            VersionedWriter<TestSubmission> writer = instances.get(t % instances.size());
            work.add(() -> {
                List<Long> told = new ArrayList<>();
                for (int i = 0; i < writesEach; i++) {
                    try {
                        told.add(writer.write(id, increment(id)));
                    }
                    catch (IllegalStateException refused) {
                        // lost the race too often: refused, the caller knows (a 500), and nothing was written
                    }
                }
                return told;
            });
        }
        List<Long> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<List<Long>> done : pool.invokeAll(work)) {
                answers.addAll(done.get());
            }
        }
        finally {
            pool.shutdown();
        }

        int total = answers.size();
        assertThat(total).as("most writes get through").isGreaterThan(threads * writesEach / 2);
        TestSubmission stored = mongo.findById(id, TestSubmission.class);
        assertThat(stored.getValue()).isEqualTo(total);
        assertThat(stored.getVersion()).isEqualTo(total);
        assertThat(stored.getHistory()).extracting(TestSubmission.Entry::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, total).mapToObj(Long::valueOf).toList());
        assertThat(answers).as("each writer was told the value it wrote, once").doesNotHaveDuplicates()
                .allMatch(value -> value >= 1 && value <= total);
        awaitEverythingPublished(List.of(id));
    }

    @Test
    void concurrentBulkWritesRedoExactlyTheItemsAnotherWriterChangedFirst() throws Exception {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "cnt-" + UUID.randomUUID()).toList();
        List<VersionedWriter<TestSubmission>> instances = List.of(newInstance(), newInstance());
        int threads = 4;
        int rounds = 5;
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            VersionedWriter<TestSubmission> writer = instances.get(t % instances.size());
            work.add(() -> {
                for (int round = 0; round < rounds; round++) {
                    List<Item<TestSubmission, Long>> items = ids.stream()
                            .map(id -> new Item<>(id, increment(id))).toList();
                    writer.writeAll(items, false);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        }
        finally {
            pool.shutdown();
        }

        for (String id : ids) {
            TestSubmission stored = mongo.findById(id, TestSubmission.class);
            assertThat(stored.getValue()).as(id).isEqualTo(threads * rounds);
            assertThat(stored.getHistory()).as(id).hasSize(threads * rounds);
        }
        awaitEverythingPublished(ids);
    }

    @Test
    void aDryRunWritesNothing() {
        String id = "cnt-" + UUID.randomUUID();

        List<Long> answers = newInstance().writeAll(List.of(new Item<>(id, increment(id))), true);

        assertThat(answers).containsExactly(1L);
        assertThat(mongo.findById(id, TestSubmission.class)).isNull();
    }

    @Test
    void anUnchangedDecisionWritesNothing() {
        String id = "cnt-" + UUID.randomUUID();
        VersionedWriter<TestSubmission> writer = newInstance();
        writer.write(id, increment(id));

        long answer = writer.write(id, (current, now) -> Decision.unchanged(current.getVersion()));

        assertThat(answer).isEqualTo(1);
        assertThat(mongo.findById(id, TestSubmission.class).getHistory()).hasSize(1);
    }

    private void awaitEverythingPublished(List<String> ids) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : ids) {
                TestSubmission stored = mongo.findById(id, TestSubmission.class);
                assertThat(stored.getOutbox()).as(id).isEmpty();
                assertThat(stored.isPublished()).as(id).isTrue();
            }
            assertThat(mongo.findAll(Document.class, PendingHint.COLLECTION))
                    .noneMatch(hint -> hint.getList("ids", String.class).stream().anyMatch(ids::contains));
        });
    }
}
