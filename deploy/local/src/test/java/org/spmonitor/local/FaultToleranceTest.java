package org.spmonitor.local;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.local.chaos.CountKeys;
import org.spmonitor.local.chaos.CountLoad;
import org.spmonitor.local.chaos.InboundSubmissions;
import org.spmonitor.local.chaos.KafkaTool;
import org.spmonitor.local.chaos.ReadModelPeek;
import org.spmonitor.local.chaos.StackClient;
import org.spmonitor.local.chaos.StackClient.DemoClient;
import org.spmonitor.local.chaos.TopicCounter;
import org.spmonitor.platform.events.EventCodec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7's faults, each through the real broker and the Mongo-wire server of one shared local stack,
 * each with exact counts: what beneficiary-service accepted (2xx answers to country teams), what it
 * published on {@code beneficiaries.beneficiary-count-events.v1} (distinct countId@version) and what
 * the country dashboards show must be the same, with reporting-service's consumer group caught up.
 * <p>
 * Every test has its own country, so the tests never see each other's figures. Every count is a NEW
 * count of 1 with its own natural key ({@link CountKeys}), so a country's {@code newBeneficiaries}
 * summed over the years is the number of counts its dashboards hold: a lost count shows as one less,
 * a double count as one more.
 */
class FaultToleranceTest {

