package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.StoredFact;
import org.spmonitor.reporting.testdata.Broker;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.Facts;
import org.spmonitor.testsupport.MongoCommandRecorder;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * The cost of projecting an event does not depend on how much data the read models hold (issue 10):
 * the same bursts of new events (programmes, milestones and indicators; counts and withdrawals;
 * financing reports; an exchange rate), sent through the real broker, cost the same number of MongoDB
 * commands with 1,000 and with 100,000 facts in the read model, and none of those commands addresses
 * its documents other than by {@code _id} (on the Mongo-wire server any other filter scans its
 * collection). Counts commands, never time. Only the commands on the read models' collections are
 * counted: those are the projection's.
 * <p>
 * Each burst is one topic and one record key, produced as one record batch, so the consumer gets it
 * in one poll and projects it as one batch in both runs. The first 1,000 facts go through the broker
 * and the projection; the next 99,000 are written straight into count buckets in bulk (fast).
 */
@SpmonitorIntegrationTest
@Import(ProjectionCostIntegrationTest.RecordMongoCommands.class)
class ProjectionCostIntegrationTest {

    /** Years only this test writes, so the facts it loads are all it finds there. */
    private static final int FIRST_LOAD_YEAR = 2101;
    private static final int LOAD_YEARS = 5;
    /** Countries no other test uses (they use testdata.Broker's). */
    private static final List<String> LOAD_COUNTRIES = List.of("ALB", "ARM", "AZE", "BLR", "BIH", "BWA", "CPV", "DJI",
            "DOM", "EGY", "SLV", "SWZ", "GAB", "GMB", "GEO", "GIN", "GUY", "HTI", "IRQ", "JAM");
    private static final int MEASURED_YEAR = FIRST_LOAD_YEAR;

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordMongoCommands {

        @Bean
        MongoCommandRecorder mongoCommandRecorder() {
            return new MongoCommandRecorder();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommandRecorder recorder) {
            return recorder.customizer();
        }
    }

    private final EventCodec producerCodec = new EventCodec("/spmonitor/test-producer");

    @Autowired
    MongoCommandRecorder recorder;

    @Autowired
    ProjectionGenerations generations;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private KafkaProducer<String, byte[]> producer;
    private Admin admin;
    private int loaded;
    /** NEW beneficiaries the measured bursts added to {@link #MEASURED_YEAR}, left out of the loaded facts. */
    private long measuredNewSoFar;

