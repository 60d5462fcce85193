package org.spmonitor.local.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.local.LocalService;
import org.spmonitor.local.chaos.StackClient.DemoClient;
import org.spmonitor.platform.events.EventCodec;

import tools.jackson.databind.JsonNode;

/**
 * The power-cut fault (issue 16): the whole stack, started as a user starts it
 * ({@code java -jar spmonitor-local.jar}) in a process of its own, is killed with SIGKILL while it is
 * busy (REST submissions one by one and in batches, submissions arriving on the inbound Kafka topic, a
 * large CSV import part-way through), then started again with the same command on the same data. Then:
 * <ul>
 * <li>every count acknowledged before the cut (a 2xx with its countId; each row of an import whose
 * report came back) is readable from beneficiary-service;</li>
 * <li>the dashboards catch up with the write side within {@link #CATCH_UP_LIMIT} of the restart being
 * up (measured: up-time, first progress, caught up);</li>
 * <li>once the clients have sent again what was cut short (same Idempotency-Key and body), every count
 * is published on {@code beneficiaries.beneficiary-count-events.v1} (duplicates counted) and shown once:
 * acknowledged = readable = published = visible, and the dashboards show nothing the write side lacks;</li>
 * <li>every inbound submission the broker acknowledged was accepted or answered on the rejections topic.</li>
 * </ul>
 * Each cut has a country of its own and a kill delay of its own, so the cut lands at a different moment.
 */
final class PowerCut {