    /** Consumed by reporting-service's projection. */
    private static final List<String> PROJECTED_TOPICS = List.of(Topics.PROGRAMME_EVENTS,
            Topics.FINANCING_REPORT_EVENTS, Topics.BENEFICIARY_COUNT_EVENTS);
    private static final String PROJECTION_GROUPS = "reporting-service.projection.";
    private static final String INTAKE_GROUP = "beneficiary-service.submissions";
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);
    private static final Duration STEADY = Duration.ofMillis(50);
    private static final List<Integer> YEAR_2025 = List.of(2025);

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static StackClient client;
    private static TopicCounter topic;
    private static KafkaTool kafka;
    private static ReadModelPeek readModel;

    @BeforeAll
    static void startStack() {
        // a short server selection timeout: while the Mongo-wire server is down, writes are refused in
        // 2 s instead of the driver's default 30 s; and the loads, all of demo-admin, above the default
        // limit of 600 writes a minute per client
        stack = LocalStack.builder().dataDir(data).anyFreePorts().mongoServerSelectionTimeout(Duration.ofSeconds(2))
                .serviceProperty("spmonitor.security.writes-per-minute", "1000000").start();
        client = new StackClient(stack);
        topic = new TopicCounter(stack.kafkaBootstrapServers());
        kafka = new KafkaTool(stack.kafkaBootstrapServers());
        readModel = new ReadModelPeek(stack.mongoUri());
    }

    @AfterAll
    static void stopStack() {
        if (topic != null) {
            topic.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (readModel != null) {
            readModel.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyCountAcceptedWhileTheBrokerWasDownIsPublishedAndShownExactlyOnce() throws Exception {
        CountLoad load = loadFor("UGA", 6, YEAR_2025);
        load.start(STEADY);
        awaitAccepted(load, 20);

        stack.stopKafka();
        int acceptedAtStop = load.acceptedCount();
        // the broker stays away for a while while country teams keep submitting: 12 s, longer than the
        // producers' delivery timeout (10 s), so the outbox relay's sends fail and it must send again
        Thread.sleep(12_000);
        int acceptedWhileDown = load.acceptedCount() - acceptedAtStop;
        stack.startKafka();
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();

        assertThat(acceptedWhileDown).as("writes need no broker: accepted while it was down").isGreaterThan(10);
        assertSettledExactlyOnce(load);
    }

    @Test
    void reportingServiceCrashingMidBatchLosesAndDoublesNothing() throws Exception {
        CountLoad load = loadFor("KEN", 5, List.of(2024, 2025, 2026));
        load.start(STEADY);
        awaitAccepted(load, 10);
        long factsBefore = readModel.countFacts("KEN");

        assertThat(load.submitBatch(1_000)).isEqualTo(CountLoad.Outcome.ACCEPTED);
        // crash while the projection is part-way through the batch's events: their facts are written
        // (a bucket per programme and year, one bulk per poll: ADR 0004), their offsets not all committed
        await("reporting-service to be applying the batch").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(5))
                .until(() -> readModel.countFacts("KEN") > factsBefore + 100);
        stack.crashService(LocalService.REPORTING);
        long lagAtCrash = kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS);
        int acceptedAtCrash = load.acceptedCount();

        assertThat(lagAtCrash).as("the crash left projected events whose offsets were not committed").isPositive();
        // events keep flowing while it is down
        awaitAccepted(load, acceptedAtCrash + 20);
        stack.startService(LocalService.REPORTING);
        load.stop();

        assertSettledExactlyOnce(load);
    }

    @Test
    void whileTheDatabaseIsDownWritesAreRefusedConsumersWaitAndAfterwardsEverythingAcceptedIsShown()
            throws Exception {
        List<Integer> years = List.of(2025, 2026);
        List<String> programmes = List.of(client.registerProgramme("TZA", "TZA fault test 1", 2025, 2026),
                client.registerProgramme("TZA", "TZA fault test 2", 2025, 2026),
                client.registerProgramme("TZA", "TZA fault test 3", 2025, 2026));
        // the country team submits for 2025; a national MIS sends 2026 counts of the same programmes on Kafka
        CountLoad load = new CountLoad(client, "TZA", new CountKeys(programmes, YEAR_2025), DemoClient.ADMIN);
        CountKeys inboundKeys = new CountKeys(programmes, List.of(2026));
        load.start(STEADY);
        awaitAccepted(load, 20);
        List<ConsumerRecord<String, byte[]>> consumed = published("TZA");
        Map<TopicPartition, Long> intakeLagBefore = kafka.lag(INTAKE_GROUP,
                List.of(Topics.BENEFICIARY_COUNT_SUBMISSIONS));

        stack.stopMongo();
        await("a write refused").atMost(CONVERGENCE).until(() -> load.refusals().getOrDefault("503", 0) >= 2);
        int acceptedWhileDown = load.acceptedCount();
        // unprocessed data for both consumers: 5 submissions from a national MIS on the inbound topic,
        // and (for reporting-service) records it has consumed before, published again
        kafka.send(InboundSubmissions.records("TZA", inboundKeys, 5, "fault-test-mis", client.token(DemoClient.ADMIN)));
        kafka.send(consumed.stream().map(KafkaTool::again).toList());
        // the database stays away for a while (3 s more): long enough for several failed attempts of
        // each consumer; throughout, neither may commit past what it could not process
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            assertThat(lagOnPartitionsWith(INTAKE_GROUP, Topics.BENEFICIARY_COUNT_SUBMISSIONS, intakeLagBefore))
                    .as("inbound submissions not yet stored are not committed").isGreaterThanOrEqualTo(5);
            assertThat(kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS))
                    .as("records not yet projected are not committed").isGreaterThanOrEqualTo(consumed.size());
            Thread.sleep(250);
        }
        assertThat(load.acceptedCount()).as("nothing accepted while the database is down")
                .isEqualTo(acceptedWhileDown);
        assertThat(load.refusalSamples()).isNotEmpty().allSatisfy(refusal -> {
            assertThat(refusal.status()).isEqualTo(503);
            assertThat(refusal.contentType()).startsWith("application/problem+json");
            assertThat(StackClient.json(refusal.body()).path("status").asInt()).isEqualTo(503);
            assertThat(StackClient.json(refusal.body()).path("detail").asString()).isNotBlank();
        });

        stack.startMongo();
        awaitAccepted(load, acceptedWhileDown + 20);
        load.stop();

        assertThat(load.settle(CONVERGENCE)).isTrue();
        assertThat(load.unexpected()).isEmpty();
        await("the accepted and the 5 inbound counts published and shown").atMost(CONVERGENCE)
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    assertThat(topic.catchUp(Duration.ofSeconds(10))).isTrue();
                    Set<String> published = topic.published("TZA");
                    assertThat(published).containsAll(load.acceptedIds()).hasSize(load.acceptedCount() + 5);
                    assertThat(kafka.totalLag(INTAKE_GROUP, List.of(Topics.BENEFICIARY_COUNT_SUBMISSIONS))).isZero();
                    assertThat(kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS)).isZero();
                    assertThat(client.newBeneficiaries("TZA", years)).hasValue(load.acceptedCount() + 5);
                });
    }

    @Test
    void poisonRecordsAreDeadLetteredAtOnceWithTheirCauseWhileGoodRecordsKeepFlowing() throws Exception {
        CountLoad load = loadFor("RWA", 4, YEAR_2025);
        load.start(STEADY);
        awaitAccepted(load, 20);
        List<ConsumerRecord<String, byte[]>> consumed = published("RWA");
        List<JsonNode> real = consumed.stream().limit(4)
                .map(r -> StackClient.json(new String(r.value(), StandardCharsets.UTF_8))).toList();

        String reported = EventType.BENEFICIARY_COUNT_REPORTED.typeName();
        Map<String, ProducerRecord<String, byte[]>> poison = new java.util.LinkedHashMap<>();
        poison.put("bad JSON", poison(reported, "{\"countId\":\"cnt-broken\",\"version\":1,"));
        poison.put("unknown type", poison("org.spmonitor.beneficiaries.BeneficiaryCountExploded.v1",
                real.get(0).toString()));
        poison.put("total not a number", poison(reported, with(real.get(0), "total", "many").toString()));
        poison.put("period that is none", poison(reported, with(real.get(0), "period", "2025Q7").toString()));
        // newer versions of real counts that break the schema: none may replace the count it names
        poison.put("negative total", poison(reported, with(with(real.get(0), "version", 9), "total", -7).toString()));
        poison.put("no country", poison(reported, without(with(real.get(1), "version", 9), "country").toString()));
        poison.put("no target group", poison(reported,
                without(with(real.get(2), "version", 9), "targetGroup").toString()));
        poison.put("negative breakdown", poison(reported, with(real.get(3), "version", 9)
                .set("sex", StackClient.json("{\"female\":-1,\"male\":2}")).toString()));
        long sent = System.nanoTime();
        kafka.send(poison.values());

        String deadLetters = Topics.deadLetterTopicOf(Topics.BENEFICIARY_COUNT_EVENTS);
        Set<String> poisonIds = poison.values().stream().map(r -> header(r.headers().lastHeader(CloudEventHeaders.ID)
                .value())).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> dead = await("every poison record on " + deadLetters)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> kafka.readAll(deadLetters, r -> poisonIds.contains(
                        EventCodec.header(r.headers(), CloudEventHeaders.ID))), list -> list.size() >= poison.size());
        Duration toDeadLetter = Duration.ofNanos(System.nanoTime() - sent);
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();

        assertSettledExactlyOnce(load);
        List<ConsumerRecord<String, byte[]>> deadNow = kafka.readAll(deadLetters,
                r -> poisonIds.contains(EventCodec.header(r.headers(), CloudEventHeaders.ID)));
        assertThat(deadNow).as("each poison record dead-lettered once, never retried").hasSize(poison.size());
        assertThat(toDeadLetter).as("dead-lettered at once, not after retries").isLessThan(Duration.ofSeconds(15));
        for (ConsumerRecord<String, byte[]> record : dead) {
            String id = EventCodec.header(record.headers(), CloudEventHeaders.ID);
            ProducerRecord<String, byte[]> original = poison.values().stream().filter(p -> id.equals(
                    header(p.headers().lastHeader(CloudEventHeaders.ID).value()))).findFirst().orElseThrow();
            assertThat(record.value()).as("unchanged").isEqualTo(original.value());
            assertThat(record.key()).isEqualTo("RWA");
            assertThat(EventCodec.header(record.headers(), "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.BENEFICIARY_COUNT_EVENTS);
            assertThat(EventCodec.header(record.headers(), "kafka_dlt-exception-fqcn"))
                    .endsWith("PoisonRecordException");
            assertThat(EventCodec.header(record.headers(), "kafka_dlt-exception-message")).isNotBlank();
        }
    }

    @Test
    void recordsDeliveredAgainChangeNothing() throws Exception {
        CountLoad load = loadFor("GHA", 2, YEAR_2025);
        for (int i = 0; i < 60; i++) {
            load.submitNext(); // a count refused while its programme is not yet known is sent again below
        }
        assertSettledExactlyOnce(load);
        // one count revised to a total of 3: its version 2 must stay when version 1 comes again
        String revisedBody = CountKeys.body(programmesOf(load).get(0), "2025-01", TargetGroup.CHILDREN, 3);
        HttpResponse<String> revision = client.post(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts",
                DemoClient.ADMIN, revisedBody, null);
        assertThat(revision.statusCode()).as(revision.body()).isEqualTo(200);
        assertThat(StackClient.json(revision.body()).path("version").asLong()).isEqualTo(2);
        long expected = load.acceptedCount() + 2;
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(client.newBeneficiaries("GHA", YEAR_2025))
                .hasValue(expected));

        int firstVersions = load.acceptedCount();
        List<ConsumerRecord<String, byte[]>> consumed = await("the first versions and the revision on the topic")
                .atMost(CONVERGENCE).until(() -> published("GHA"), records -> records.size() == firstVersions + 1);
        kafka.send(consumed.stream().map(KafkaTool::again).toList());
        kafka.send(consumed.stream().map(KafkaTool::again).toList());
        // a count submitted after the redelivery: the country's records share a partition, so once it
        // shows, the redelivered records before it have been projected
        assertThat(load.submitNext()).isEqualTo(CountLoad.Outcome.ACCEPTED);

        await("the new count shown, everything committed").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS)).isZero();
                    assertThat(client.newBeneficiaries("GHA", YEAR_2025)).hasValue(expected + 1);
                });
        assertThat(topic.catchUp(Duration.ofSeconds(10))).isTrue();
        assertThat(topic.records("GHA")).as("every event three times, then the new count")
                .isEqualTo(3 * consumed.size() + 1);
        assertThat(topic.published("GHA")).hasSize(load.acceptedCount() + 1);
    }

    // ---- helpers

    /** Registers {@code programmes} programmes in {@code country} and a load over their keys. */
    private static CountLoad loadFor(String country, int programmes, List<Integer> years) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= programmes; i++) {
            ids.add(client.registerProgramme(country, country + " fault test " + i, years.get(0),
                    years.get(years.size() - 1)));
        }
        return new CountLoad(client, country, new CountKeys(ids, years), DemoClient.ADMIN);
    }

    private static List<String> programmesOf(CountLoad load) {
        return load.keys().programmeIds();
    }

    private static void awaitAccepted(CountLoad load, int count) {
        await("at least " + count + " counts accepted").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> load.acceptedCount() >= count);
    }

    /**
     * Sends what is still waiting, then requires: accepted = published (the same countId@version) =
     * shown on the dashboards, with reporting-service's consumer group committed to the end of every
     * topic it reads (so no redelivered or late record can still change the figure).
     */
    private static void assertSettledExactlyOnce(CountLoad load) throws InterruptedException {
        assertThat(load.settle(CONVERGENCE)).as("every submission accepted in the end").isTrue();
        assertThat(load.unexpected()).isEmpty();
        Set<String> accepted = load.acceptedIds();
        await("accepted = published = shown for " + load.country()).atMost(CONVERGENCE)
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    assertThat(topic.catchUp(Duration.ofSeconds(10))).isTrue();
                    assertThat(topic.published(load.country())).isEqualTo(accepted);
                    assertThat(kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS)).isZero();
                    assertThat(client.newBeneficiaries(load.country(), load.keys().years()))
                            .hasValue(accepted.size());
                });
    }

    /** The records beneficiary-service published for {@code country} so far. */
    private static List<ConsumerRecord<String, byte[]>> published(String country) {
        return kafka.readAll(Topics.BENEFICIARY_COUNT_EVENTS, r -> country.equals(r.key())
                && TopicCounter.PUBLISHER.equals(EventCodec.header(r.headers(), CloudEventHeaders.SOURCE)));
    }

    /** The lag of {@code group} on the partitions where it had none before. */
    private static long lagOnPartitionsWith(String group, String topicName, Map<TopicPartition, Long> before) {
        return kafka.lag(group, List.of(topicName)).entrySet().stream()
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    private static ProducerRecord<String, byte[]> poison(String type, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/spmonitor/fault-test".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.BENEFICIARY_COUNT_EVENTS, null, "RWA",
                value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static ObjectNode with(JsonNode event, String field, Object value) {
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        if (value instanceof Number number) {
            copy.put(field, number.longValue());
        }
        else {
            copy.put(field, String.valueOf(value));
        }
        return copy;
    }

    private static ObjectNode without(JsonNode event, String field) {
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.remove(field);
        return copy;
    }

    private static String header(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
