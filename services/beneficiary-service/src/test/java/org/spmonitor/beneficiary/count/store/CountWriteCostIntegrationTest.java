package org.spmonitor.beneficiary.count.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryCounts;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.beneficiary.ExternalMongoWire;
import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.outbox.PendingHint;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.MongoCommandRecorder;
import org.spmonitor.testsupport.MongoCommandRecorder.Recorded;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What an accepted count costs the database must not depend on how many counts it already holds.
 * With 1,000 and then 100,000 counts stored (loaded in bulk, see {@link #load}), the same REST submissions (one new count, a revision of
 * it, a batch of new counts) are counted in MongoDB commands, from the request to the publication of
 * their events by the outbox relay: the numbers must be equal, and every command must address its
 * documents by {@code _id} (or by {@code _id} and version), so that none scans a collection.
 * <p>
 * The only command allowed beside those is the relay's lease renewal on {@code outbox_lease}, a
 * collection of one document. Counted are the commands of the request's thread and of the relay pass
 * (run on the test's thread), not those of unrelated background work (the programme view's Kafka
 * listener). Counted as commands, not timed: a timing would measure the machine.
 * <p>
 * The database runs in a process of its own ({@link ExternalMongoWire}), as for the large import: 100,000
 * counts in the test JVM's in-memory server (some 400 MB of Java objects) filled the heap that the
 * JVM's broker and Spring contexts share, and every later test spent its time in full collections.
 * That needs a Spring context of its own (its own database and consumer groups), closed after the class.
 */
@TestPropertySource(properties = "spmonitor.beneficiary.parking.sweep-interval=PT1H")
@DirtiesContext
@Import(CountWriteCostIntegrationTest.Recording.class)
class CountWriteCostIntegrationTest extends BeneficiaryIntegrationTest {

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> ExternalMongoWire.uri("write-cost-" + UUID.randomUUID()));
        registry.add("spmonitor.beneficiary.consumer-group-prefix", () -> "beneficiary-service-write-cost");
    }

    private static final String COUNTS = "/api/v1/beneficiary-counts";
    private static final int BATCH = 10;

    @TestConfiguration
    static class Recording {

        @Bean
        MongoCommandRecorder mongoCommandRecorder() {
            return new MongoCommandRecorder();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommandRecorder recorder) {
            return recorder.customizer();
        }
    }

    @Autowired
    MongoCommandRecorder recorder;

    @Autowired
    CountStore store;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MongoTemplate mongo;

    /** The commands of one measured submission, and how many counts it accepted. */
    private record Cost(String what, int accepted, Map<String, Integer> byName, List<Recorded> commands) {

        double perCount() {
            return (double) commands.size() / accepted;
        }
    }

    @Test
    void anAcceptedCountCostsTheSameCommandsWith1000And100000StoredCountsAllAddressedById() {
        String programmeId = registerProgramme("KHM");

        load(1_000);
        List<Cost> small = measure(programmeId, "2025-01");
        load(100_000);
        List<Cost> large = measure(programmeId, "2025-02");

        for (int i = 0; i < small.size(); i++) {
            System.out.printf("write cost: %s: %s at 1,000 counts, %s at 100,000 (%.1f commands per count)%n",
                    small.get(i).what(), small.get(i).byName(), large.get(i).byName(), large.get(i).perCount());
        }
        for (int i = 0; i < small.size(); i++) {
            Cost atSmall = small.get(i);
            Cost atLarge = large.get(i);
            assertThat(atLarge.byName()).as(atSmall.what() + ": commands by name with 100,000 counts vs 1,000")
                    .isEqualTo(atSmall.byName());
            assertThat(atLarge.perCount()).as(atSmall.what() + ": commands per accepted count")
                    .isEqualTo(atSmall.perCount());
            for (Cost cost : List.of(atSmall, atLarge)) {
                assertThat(scans(cost)).as(cost.what() + ": commands that are not by _id").isEmpty();
            }
        }
        assertThat(small.get(0).commands()).as("a single count: idempotency, programme, count, hint, write, relay")
                .hasSizeLessThanOrEqualTo(12);
        assertThat(mongo.indexOps(CountDocument.COLLECTION).getIndexInfo())
                .as("the version check {_id, version} is served by a unique index of exactly those keys")
                .anySatisfy(index -> {
                    assertThat(index.isUnique()).isTrue();
                    assertThat(index.getIndexFields()).extracting(field -> field.getKey())
                            .containsExactly("_id", "version");
                });
    }

    /** The load is not left behind: the external server serves the whole test JVM's run. */
    @AfterAll
    static void dropTheLoad(@Autowired MongoTemplate mongo) {
        mongo.getDb().drop();
    }

    /** The commands of {@code cost} not addressed by {@code _id}, but for the relay's lease (one document). */
    private static List<Recorded> scans(Cost cost) {
        List<Recorded> scans = new ArrayList<>();
        for (Recorded command : MongoCommandRecorder.notById(cost.commands())) {
            if (!"outbox_lease".equals(command.collection())) {
                scans.add(command);
            }
        }
        return scans;
    }

    /**
     * Submits, as a country team would, one new count, a revision of it and a batch of new counts,
     * each with an Idempotency-Key, and counts the commands from the request until the relay
     * published their events. The relay's own schedule is stopped meanwhile: the pass that a write
     * wakes is run here, so that a poll of the safety net cannot fall into one measurement and not
     * the other.
     */
    private List<Cost> measure(String programmeId, String period) {
        relay.stop();
        try {
            List<Cost> costs = new ArrayList<>();
            BeneficiaryCountSubmission single = BeneficiaryCounts.withPeriod(
                    BeneficiaryCounts.activeFemaleHeavy(programmeId), period);
            costs.add(submit("a new count", single, 1, 201));
            costs.add(submit("a revision", BeneficiaryCounts.withTotal(single, 1_200), 1, 200));
            List<BeneficiaryCountSubmission> items = new ArrayList<>();
            for (TargetGroup group : List.of(TargetGroup.values()).subList(1, 1 + BATCH / 2)) {
                for (Measure measure : Measure.values()) {
                    items.add(new BeneficiaryCountSubmission(programmeId, period, group, measure, 10L, null, null,
                            null, null));
                }
            }
            costs.add(submit("a batch of " + BATCH + " new counts", Map.of("items", items), BATCH, 200));
            return costs;
        }
        finally {
            relay.start();
        }
    }

    private Cost submit(String what, Object body, int accepted, int status) {
        recorder.reset();
        ApiClient.Response response = api().post(COUNTS, body, idempotencyKey(UUID.randomUUID().toString()));
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(relay.relayHandedOver()).as(what + ": events published").isEqualTo(accepted);
        String self = Thread.currentThread().getName();
        List<Recorded> commands = recorder.commands().stream()
                .filter(command -> command.thread().startsWith("http-nio") || command.thread().equals(self))
                .toList();
        return new Cost(what, accepted, MongoCommandRecorder.countsByName(commands), commands);
    }

    /**
     * Brings the stored counts up to {@code total}, fast: one count is written through the store and
     * published, and the others are inserted in bulk as copies of that stored document (other keys,
     * same shape: version 1, its history entry, nothing pending). Written through the store one chunk
     * at a time, they would also put their events on the topic that every test of this JVM reads,
     * and take minutes on a busy machine.
     */
    private void load(int total) {
        Document template = template();
        long stored = mongo.count(new Query(), CountDocument.class);
        List<Document> chunk = new ArrayList<>();
        for (long i = stored; i < total; i++) {
            chunk.add(copy(template, loaded(i)));
            if (chunk.size() == 5_000 || i == total - 1) {
                mongo.getCollection(CountDocument.COLLECTION).insertMany(chunk);
                chunk.clear();
                recorder.reset(); // the load is not measured: keep the recorder's memory small
            }
        }
        assertThat(mongo.count(new Query(), CountDocument.class)).isGreaterThanOrEqualTo(total);
        assertThat(mongo.count(new Query(), PendingHint.COLLECTION)).as("nothing left pending").isZero();
        recorder.reset();
    }

    /** A count as the store wrote and the relay published it. */
    private Document template() {
        PreparedCount first = loaded(-1);
        store.submit(first, Provenance.of("cost-test", "api-batch"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(new Query(), PendingHint.COLLECTION) == 0);
        Document template = mongo.findById(first.countId(), Document.class, CountDocument.COLLECTION);
        assertThat(template.getList("outbox", Document.class)).isEmpty();
        assertThat(template.getBoolean("published")).isTrue();
        return template;
    }

    private Document copy(Document template, PreparedCount count) {
        Object submission = mongo.getConverter().convertToMongoType(count.submission(),
                TypeInformation.of(BeneficiaryCountSubmission.class));
        Document entry = new Document(template.getList("history", Document.class).get(0));
        entry.put("submission", submission);
        entry.put("writeId", UUID.randomUUID().toString());
        Document copy = new Document(template);
        copy.put("_id", count.countId());
        copy.put("programmeId", count.submission().programmeId());
        copy.put("targetGroup", count.submission().targetGroup().name());
        copy.put("measure", count.submission().measure().name());
        copy.put("current", submission);
        copy.put("history", List.of(entry));
        return copy;
    }

    /** Count number {@code i} of a load: 16 counts (target groups x measures) per made-up programme. */
    private static PreparedCount loaded(long i) {
        if (i < 0) {
            return PreparedCount.of(new BeneficiaryCountSubmission("prg-load-template", "2025Q1", TargetGroup.CHILDREN,
                    Measure.ACTIVE, 100L, null, null, null, null), "SEN", 2025);
        }
        TargetGroup group = TargetGroup.values()[(int) (i / 2 % TargetGroup.values().length)];
        Measure measure = Measure.values()[(int) (i % 2)];
        BeneficiaryCountSubmission submission = new BeneficiaryCountSubmission("prg-load-" + (i / 16), "2025Q1", group,
                measure, 100L, null, null, null, null);
        return PreparedCount.of(submission, "SEN", 2025);
    }
}