    @BeforeEach
    void connect() {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        // a burst leaves on flush() as one record batch, however slowly it was handed over
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5_000);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        producer = new KafkaProducer<>(producerConfig);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers()));
    }

    @AfterEach
    void disconnect() {
        producer.close();
        admin.close();
    }

    @Test
    void projectingAnEventCostsTheSameMongoCommandsWith1000And100000FactsAllAddressedById() {
        produceFacts(1_000);
        assertThat(storedFacts()).isEqualTo(1_000);
        Cost small = measure("FJI", "QAA");
        assertThat(small.notById()).as("commands not addressed by _id alone, with 1,000 facts").isEmpty();
        // the world dashboard of a year with 10 countries, and its validation (ADR 0019): one document by _id
        assertThat(globalDashboardReads(FIRST_LOAD_YEAR)).as("what GET /global reads, 1,000 facts")
                .containsExactly("global_dashboards");

        storeFacts(100_000);
        assertThat(storedFacts()).isEqualTo(100_000);
        Cost large = measure("WSM", "QAB");
        assertThat(large.notById()).as("commands not addressed by _id alone, with 100,000 facts").isEmpty();
        assertThat(globalDashboardReads(FIRST_LOAD_YEAR)).as("what GET /global reads, 100,000 facts")
                .containsExactly("global_dashboards");

        System.out.printf("Mongo commands per burst (%s events): %s with 1,000 facts, %s with 100,000 facts%n",
                small.events(), small.commands(), large.commands());
        assertThat(large.events()).isEqualTo(small.events());
        assertThat(large.commands()).as("commands per burst, 100,000 facts vs 1,000").isEqualTo(small.commands());
        assertThat(large.perEvent()).isEqualTo(small.perEvent());
    }

    /** The i-th loaded fact: a NEW count of 1, of its own (programme, target group, month). */
    private static BeneficiaryCountReported loadedFact(int i) {
        int bucket = i / 96;
        String country = LOAD_COUNTRIES.get(bucket % LOAD_COUNTRIES.size());
        int year = FIRST_LOAD_YEAR + (bucket / LOAD_COUNTRIES.size()) % LOAD_YEARS;
        String period = String.format("%d-%02d", year, (i % 96) / 8 + 1);
        return new BeneficiaryCountReported("load-" + i, 1, "load-prg-" + bucket, country, period,
                TargetGroup.values()[i % 8], Measure.NEW, 1, null, null, null, null);
    }

    /** Produces facts through the broker until the read model holds {@code total}, and waits for the dashboards. */
    private void produceFacts(int total) {
        for (int i = loaded; i < total; i++) {
            send(loadedFact(i));
        }
        producer.flush();
        loaded = total;
        Dashboards dashboards = new Dashboards(port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            long facts = 0;
            for (int year = FIRST_LOAD_YEAR; year < FIRST_LOAD_YEAR + LOAD_YEARS; year++) {
                facts += dashboards.global(year).get("newBeneficiaries").asLong()
                        - (year == MEASURED_YEAR ? measuredNewSoFar : 0);
            }
            assertThat(facts).as("facts on the dashboards").isEqualTo(total);
        });
    }

    /**
     * Writes facts straight into the served generation's count buckets, in bulk, until the read model
     * holds {@code total} (the fast way to a large read model; the projection is idle meanwhile).
     */
    private void storeFacts(int total) {
        awaitCaughtUp();
        FactStore store = generations.serving().facts();
        Instant time = Instant.now();
        Map<ProgrammeYear, List<BeneficiaryCountReported>> byBucket = new LinkedHashMap<>();
        for (int i = loaded; i < total; i++) {
            BeneficiaryCountReported fact = loadedFact(i);
            byBucket.computeIfAbsent(new ProgrammeYear(fact.country(), Integer.parseInt(fact.period().substring(0, 4)),
                    fact.programmeId()), k -> new ArrayList<>()).add(fact);
        }
        List<ProgrammeYear> keys = new ArrayList<>(byBucket.keySet());
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, FactBucket> buckets = store.countBuckets(keys.subList(from, Math.min(keys.size(), from + 100)));
            buckets.values().forEach(bucket -> byBucket.get(new ProgrammeYear(bucket.country(), bucket.year(),
                    bucket.programmeId())).forEach(fact -> bucket.facts().apply(new StoredFact(fact.countId(),
                            fact.version(), time, false, producerCodec.mapper().writeValueAsString(fact)))));
            store.save(buckets.values(), List.of(), List.of(), List.of());
        }
        loaded = total;
    }

    /** The loaded facts found in their buckets, read back by _id. */
    private long storedFacts() {
        Map<ProgrammeYear, Boolean> keys = new LinkedHashMap<>();
        for (int i = 0; i < loaded; i += 96) {
            BeneficiaryCountReported fact = loadedFact(i);
            keys.put(new ProgrammeYear(fact.country(), Integer.parseInt(fact.period().substring(0, 4)),
                    fact.programmeId()), true);
        }
        return generations.serving().facts().countBuckets(keys.keySet()).values().stream()
                .mapToLong(bucket -> bucket.facts().all().size()).sum();
    }

    /** Commands of each burst (one batch each), and those not addressed by _id alone. */
    /**
     * An answer as of a date (ADR 0021) reads a fixed number of documents by {@code _id} whatever the country
     * holds: its country node, the history documents it names (one {@code _id $in}), the rates' histories;
     * a country with one programme and one count, and one with four programmes and 32 counts, cost the same
     * commands, none of them other than by {@code _id}.
     */
    @Test
    void anAnswerAsOfADateCostsTheSameFewCommandsByIdWhateverTheCountryHolds() {
        Dashboards dashboards = new Dashboards(port);
        String small = Broker.freshCountry();
        String large = Broker.freshCountry();
        String only = Broker.freshId("prg");
        Instant lastSmall = Broker.publishAll(Facts.programme(only, small, 1_000_000L),
                Facts.active(only, small, "2025Q1", 100),
                Facts.financing("fin-" + only, 1, small, "2025", "USD", "10", "5", null));
        List<DomainEvent> many = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String id = Broker.freshId("prg");
            many.add(Facts.programme(id, large, 1_000_000L));
            for (int quarter = 1; quarter <= 4; quarter++) {
                many.add(Facts.active(id, large, "2025Q" + quarter, 1_000L * quarter));
                many.add(Facts.added(id, large, "2025Q" + quarter, 10L * quarter));
            }
        }
        many.add(Facts.financing("fin-" + large, 1, large, "2025", "USD", "10", "5", null));
        Instant lastLarge = Broker.publishAll(many.toArray(DomainEvent[]::new));
        dashboards.countryOnceProjected(small, 2025, lastSmall);
        dashboards.countryOnceProjected(large, 2025, lastLarge);
        awaitCaughtUp();

        Instant now = Instant.now();
        for (String path : List.of("/api/v1/dashboards/countries/%s?year=2025&donor=EU&validation=validated&asOf=" + now,
                "/api/v1/dashboards/countries/%s/completeness?year=2025&asOf=" + now,
                "/api/v1/dashboards/programmes?year=2025&country=%s&asOf=" + now)) {
            List<MongoCommandRecorder.Recorded> ofSmall = answering(dashboards, path.formatted(small));
            List<MongoCommandRecorder.Recorded> ofLarge = answering(dashboards, path.formatted(large));
            System.out.printf("Mongo commands of %s: %d (1 programme), %d (4 programmes, 32 counts)%n", path,
                    ofSmall.size(), ofLarge.size());
            assertThat(ofLarge).as(path).hasSize(3).hasSameSizeAs(ofSmall);
            assertThat(MongoCommandRecorder.notById(ofLarge)).as(path).isEmpty();
        }
    }

    /** The commands on the read models that answering {@code path} made (the request's thread's). */
    private List<MongoCommandRecorder.Recorded> answering(Dashboards dashboards, String path) {
        recorder.reset();
        assertThat(dashboards.api().get(path).status()).as(path).isEqualTo(200);
        return recorder.commands().stream().filter(this::ofTheReadModels)
                .filter(c -> c.thread() != null && c.thread().startsWith("http")).toList();
    }

    private record Cost(List<Integer> events, List<Integer> commands, List<MongoCommandRecorder.Recorded> notById) {

        List<Double> perEvent() {
            List<Double> perEvent = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                perEvent.add((double) commands.get(i) / events.get(i));
            }
            return perEvent;
        }
    }

    private Cost measure(String country, String currency) {
        String p1 = "cost-" + country + "-1";
        String p2 = "cost-" + country + "-2";
        Map<String, List<DomainEvent>> bursts = new LinkedHashMap<>();
        bursts.put("programmes, milestones, indicators", List.of(programme(p1, country), programme(p2, country),
                Facts.milestone(p1, country, "m1", 2, LocalDate.of(MEASURED_YEAR, 6, 30), MilestoneStatus.ON_TRACK),
                Facts.milestone(p2, country, "m1", 2, LocalDate.of(MEASURED_YEAR, 9, 30), MilestoneStatus.AT_RISK),
                indicator(p1, country, "2101Q1", "25"), indicator(p2, country, "2101Q2", "30")));
        List<DomainEvent> counts = new ArrayList<>();
        for (String p : List.of(p1, p2)) {
            for (int month = 1; month <= 12; month++) {
                String period = String.format("%d-%02d", MEASURED_YEAR, month);
                counts.add(Facts.count(p, country, period, Measure.ACTIVE, 1, 100L * month));
                counts.add(Facts.count(p, country, period, Measure.NEW, 1, 10));
            }
            BeneficiaryCountReported january = Facts.count(p, country, MEASURED_YEAR + "-01", Measure.NEW, 1, 10);
            counts.add(new BeneficiaryCountWithdrawn(january.countId(), 2, p, country, january.period(),
                    january.targetGroup(), january.measure(), "reported twice"));
        }
        bursts.put("counts and withdrawals", counts);
        bursts.put("financing reports", List.of(
                Facts.financing("fin-" + country, 1, country, "2101", currency, "8000", "4000", "400000"),
                Facts.financing("fin-" + country + "-q1", 1, country, "2101Q1", currency, "1000", "500", null)));
        bursts.put("exchange rate", List.of(new ExchangeRatePublished(currency, MEASURED_YEAR, 1,
                new BigDecimal("4"), "test")));

        awaitCaughtUp();
        List<Integer> events = new ArrayList<>();
        List<Integer> commands = new ArrayList<>();
        List<MongoCommandRecorder.Recorded> notById = new ArrayList<>();
        for (Map.Entry<String, List<DomainEvent>> burst : bursts.entrySet()) {
            long before = batches();
            recorder.reset();
            burst.getValue().forEach(this::send);
            producer.flush();
            await().atMost(Dashboards.PATIENCE).until(() -> batches() > before);
            awaitCaughtUp();
            assertThat(batches()).as("the burst '%s' was projected as one batch", burst.getKey()).isEqualTo(before + 1);
            events.add(burst.getValue().size());
            commands.add((int) recorder.commands().stream().filter(this::ofTheReadModels).count());
            recorder.notById().stream().filter(this::ofTheReadModels).forEach(notById::add);
        }
        measuredNewSoFar += 11 * 10 * 2;

        JsonNode dashboard = new Dashboards(port).country(country, MEASURED_YEAR);
        assertThat(dashboard.get("activeBeneficiaries").asLong()).as("December of both programmes").isEqualTo(2_400);
        assertThat(dashboard.get("newBeneficiaries").asLong()).as("February..December of both").isEqualTo(220);
        assertThat(dashboard.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("1000");
        assertThat(dashboard.get("milestones").size()).isEqualTo(2);
        assertThat(dashboard.get("indicators").size()).isEqualTo(2);
        return new Cost(events, commands, notById);
    }

    /**
     * A command on the served generation's collections: the projection's. (The platform's outbox relay,
     * which has nothing to relay in this service, polls its lease meanwhile; that is not the projection.)
     */
    /**
     * The read-model collections (without the generation) that answering {@code GET /global?year=} reads,
     * one entry per command sent by the request's thread.
     */
    private List<String> globalDashboardReads(int year) {
        recorder.reset();
        assertThat(new Dashboards(port).global(year).get("validation").get("overall").get("facts").asLong())
                .isPositive();
        return recorder.commands().stream().filter(c -> c.thread() != null && c.thread().startsWith("http-nio"))
                .filter(this::ofTheReadModels)
                .map(c -> c.collection().substring(generations.serving().generation().length() + 1)).toList();
    }

    private boolean ofTheReadModels(MongoCommandRecorder.Recorded command) {
        return command.collection() != null
                && command.collection().startsWith(generations.serving().generation() + "_");
    }

    private static ProgrammeRegistered programme(String id, String country) {
        return new ProgrammeRegistered(id, 1, country, "Programme " + id, null, List.of("ILO"), List.of("EU"),
                LocalDate.of(MEASURED_YEAR, 1, 1), LocalDate.of(MEASURED_YEAR, 12, 31), ProgrammeStatus.ACTIVE,
                List.of(), List.of(), List.of(TargetGroup.CHILDREN),
                List.of(new AnnualTarget(MEASURED_YEAR, 10_000, 5_000)));
    }

    private static IndicatorResultReported indicator(String programmeId, String country, String period, String actual) {
        return new IndicatorResultReported(programmeId, 3, country, "COV-CHILD", "Children covered", "%",
                new BigDecimal("20"), 2100, new BigDecimal("60"), 2105, period, new BigDecimal(actual));
    }

    private void send(DomainEvent event) {
        producer.send(producerCodec.toRecord(event, Instant.ofEpochMilli(System.currentTimeMillis())));
    }

    /** Batches the projection has completed so far. */
    private long batches() {
        return meters.get("spmonitor.projection.batch").timer().count();
    }

    /** Waits until the served generation's consumer group has committed the end of every partition. */
    private void awaitCaughtUp() {
        String group = "reporting-service.projection." + generations.serving().generation();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(ProjectionGenerations.TOPICS)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .forEach((topic, d) -> d.partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return latest.keySet().stream().allMatch(tp -> ends.get(tp).offset() == 0
                    || committed.get(tp) != null && committed.get(tp).offset() >= ends.get(tp).offset());
        });
    }
}