    /** The dashboards must show everything the write side holds this soon after the restart is up. */
    static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(10);
    private static final List<Integer> YEARS = List.of(2021, 2022, 2023, 2024, 2025);
    private static final long KEYS_PER_PROGRAMME = 12L * CountKeys.GROUPS.size() * YEARS.size();
    private static final List<String> COUNTRIES = List.of("UGA", "KEN", "TZA", "RWA", "GHA", "ZMB", "MWI", "SEN",
            "KHM", "NPL");
    /** Delays from the start of the load to the cut, in turn: early in the import, late, in between. */
    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(3_000), Duration.ofMillis(9_500),
            Duration.ofMillis(6_000), Duration.ofMillis(12_500), Duration.ofMillis(4_500), Duration.ofMillis(8_000));
    private static final int BATCH_SIZE = 100;
    private static final Duration BATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration INBOUND_EVERY = Duration.ofMillis(100);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);
    private static final String SUBMISSIONS_GROUP = "beneficiary-service.submissions";
    private static final List<String> PROJECTED_TOPICS = List.of(Topics.PROGRAMME_EVENTS,
            Topics.FINANCING_REPORT_EVENTS, Topics.BENEFICIARY_COUNT_EVENTS);
    private static final String PROJECTION_GROUPS = "reporting-service.projection.";

    private final Path jar;
    private final List<String> jvmFlags;
    private final double rate;
    private final int importRows;
    private final PrintStream out;

    private KillableStack stack;
    private StackClient client;
    private KafkaTool kafka;
    private TopicCounter topic;
    private KafkaProducer<String, byte[]> inbound;

    PowerCut(Path jar, List<String> jvmFlags, double rate, int importRows, PrintStream out) {
        this.jar = jar;
        this.jvmFlags = jvmFlags;
        this.rate = rate;
        this.importRows = importRows;
        this.out = out;
    }

    /** The delay before cut {@code index} (0-based). */
    static Duration delay(int index) {
        return DELAYS.get(index % DELAYS.size()).plusMillis(250L * (index / DELAYS.size()));
    }

    /** Starts the stack process in {@code data}, runs {@code cuts} power cuts on it, stops it. */
    List<ChaosRun.Tally> run(Path data, int cuts) throws Exception {
        stack = KillableStack.of(jar, data, jvmFlags,
                // the load is one client (demo-admin) far above the default 600 writes a minute
                List.of("--spmonitor.security.writes-per-minute=1000000"));
        Thread killOnExit = new Thread(() -> {
            try {
                stack.kill();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "power-cut-stack-killer");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Duration up = stack.start();
        out.printf(Locale.ROOT, "      the stack in a process of its own%s, up in %.1f s: %s%n",
                stack.ownProcessGroup() ? " and process group" : "", seconds(up), String.join(" ", stack.command()));
        client = new StackClient(stack.endpoints());
        kafka = new KafkaTool(stack.kafkaBootstrapServers());
        topic = new TopicCounter(stack.kafkaBootstrapServers());
        inbound = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // a record in flight at the cut is sent again once the broker is back
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis()),
                new StringSerializer(), new ByteArraySerializer());
        List<ChaosRun.Tally> tallies = new ArrayList<>();
        try {
            for (int i = 0; i < cuts; i++) {
                out.printf(Locale.ROOT, "      power cut %d/%d, SIGKILL %.1f s into the load ...%n", i + 1, cuts,
                        seconds(delay(i)));
                ChaosRun.Tally tally = cut(i, cuts, COUNTRIES.get(i % COUNTRIES.size()));
                tally.notes().forEach(note -> out.println("        " + note));
                tally.problems().forEach(problem -> out.println("        PROBLEM: " + problem));
                out.printf(Locale.ROOT, "        acknowledged %d, published %d, visible %d: %s (%.1f s)%n",
                        tally.submitted(), tally.published(), tally.visible(), tally.passed() ? "OK" : "FAILED",
                        seconds(tally.took().toNanos()));
                tallies.add(tally);
            }
        }
        finally {
            inbound.close(Duration.ofSeconds(5));
            topic.close();
            kafka.close();
            stack.close();
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        return tallies;
    }

    private ChaosRun.Tally cut(int index, int cuts, String country) throws Exception {
        long started = System.nanoTime();
        Duration delay = delay(index);
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        // programmes for each channel, and beneficiary-service knowing them all before the load starts
        long restKeys = (long) ((rate + BATCH_SIZE / (BATCH_EVERY.toMillis() / 1000.0))
                * (delay.toSeconds() + 15)) + 2 * BATCH_SIZE;
        List<String> restProgrammes = register(country, "rest", programmesFor(restKeys));
        List<String> importProgrammes = register(country, "import", programmesFor(importRows));
        List<String> inboundProgrammes = register(country, "mis", programmesFor((delay.toSeconds() + 15)
                * (1000 / INBOUND_EVERY.toMillis())));
        awaitKnown(country, concat(restProgrammes, importProgrammes, inboundProgrammes));

        // the load: REST one by one and in batches, an import, the inbound topic
        CountLoad load = new CountLoad(client, country, new CountKeys(restProgrammes, YEARS), DemoClient.ADMIN);
        CountKeys importKeys = new CountKeys(importProgrammes, YEARS);
        StringBuilder csv = new StringBuilder("programmeId,period,targetGroup,measure,total\n");
        Set<String> importNaturalKeys = new HashSet<>();
        for (int i = 0; i < importRows; i++) {
            JsonNode count = StackClient.json(importKeys.nextBody());
            importNaturalKeys.add(naturalKey(count));
            csv.append(count.path("programmeId").asString()).append(',').append(count.path("period").asString())
                    .append(',').append(count.path("targetGroup").asString()).append(",NEW,1\n");
        }
        String importKey = UUID.randomUUID().toString();
        CountKeys inboundKeys = new CountKeys(inboundProgrammes, YEARS);
        String token = client.token(DemoClient.ADMIN);

        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger batchesAccepted = new AtomicInteger();
        AtomicReference<JsonNode> importReport = new AtomicReference<>();
        AtomicReference<String> importFailure = new AtomicReference<>();
        Map<String, String> inboundSent = new ConcurrentHashMap<>(); // ce_id -> natural key
        Set<String> inboundAcked = ConcurrentHashMap.newKeySet();
        Map<String, String> inboundFailed = new ConcurrentHashMap<>();

        Thread importer = new Thread(() -> importReport.set(postImport(csv.toString(), importKey, importFailure)),
                "power-cut-import");
        Thread batches = new Thread(() -> {
            while (!stopping.get()) {
                try {
                    if (load.submitBatch(BATCH_SIZE) == CountLoad.Outcome.ACCEPTED) {
                        batchesAccepted.incrementAndGet();
                    }
                    Thread.sleep(BATCH_EVERY.toMillis()); // pacing the batches
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "power-cut-batches");
        Thread mis = new Thread(() -> {
            while (!stopping.get()) {
                ProducerRecord<String, byte[]> record = InboundSubmissions.records(country, inboundKeys, 1, "chaos-mis",
                        token).get(0);
                String id = EventCodec.header(record.headers(), CloudEventHeaders.ID);
                inboundSent.put(id, naturalKey(StackClient.json(new String(record.value(), StandardCharsets.UTF_8))));
                inbound.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        inboundAcked.add(id);
                    }
                    else {
                        inboundFailed.put(id, failure.toString());
                    }
                });
                try {
                    Thread.sleep(INBOUND_EVERY.toMillis()); // pacing the national MIS
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "power-cut-inbound");

        importer.start();
        load.start(ChaosRun.interval(rate), ChaosRun.threadsFor(rate));
        batches.start();
        mis.start();
        Thread.sleep(delay.toMillis()); // the load runs until the power goes
        long writtenBefore = client.beneficiaryCountTotal(country).orElse(-1);
        long visibleBefore = client.newBeneficiaries(country, YEARS).orElse(-1);

        long pid = stack.kill();
        long cutAt = System.nanoTime();
        stopping.set(true);
        load.stop();
        batches.join();
        mis.join();
        importer.join();

        // what the clients had been told before the cut
        Set<String> restAcknowledged = load.acceptedIds();
        boolean importAcknowledged = importReport.get() != null;
        Set<String> inboundAckedBeforeRestart = Set.copyOf(inboundAcked);
        notes.add(String.format(Locale.ROOT, "SIGKILL of process %s %d %.1f s into the load; acknowledged by then: "
                + "%d REST counts (%d batch(es) of %d), import of %d rows %s, %d inbound records acknowledged by the "
                + "broker (%d sent); the dashboards were %d counts behind the write side", stack.ownProcessGroup()
                        ? "group" : "", pid, seconds(delay), restAcknowledged.size(), batchesAccepted.get(),
                BATCH_SIZE, importRows, importAcknowledged ? "answered" : "in flight (" + importFailure.get() + ")",
                inboundAckedBeforeRestart.size(), inboundSent.size(), Math.max(0, writtenBefore - visibleBefore)));

        // the same command on the same data
        Duration up = stack.start();
        long upAt = System.nanoTime();
        Instant upInstant = Instant.now();
        CatchUp catchUp = awaitCaughtUp(country, upAt);
        notes.add(String.format(Locale.ROOT, "restart up in %.1f s (%.1f s after the cut); %s; dashboards %s",
                seconds(up), seconds(upAt - cutAt), consumersBack(stack.log(), stack.pid(), upInstant),
                catchUp.describe()));
        if (!catchUp.caughtUp() || catchUp.caughtUpAfter().compareTo(CATCH_UP_LIMIT) > 0) {
            problems.add(String.format(Locale.ROOT, "dashboards not caught up within %d s of the restart being up",
                    CATCH_UP_LIMIT.toSeconds()));
        }

        // everything acknowledged before the cut is readable, before any client sends anything again
        Map<String, String> written = written(country);
        Set<String> readableIds = new HashSet<>(written.values());
        long restReadable = restAcknowledged.stream().filter(readableIds::contains).count();
        long importReadable = importAcknowledged ? importNaturalKeys.stream().filter(written::containsKey).count() : 0;
        long importStoredUnanswered = importAcknowledged ? 0
                : importNaturalKeys.stream().filter(written::containsKey).count();
        long acknowledgedBefore = restAcknowledged.size() + (importAcknowledged ? importRows : 0);
        notes.add(String.format(Locale.ROOT, "readable after the restart: %d of %d acknowledged (REST %d/%d, import "
                + "%d/%d)%s", restReadable + importReadable, acknowledgedBefore, restReadable, restAcknowledged.size(),
                importReadable, importAcknowledged ? importRows : 0, importAcknowledged ? ""
                        : "; of the unanswered import " + importStoredUnanswered + " rows were stored"));
        if (restReadable + importReadable != acknowledgedBefore) {
            problems.add((acknowledgedBefore - restReadable - importReadable)
                    + " counts acknowledged before the cut are not readable after the restart, e.g. "
                    + restAcknowledged.stream().filter(id -> !readableIds.contains(id)).limit(3).toList());
        }

        // the clients send again what the cut left unanswered: same Idempotency-Key, same body
        Map<String, Integer> resent = new TreeMap<>();
        if (load.waitingCount() > 0) {
            resent.put("REST counts", load.waitingCount());
        }
        if (!load.settle(SETTLE_TIMEOUT)) {
            problems.add(load.waitingCount() + " REST submissions never accepted after the restart");
        }
        problems.addAll(load.unexpected());
        if (!importAcknowledged) {
            resent.put("import rows", importRows);
            JsonNode report = postImport(csv.toString(), importKey, importFailure);
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            while (report == null && System.nanoTime() < deadline) {
                Thread.sleep(500); // the import is refused for a passing reason: again, a little later
                report = postImport(csv.toString(), importKey, importFailure);
            }
            importReport.set(report);
        }
        JsonNode report = importReport.get();
        long importAccepted = 0;
        if (report == null) {
            problems.add("the import was never answered: " + importFailure.get());
        }
        else {
            importAccepted = report.path("counts").asLong();
            if (importAccepted != importRows || report.path("rejected").asLong() != 0) {
                problems.add("the import answered " + importAccepted + " counts and " + report.path("rejected").asLong()
                        + " rejections for " + importRows + " rows: " + report.path("rejections"));
            }
            notes.add(String.format(Locale.ROOT, "import report: %d created, %d unchanged, %d rejected",
                    report.path("created").asLong(), report.path("unchanged").asLong(),
                    report.path("rejected").asLong()));
        }
        inbound.flush();
        if (!resent.isEmpty()) {
            notes.add("sent again after the restart: " + resent);
        }

        // settled: acknowledged = readable = published = visible, and the dashboards show only what is written
        Set<String> restAccepted = load.acceptedIds();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        Set<String> rejectedInbound = Set.of();
        Set<String> published;
        long submitted;
        long unackedStored = 0;
        OptionalLong visible;
        long lag;
        while (true) {
            topic.catchUp(Duration.ofSeconds(10));
            published = topic.published(country);
            rejectedInbound = rejected(country, inboundAcked);
            submitted = restAccepted.size() + importAccepted + inboundAcked.size() - rejectedInbound.size();
            if (!inboundFailed.isEmpty() && published.size() > submitted) {
                // a record whose acknowledgement the cut lost may have reached the log all the same: the
                // service then accepted it, once, like any other (at least once, ADR 0005)
                Map<String, String> writtenNow = written(country);
                unackedStored = inboundFailed.keySet().stream()
                        .filter(id -> writtenNow.containsKey(inboundSent.get(id))).count();
                submitted += unackedStored;
            }
            lag = kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS) + submissionsLag();
            visible = client.newBeneficiaries(country, YEARS);
            OptionalLong total = client.beneficiaryCountTotal(country);
            boolean settled = published.containsAll(restAccepted) && published.size() == submitted && lag == 0
                    && visible.isPresent() && visible.getAsLong() == submitted && total.isPresent()
                    && total.getAsLong() == submitted;
            if (settled || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250); // polling until the figures settle
        }
        Map<String, String> settledWritten = written(country);
        Set<String> writtenIds = new HashSet<>(settledWritten.values());
        if (!published.containsAll(restAccepted)) {
            Set<String> finalPublished = published;
            problems.add("acknowledged but never published: " + restAccepted.stream()
                    .filter(id -> !finalPublished.contains(id)).limit(5).toList());
        }
        if (!writtenIds.containsAll(restAccepted)) {
            problems.add("acknowledged but not readable: " + restAccepted.stream()
                    .filter(id -> !writtenIds.contains(id))
                    .limit(5).toList());
        }
        long importMissing = importNaturalKeys.stream().filter(key -> !settledWritten.containsKey(key)).count();
        if (importMissing > 0) {
            problems.add(importMissing + " import rows not readable");
        }
        Set<String> rejectedFinal = rejectedInbound;
        List<String> unaccounted = inboundAcked.stream().filter(id -> !rejectedFinal.contains(id)
                && !settledWritten.containsKey(inboundSent.get(id))).limit(5).toList();
        List<String> both = inboundAcked.stream().filter(id -> rejectedFinal.contains(id)
                && settledWritten.containsKey(inboundSent.get(id))).limit(5).toList();
        if (!both.isEmpty()) {
            problems.add("inbound records both accepted (stored) and answered on the rejections topic, e.g. " + both);
        }
        if (!unaccounted.isEmpty()) {
            problems.add("inbound records acknowledged by the broker but neither accepted nor rejected, e.g. "
                    + unaccounted);
        }
        if (!inboundFailed.isEmpty()) {
            notes.add(inboundFailed.size() + " inbound records the broker never acknowledged (" + unackedStored
                    + " of them stored all the same, counted once; the others not counted), e.g. "
                    + inboundFailed.values().iterator().next());
        }
        if (visible.isPresent() && visible.getAsLong() != settledWritten.size()) {
            problems.add("the dashboards show " + visible.getAsLong() + " counts, the write side holds "
                    + settledWritten.size());
        }
        if (lag != 0) {
            problems.add("consumers still " + lag + " records behind");
        }
        int records = topic.records(country);
        notes.add(String.format(Locale.ROOT, "acknowledged in all %d (REST %d, import %d, inbound %d accepted + %d "
                + "rejected + %d unacknowledged but stored); readable %d; published %d distinct in %d records (%d "
                + "duplicates); visible %d",
                submitted, restAccepted.size(), importAccepted, inboundAcked.size() - rejectedInbound.size(),
                rejectedInbound.size(), unackedStored, settledWritten.size(), published.size(), records, records - published.size(),
                visible.orElse(-1)));
        return new ChaosRun.Tally(String.format(Locale.ROOT, "power cut %d/%d (SIGKILL after %.1f s)", index + 1, cuts,
                seconds(delay)), country, submitted, published.size(), visible.orElse(-1), records,
                load.refusals(), notes, problems, Duration.ofNanos(System.nanoTime() - started));
    }

    /** When the dashboards caught up after the restart, measured from the moment it was up. */
    record CatchUp(boolean caughtUp, Duration firstProgressAfter, Duration caughtUpAfter, long written,
            long visibleAtUp) {

        String describe() {
            return caughtUp ? String.format(Locale.ROOT, "moving %.1f s and caught up %.1f s after it was up "
                    + "(%d counts on the write side, %d on the dashboards when it came up)",
                    seconds(firstProgressAfter.toNanos()), seconds(caughtUpAfter.toNanos()), written, visibleAtUp)
                    : String.format(Locale.ROOT, "NOT caught up %.0f s after it was up (%d written)",
                            seconds(caughtUpAfter.toNanos()), written);
        }
    }

    /**
     * Polls until the dashboards show exactly what beneficiary-service holds for {@code country}, with the
     * inbound submissions consumed and reporting-service's groups committed to the end of their topics.
     */
    private CatchUp awaitCaughtUp(String country, long upAt) throws InterruptedException {
        long deadline = upAt + SETTLE_TIMEOUT.toNanos();
        long visibleAtUp = -1;
        Duration firstProgress = null;
        long written = -1;
        while (System.nanoTime() < deadline) {
            OptionalLong visible = client.newBeneficiaries(country, YEARS);
            OptionalLong total = client.beneficiaryCountTotal(country);
            long lag;
            try {
                lag = kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS) + submissionsLag();
            }
            catch (IllegalStateException ex) {
                lag = -1; // the broker is still settling
            }
            if (visible.isPresent()) {
                if (visibleAtUp < 0) {
                    visibleAtUp = visible.getAsLong();
                }
                else if (firstProgress == null && visible.getAsLong() != visibleAtUp) {
                    firstProgress = Duration.ofNanos(System.nanoTime() - upAt);
                }
            }
            written = total.orElse(-1);
            if (visible.isPresent() && total.isPresent() && lag == 0 && visible.getAsLong() == written) {
                Duration after = Duration.ofNanos(System.nanoTime() - upAt);
                return new CatchUp(true, firstProgress == null ? after : firstProgress, after, written, visibleAtUp);
            }
            Thread.sleep(100); // polling the dashboards
        }
        return new CatchUp(false, firstProgress, Duration.ofNanos(System.nanoTime() - upAt), written, visibleAtUp);
    }

    /**
     * When the restarted stack's consumers had their partitions back, from its log (spring-kafka's
     * "partitions assigned" lines of that process): relative to the broker listening and to the stack
     * being up.
     */
    static String consumersBack(Path log, long pid, Instant up) {
        Instant broker = null;
        Map<String, Instant> assigned = new TreeMap<>();
        String mark = " " + pid + " --- ";
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.contains(mark)) {
                    continue;
                }
                Instant at;
                try {
                    at = java.time.OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
                }
                catch (RuntimeException ex) {
                    continue;
                }
                if (line.contains("Kafka broker listening at") && broker == null) {
                    broker = at;
                }
                int assignedAt = line.indexOf(": partitions assigned: [");
                if (assignedAt > 0 && !line.contains("partitions assigned: []")) {
                    String group = line.substring(line.lastIndexOf(" : ", assignedAt) + 3, assignedAt);
                    assigned.putIfAbsent(group, at);
                }
            }
        }
        catch (IOException | java.io.UncheckedIOException ex) {
            return "consumers: the stack log could not be read (" + ex + ")";
        }
        if (assigned.isEmpty() || broker == null) {
            return "consumers: no partition assignment in the stack log yet";
        }
        Instant last = assigned.values().stream().max(Instant::compareTo).orElseThrow();
        double afterBroker = Duration.between(broker, last).toMillis() / 1000.0;
        double beforeUp = Duration.between(last, up).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "the consumers of %d groups had their partitions back %.1f s after the "
                + "broker listened, %s", assigned.size(), afterBroker, beforeUp >= 0
                        ? String.format(Locale.ROOT, "%.1f s before the stack was up", beforeUp)
                        : String.format(Locale.ROOT, "%.1f s after the stack was up", -beforeUp));
    }

    private long submissionsLag() {
        return kafka.lag(SUBMISSIONS_GROUP, List.of(Topics.BENEFICIARY_COUNT_SUBMISSIONS)).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    /** The ce_ids among {@code ids} answered on the rejections topic. */
    private Set<String> rejected(String country, Set<String> ids) {
        Set<String> rejected = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : kafka.readAll(Topics.SUBMISSION_REJECTIONS,
                r -> country.equals(r.key()))) {
            String original = StackClient.json(new String(record.value(), StandardCharsets.UTF_8)).path("originalId")
                    .asString();
            if (ids.contains(original)) {
                rejected.add(original);
            }
        }
        return rejected;
    }

    /** Natural key -> countId@version of every count of {@code country} that beneficiary-service holds. */
    private Map<String, String> written(String country) throws IOException, InterruptedException {
        Map<String, String> written = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                for (JsonNode count : client.beneficiaryCounts(country)) {
                    if (!count.path("withdrawn").asBoolean()) {
                        written.put(naturalKey(count), count.path("countId").asString() + "@"
                                + count.path("version").asLong());
                    }
                }
                return written;
            }
            catch (IOException ex) {
                if (System.nanoTime() > deadline) {
                    throw ex;
                }
                written.clear();
                Thread.sleep(500); // beneficiary-service is not answering yet
            }
        }
    }

    private static String naturalKey(JsonNode count) {
        return count.path("programmeId").asString() + "|" + count.path("period").asString() + "|"
                + count.path("targetGroup").asString() + "|" + count.path("measure").asString("NEW");
    }

    /** The import's report, or null (with the reason in {@code failure}) when it was not answered 2xx. */
    private JsonNode postImport(String csv, String key, AtomicReference<String> failure) {
        try {
            HttpResponse<String> response = client.postCsv(LocalService.BENEFICIARY,
                    "/api/v1/beneficiary-counts/imports", DemoClient.ADMIN, csv, key);
            if (response.statusCode() / 100 == 2) {
                return StackClient.json(response.body());
            }
            failure.set(response.statusCode() + " " + response.body());
        }
        catch (IOException ex) {
            failure.set(ex.getClass().getSimpleName());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure.set("interrupted");
        }
        return null;
    }

    private static int programmesFor(long keys) {
        return (int) Math.max(1, (keys + KEYS_PER_PROGRAMME - 1) / KEYS_PER_PROGRAMME);
    }

    private List<String> register(String country, String channel, int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(client.registerProgramme(country, country + " power cut " + channel + " " + i + " "
                    + UUID.randomUUID().toString().substring(0, 8), YEARS.get(0), YEARS.get(YEARS.size() - 1)));
        }
        return ids;
    }

    /** Waits until beneficiary-service knows every programme (a dry-run import of one row each is all good). */
    private void awaitKnown(String country, List<String> programmes) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("programmeId,period,targetGroup,measure,total\n");
        programmes.forEach(id -> csv.append(id).append(",2025-01,CHILDREN,NEW,1\n"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> response = client.postCsv(LocalService.BENEFICIARY,
                    "/api/v1/beneficiary-counts/imports?dryRun=true", DemoClient.ADMIN, csv.toString(),
                    UUID.randomUUID().toString());
            if (response.statusCode() / 100 == 2 && StackClient.json(response.body()).path("rejected").asLong() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("beneficiary-service never learnt the programmes of " + country + ": "
                        + response.statusCode() + " " + response.body());
            }
            TimeUnit.MILLISECONDS.sleep(250); // it learns them from Kafka
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
