package org.spmonitor.beneficiary.imports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.beneficiary.Programmes;
import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.TestTokens;

import org.spmonitor.beneficiary.ExternalMongoWire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A 50,000-row CSV imports in one request under the test JVM's heap (surefire: -Xmx768m, shared with
 * the Kafka broker and the service): the client streams the file without holding it, the service
 * streams it row by row, and every accepted count reaches the topic.
 * <p>
 * The database runs in a process of its own ({@link ExternalMongoWire}), as MongoDB does in
 * production: the in-JVM memory backend keeps about 7 KB of Java objects per stored count, which
 * would measure the test database, not the service. That needs a Spring context of its own (another
 * database URI and its own consumer groups, so that it never takes partitions from the shared
 * context); it is closed after the class to give its memory back.
 */
@DirtiesContext
class LargeCsvImportIntegrationTest extends BeneficiaryIntegrationTest {

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> ExternalMongoWire.uri("large-import-" + UUID.randomUUID()));
        registry.add("spmonitor.beneficiary.consumer-group-prefix", () -> "beneficiary-service-large-import");
        // mongo-java-server answers the relay's "pending events" query by copying and sorting every pending
        // document (no index use), so fewer, larger relay passes; a real MongoDB uses the outbox_pending index
        registry.add("spmonitor.outbox.batch-size", () -> "10000");
    }

    @Value("${spring.mongodb.uri}")
    String mongoUri;

    /**
     * Half of the 100,000 rows this test imported until the suite ran two modules at a time: at the
     * import's ~640 rows/s the test was the suite's critical path. The million-fact imports are measured
     * by the benchmark harness (deploy/bench, docs/benchmarks.md).
     */
    private static final int ROWS = 50_000;
    /** The one bad row: its sexes add up to one more than its total. */
    private static final long BAD_LINE = 37_777;
    private static final int FIRST_YEAR = 1950;
    private static final int LAST_YEAR = 2200;
    private static final int PERIODS_PER_YEAR = 17;
    private static final int KEYS_PER_PERIOD = TargetGroup.values().length * Measure.values().length;
    private static final int KEYS_PER_PROGRAMME = (LAST_YEAR - FIRST_YEAR + 1) * PERIODS_PER_YEAR * KEYS_PER_PERIOD;

    @Autowired
    MongoTemplate mongo;

    /** Row {@code i} (0-based; it is on line i + 2) of the generated file, without its line break. */
    private static String row(List<String> programmes, int i) {
        String programme = programmes.get(i / KEYS_PER_PROGRAMME);
        int r = i % KEYS_PER_PROGRAMME;
        int periodIndex = r / KEYS_PER_PERIOD;
        int year = FIRST_YEAR + periodIndex / PERIODS_PER_YEAR;
        int sub = periodIndex % PERIODS_PER_YEAR;
        String period = sub == 0 ? Integer.toString(year) : sub <= 4 ? year + "Q" + sub
                : String.format("%d-%02d", year, sub - 4);
        TargetGroup group = TargetGroup.values()[(r % KEYS_PER_PERIOD) / Measure.values().length];
        Measure measure = Measure.values()[r % Measure.values().length];
        long total = 10 + i % 997;
        long female = total / 2;
        long male = total - female + (i + 2 == BAD_LINE ? 1 : 0);
        return programme + "," + period + "," + group + "," + measure + "," + total + "," + female + "," + male;
    }

    private static String countIdOf(String row) {
        String[] cells = row.split(",");
        return new CountKey(cells[0], cells[1], TargetGroup.valueOf(cells[2]), Measure.valueOf(cells[3])).countId();
    }

    /** The CSV file, produced as it is read: neither the test nor the service ever holds it whole. */
    private static final class GeneratedCsv extends InputStream {
        private final List<String> programmes;
        private byte[] current = "programmeId,period,targetGroup,measure,total,sex.female,sex.male\n"
                .getBytes(StandardCharsets.UTF_8);
        private int position;
        private int next;

        GeneratedCsv(List<String> programmes) {
            this.programmes = programmes;
        }

        private boolean fill() {
            while (position == current.length) {
                if (next == ROWS) {
                    return false;
                }
                current = (row(programmes, next++) + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int written = 0;
            while (written < length && fill()) {
                int n = Math.min(length - written, current.length - position);
                System.arraycopy(current, position, buffer, offset + written, n);
                position += n;
                written += n;
            }
            return written == 0 ? -1 : written;
        }
    }

    private static ProgrammeRegistered longRunning(String id) {
        return new ProgrammeRegistered(id, 1, "KHM", "Long-running programme", null, List.of("ILO"), List.of(),
                LocalDate.of(FIRST_YEAR, 1, 1), LocalDate.of(LAST_YEAR, 12, 31), ProgrammeStatus.ACTIVE, List.of(),
                List.of(), List.of(), List.of());
    }

    @Test
    void importsAFiftyThousandRowCsvInOneStreamedRequestAndEveryAcceptedCountReachesTheTopic() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assumeTrue(maxHeap <= 800L * 1024 * 1024, "this test proves streaming under surefire's -Xmx768m; this JVM"
                + " has " + maxHeap / (1024 * 1024) + " MB of heap, so it would prove nothing");
        assertThat(mongoUri).as("the service stores into the external database").isEqualTo(
                ExternalMongoWire.uri(mongoUri.substring(mongoUri.lastIndexOf('/') + 1)));
        List<String> programmes = List.of(Programmes.freshId(), Programmes.freshId());
        programmes.forEach(id -> register(longRunning(id)));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < ROWS; i++) {
            if (i + 2 != BAD_LINE) {
                expected.add(countIdOf(row(programmes, i)));
            }
        }
        assertThat(expected).hasSize(ROWS - 1);

        long started = System.nanoTime();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(api().baseUrl() + "/api/v1/beneficiary-counts/imports"))
                    .header("Content-Type", "text/csv").header("Authorization", "Bearer " + TestTokens.admin())
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(programmes))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(response.body());
            assertThat(report.get("received").asLong()).isEqualTo(ROWS);
            assertThat(report.get("created").asLong()).isEqualTo(ROWS - 1);
            assertThat(report.get("rejected").asLong()).isEqualTo(1);
            assertThat(report.get("rejections").get(0).get("line").asLong()).isEqualTo(BAD_LINE);
            assertThat(report.get("rejections").get(0).get("field").asString()).isEqualTo("sex");
            System.out.printf("large import: %d rows imported in %d s; service heap max %d MB%n", ROWS,
                    (System.nanoTime() - started) / 1_000_000_000L, maxHeap / (1024 * 1024));

            assertThat(awaitSubjectsOnTopic(expected, Duration.ofMinutes(10)))
                    .as("accepted counts not (yet) published").isEmpty();
            System.out.printf("large import: all %d counts on the topic %d s after the request started%n",
                    expected.size(), (System.nanoTime() - started) / 1_000_000_000L);
        }
        finally {
            mongo.getDb().drop();
        }
    }

    /** Reads the events topic from the start, crossing off subjects; returns those never seen. */
    private static Set<String> awaitSubjectsOnTopic(Set<String> expected, Duration timeout) {
        Set<String> remaining = new HashSet<>(expected);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "large-import-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BENEFICIARY_COUNT_EVENTS,
                    Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(Topics.BENEFICIARY_COUNT_EVENTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    remaining.remove(KafkaProbe.header(record, CloudEventHeaders.SUBJECT));
                }
            }
        }
        return remaining;
    }
}
