package org.spmonitor.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.spmonitor.events.Topics;
import org.spmonitor.local.LocalService;
import org.spmonitor.local.bench.Dashboards.Reached;
import org.spmonitor.local.bench.Workload.Totals;
import org.spmonitor.local.chaos.CountKeys;
import org.spmonitor.local.chaos.CountLoad;
import org.spmonitor.local.chaos.StackClient;
import org.spmonitor.local.chaos.StackClient.DemoClient;

import tools.jackson.databind.JsonNode;

/**
 * The benchmark of the embedded stack ({@code deploy/bench/run-bench.sh}); performance targets live
 * in {@code docs/benchmarks.md} and issue 10, never in unit tests. It starts {@code spmonitor-local.jar}
 * as its own process, as a newcomer does, talks to it over HTTP and Kafka only, and runs the phases of
 * {@link BenchOptions#usage()}: start-up, the parts' raw limits, latency, batch throughput, a large CSV
 * import, a large read model loaded onto the topic, a replay of it into a new generation, and latency on
 * that read model; then prints a markdown summary with each figure next to the raw limit.
 */
public final class BenchRun {

    private static final int YEAR = 2025;
    static final List<Integer> IMPORT_YEARS = IntStream.rangeClosed(2020, 2024).boxed().toList();
    static final List<Integer> FACT_YEARS = IntStream.rangeClosed(2016, 2025).boxed().toList();
    /** A latency run says how far it got every this many counts (a loaded stack can take minutes). */
    private static final int PROGRESS_EVERY = 50;

    /** Years a background load spreads its counts over (so it needs ten times fewer programmes). */
    private static final List<Integer> BACKGROUND_YEARS = FACT_YEARS;

    private final BenchOptions options;
    private final PrintStream out;
    private final List<String> summary = new ArrayList<>();
    /** Every country a phase wrote for, so that the replay compares all of their dashboards. */
    private final Set<String> countriesUsed = new LinkedHashSet<>();
    private List<String> importCountries = List.of();
    private List<String> factCountries = List.of();
    private double rawProduce = Double.NaN;
    private double rawConsume = Double.NaN;
    private double rawUpserts = Double.NaN;

    BenchRun(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.usage());
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("bench: " + ex.getMessage() + System.lineSeparator() + BenchOptions.usage());
            System.exit(2);
            return;
        }
        new BenchRun(options, System.out).run(args);
    }

    void run(String[] args) throws Exception {
        Path data = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("spmonitor-bench-");
        String command = System.getenv().getOrDefault("SPMONITOR_BENCH_COMMAND", "BenchRun " + String.join(" ", args));
        String started = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now().withNano(0));
        out.printf("spmonitor bench, %s%n  %s%n", started, command);
        out.printf("  phases: %s%n", String.join(", ", options.phases()));
        out.printf("  machine: %d cores, %s; java %s; load average %s%n", Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("java.version"), loadAverage());
        out.printf("  stack: java %s-jar %s %s (data %s)%n%n", options.jvmFlags().isEmpty() ? ""
                : String.join(" ", options.jvmFlags()) + " ", options.jar(), String.join(" ", stackArgs()), data);
        String loadAtStart = loadAverage();

        StackProcess stack = null;
        try {
            if (options.runs("startup")) {
                out.println("start-up (time to the \"is up\" line; RSS 10 s after it, idle)");
                for (int i = 1; i < options.starts(); i++) {
                    try (StackProcess one = StackProcess.start(options.jar(), data, options.jvmFlags(), stackArgs())) {
                        reportStart(i, one);
                    }
                }
            }
            stack = StackProcess.start(options.jar(), data, options.jvmFlags(), stackArgs());
            if (options.runs("startup")) {
                reportStart(options.starts(), stack);
            }
            else {
                out.printf(Locale.ROOT, "stack up after %.1f s%n", stack.wallSecondsToUp());
            }
            StackClient client = new StackClient(stack.endpoints());
            try (Projection projection = new Projection(stack.kafkaBootstrap(), client)) {
                Dashboards dashboards = new Dashboards(client, out);
                Imports imports = new Imports(client, stack.endpoints().services().get(LocalService.BENEFICIARY));
                Programmes programmes = new Programmes(client, imports);
                out.println();
                if (options.runs("raw")) {
                    raw(stack, projection);
                }
                if (options.runs("latency")) {
                    countriesUsed.add("KHM");
                    Latency small = latency(client, programmes, "KHM", DemoClient.REPORTER, options.backgroundRate(), "");
                    row("latency", "one submission -> dashboard, small read model" + (options.backgroundRate() > 0
                            ? String.format(Locale.ROOT, ", KEN submitting %.0f counts/s in requests of %d",
                                    options.backgroundRate(), options.backgroundBatch())
                            : ", idle"), percentiles(small), "", "", "");
                    out.printf(Locale.ROOT, "  RSS after the latency run: %.0f MiB; load average %s%n%n",
                            stack.rssMiB(), loadAverage());
                }
                if (options.runs("throughput")) {
                    countriesUsed.add("UGA");
                    throughput(client);
                    TimeUnit.SECONDS.sleep(10); // memory once the stack is idle again
                    out.printf(Locale.ROOT, "  RSS 10 s after the throughput run: %.0f MiB; load average %s%n%n",
                            stack.rssMiB(), loadAverage());
                    if (options.runs("latency")) {
                        // the same measurement on a read model that now holds the throughput run's counts too
                        countriesUsed.add("SEN");
                        Latency after = latency(client, programmes, "SEN", DemoClient.REPORTER, 0,
                                " (again, after the throughput run)");
                        row("latency", "the same, after the throughput run, idle", percentiles(after), "", "", "");
                        out.printf(Locale.ROOT, "  load average %s%n%n", loadAverage());
                    }
                }
                if (options.runs("import")) {
                    largeImport(stack, client, projection, dashboards, programmes, imports);
                }
                if (options.runs("facts")) {
                    facts(stack, client, projection, dashboards, programmes);
                }
                if (options.runs("replay")) {
                    replay(client, projection, dashboards);
                }
                if (options.runs("facts-latency")) {
                    factsLatency(stack, client, programmes);
                }
            }
            out.printf(Locale.ROOT, "RSS at the end: %.0f MiB; load average %s%n%n", stack.rssMiB(), loadAverage());
        }
        finally {
            if (stack != null) {
                stack.close();
                out.printf(Locale.ROOT, "stopped in %.1f s (SIGTERM, as Ctrl-C)%n%n", stack.stopSeconds());
            }
            if (options.dataDir() == null) {
                deleteQuietly(data);
            }
            printSummary(command, started, loadAtStart);
        }
    }

    /**
     * Arguments of the stack: the harness is one client writing far above a country team's pace (hundreds
     * of programmes, background loads), above the default limit of 600 writes a minute per client.
     */
    private static List<String> stackArgs() {
        return List.of("--spmonitor.security.writes-per-minute=1000000");
    }

    private void reportStart(int n, StackProcess stack) throws Exception {
        TimeUnit.SECONDS.sleep(10); // RSS of the idle stack, once start-up work has settled
        out.printf(Locale.ROOT, "  start %d%s: up after %.1f s (wall, from spawning java; the stack says %.1f s since "
                + "the JVM started), RSS %.0f MiB; load average %s%n", n, n == 1 ? " (formats the storage)" : "",
                stack.wallSecondsToUp(), stack.reportedJvmUptime(), stack.rssMiB(), loadAverage());
        row("start-up", "up after (wall, start " + n + ")", String.format(Locale.ROOT, "%.1f s", stack.wallSecondsToUp()),
                "< 60 s (ADR 0003)", "", "");
        row("start-up", "RSS idle, 10 s after up (start " + n + ")", mib(stack.rssMiB()), "", "", "");
    }

    // ---- the parts' own limits

    private void raw(StackProcess stack, Projection projection) throws Exception {
        out.printf("raw limits of the same broker and Mongo-wire server (load average %s)%n", loadAverage());
        RawLimits.KafkaRates kafka = RawLimits.kafka(stack.kafkaBootstrap(), projection.admin(), options.rawRecords(),
                out);
        rawProduce = kafka.producePerSecond();
        rawConsume = kafka.consumePerSecond();
        rawUpserts = RawLimits.mongo(stack.mongoUri(), options.rawUpserts(), out);
        out.printf(Locale.ROOT, "  load average %s%n%n", loadAverage());
        row("raw", String.format(Locale.ROOT, "Kafka produce, %,d records of %d B", options.rawRecords(),
                RawLimits.RECORD_BYTES), perSecond(rawProduce, "records"), "", "", "");
        row("raw", String.format(Locale.ROOT, "Kafka consume, %,d records", options.rawRecords()),
                perSecond(rawConsume, "records"), "", "", "");
        row("raw", String.format(Locale.ROOT, "Mongo-wire bulk upserts by _id, %,d documents", options.rawUpserts()),
                perSecond(rawUpserts, "upserts"), "", "", "");
    }

    // ---- submission-to-dashboard latency

    /** Nearest-rank figures of one latency run ("201 -> on the dashboard"), and whether it ran to its end. */
    record Latency(long[] sorted, boolean complete, String background) {
    }

    private Latency latency(StackClient client, Programmes programmes, String country, DemoClient submitter,
            double backgroundRate, String label) throws Exception {
        int total = options.warmup() + options.latencyCount();
        int count = (int) Math.ceil(total / 96.0);
        List<String> ids = programmes.register(List.of(country), count, List.of(YEAR), "Bench latency").get(country);
        CountKeys keys = new CountKeys(ids, List.of(YEAR));
        Background background = backgroundRate > 0 ? Background.start(client, programmes, "KEN", backgroundRate,
                options.backgroundBatch(), BACKGROUND_YEARS) : null;
        if (background != null) {
            countriesUsed.add("KEN");
        }
        long backgroundStarted = System.nanoTime();
        String backgroundAchieved = "";
        out.printf(Locale.ROOT, "submission-to-dashboard latency%s: %d counts of %s (%s) one after the other (after %d "
                + "not measured), dashboard polled every %d ms%s%n", label, options.latencyCount(), country,
                submitter.name().toLowerCase(Locale.ROOT), options.warmup(), options.pollInterval().toMillis(),
                background == null ? ", idle stack" : String.format(Locale.ROOT,
                        ", while KEN submits %.0f counts/s (%d clients, %d counts a request)", backgroundRate,
                        background.clients(), options.backgroundBatch()));
        long shown = client.newBeneficiaries(country, List.of(YEAR)).orElse(0);
        long[] accepted = new long[options.latencyCount()];
        long[] visible = new long[options.latencyCount()];
        long[] roundTrip = new long[options.latencyCount()];
        int measured = 0;
        boolean complete = true;
        for (int i = 0; i < total; i++) {
            String body = keys.nextBody();
            long posted;
            long answered;
            while (true) {
                posted = System.nanoTime();
                HttpResponse<String> response = client.post(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts",
                        submitter, body, null);
                answered = System.nanoTime();
                if (response.statusCode() == 201) {
                    break;
                }
                if (response.statusCode() != 400 || !response.body().contains("unknown programme")) {
                    throw new IllegalStateException("a submission answered " + response.statusCode() + ": "
                            + response.body());
                }
                TimeUnit.MILLISECONDS.sleep(50); // beneficiary-service has not yet learnt the programme
            }
            shown++;
            long seen = awaitShown(client, country, shown, answered);
            if (seen < 0) {
                out.printf(Locale.ROOT, "  GAVE UP: count %d (of %d, the first %d not measured) was not on the "
                        + "dashboard %d s after its 201; %d counts measured before%n", i + 1, total, options.warmup(),
                        options.latencyTimeout().toSeconds(), measured);
                complete = false;
                break;
            }
            if (i >= options.warmup()) {
                roundTrip[measured] = answered - posted;
                accepted[measured] = seen - answered;
                visible[measured] = seen - posted;
                measured++;
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                out.printf(Locale.ROOT, "  ... %d of %d counts on the dashboard after %.0f s (last: %.0f ms from its "
                        + "201)%s%n", i + 1, total, (System.nanoTime() - backgroundStarted) / 1e9,
                        (seen - answered) / 1e6, background == null ? "" : String.format(Locale.ROOT,
                                "; KEN accepted %d so far", background.accepted()));
            }
        }
        if (background != null) {
            long ran = System.nanoTime() - backgroundStarted;
            background.stop();
            out.printf(Locale.ROOT, "  background load meanwhile: %d counts accepted in %.0f s (%.1f/s)%s%n",
                    background.accepted(), ran / 1e9, background.accepted() / (ran / 1e9), background.problems());
            backgroundAchieved = String.format(Locale.ROOT, "; KEN got %.0f counts/s accepted", background.accepted()
                    / (ran / 1e9));
        }
        if (measured == 0) {
            out.println("  nothing measured");
            return new Latency(new long[0], false, backgroundAchieved);
        }
        accepted = Arrays.copyOf(accepted, measured);
        out.println("                                   p50      p95      p99      max     mean");
        printPercentiles("POST answered (201)", Arrays.copyOf(roundTrip, measured));
        printPercentiles("201 -> on the dashboard", accepted);
        printPercentiles("POST sent -> on the dashboard", Arrays.copyOf(visible, measured));
        long withinSecond = Arrays.stream(accepted).filter(n -> n <= TimeUnit.SECONDS.toNanos(1)).count();
        out.printf(Locale.ROOT, "  within 1 s of the 201: %d of %d (%.1f %%)%n", withinSecond, accepted.length,
                100.0 * withinSecond / accepted.length);
        Arrays.sort(accepted);
        return new Latency(accepted, complete, backgroundAchieved);
    }

    /** Polls the dashboard until it shows {@code expected}; returns when it did, or -1 after the timeout. */
    private long awaitShown(StackClient client, String country, long expected, long since)
            throws InterruptedException {
        long deadline = since + options.latencyTimeout().toNanos();
        long next = System.nanoTime();
        while (true) {
            OptionalLong figure = client.newBeneficiaries(country, List.of(YEAR));
            long now = System.nanoTime();
            if (figure.isPresent() && figure.getAsLong() >= expected) {
                return now;
            }
            if (now > deadline) {
                return -1;
            }
            next += options.pollInterval().toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the polling interval
            }
        }
    }

    private void printPercentiles(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "  %-30s %5.0f ms %5.0f ms %5.0f ms %5.0f ms %5.0f ms%n", what,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]), millis((long) Arrays.stream(sorted).average().orElse(0)));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String percentiles(Latency latency) {
        if (latency.sorted().length == 0) {
            return "GAVE UP: a count was not on the dashboard within the --latency-timeout, before any was measured"
                    + latency.background();
        }
        long[] s = latency.sorted();
        return String.format(Locale.ROOT, "p50 %.0f / p95 %.0f / p99 %.0f / max %.0f ms (%d counts%s%s)",
                millis(percentile(s, 50)), millis(percentile(s, 95)), millis(percentile(s, 99)), millis(s[s.length - 1]),
                s.length, latency.complete() ? "" : "; then GAVE UP on a count", latency.background());
    }

    /**
     * A steady background load of {@code rate} counts/s for one country, spread over several clients of
     * at most {@value #PER_CLIENT} requests/s each (one request at a time per client, so a slow answer
     * would hold one client back), each with its own programmes.
     */
    private static final class Background {

        static final int PER_CLIENT = 10;

        private final List<CountLoad> loads;

        private Background(List<CountLoad> loads) {
            this.loads = loads;
        }

        static Background start(StackClient client, Programmes programmes, String country, double rate, int batch,
                List<Integer> years) throws Exception {
            int clients = Math.max(2, (int) Math.ceil(rate / batch / PER_CLIENT));
            double each = rate / clients;
            // keys for 10 minutes at this rate
            int perClient = (int) Math.ceil(each * 600 / (96.0 * years.size()));
            List<String> ids = programmes.register(List.of(country), perClient * clients, years, "Bench background")
                    .get(country);
            List<CountLoad> loads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                loads.add(new CountLoad(client, country, new CountKeys(ids.subList(c * perClient, (c + 1) * perClient),
                        years), DemoClient.ADMIN));
            }
            for (CountLoad load : loads) {
                load.start(Duration.ofNanos((long) (1e9 * batch / each)), 1, batch);
            }
            return new Background(loads);
        }

        int clients() {
            return loads.size();
        }

        void stop() throws InterruptedException {
            for (CountLoad load : loads) {
                load.stop();
            }
            for (CountLoad load : loads) {
                load.settle(Duration.ofMinutes(2));
            }
        }

        int accepted() {
            return loads.stream().mapToInt(CountLoad::acceptedCount).sum();
        }

        String problems() {
            Map<String, Integer> refusals = new TreeMap<>();
            List<String> unexpected = new ArrayList<>();
            for (CountLoad load : loads) {
                load.refusals().forEach((k, v) -> refusals.merge(k, v, Integer::sum));
                unexpected.addAll(load.unexpected());
            }
            return (refusals.isEmpty() ? "" : ", refused attempts " + refusals)
                    + (unexpected.isEmpty() ? "" : ", unexpected: " + unexpected.subList(0, Math.min(3,
                            unexpected.size())));
        }
    }

    // ---- batch throughput

    private void throughput(StackClient client) throws Exception {
        int total = options.batches() * options.batchSize();
        List<Integer> years = IntStream.rangeClosed(2016, 2025).boxed().toList();
        int programmes = (int) Math.ceil(total / (96.0 * years.size())) + 1;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < programmes; i++) {
            ids.add(client.registerProgramme("UGA", "Bench throughput " + i + " " + UUID.randomUUID().toString()
                    .substring(0, 6), years.get(0), years.get(years.size() - 1)));
        }
        CountKeys keys = new CountKeys(ids, years);
        // one count per programme first, until each is accepted: beneficiary-service then knows them all
        CountLoad probe = new CountLoad(client, "UGA", keys, DemoClient.ADMIN);
        for (int i = 0; i < programmes; i++) {
            probe.submitNext();
        }
        probe.settle(Duration.ofMinutes(1));
        long baseline = probe.acceptedCount();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (client.newBeneficiaries("UGA", years).orElse(-1) != baseline && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // the probes on the dashboard before the clock starts
        }
        out.printf(Locale.ROOT, "batch throughput: %d batches of %d counts POSTed back to back (%d counts over %d years "
                + "of %d programmes)%n", options.batches(), options.batchSize(), total, years.size(), programmes);
        long start = System.nanoTime();
        long[] batchNanos = new long[options.batches()];
        for (int b = 0; b < options.batches(); b++) {
            long posted = System.nanoTime();
            if (probe.submitBatch(options.batchSize()) != CountLoad.Outcome.ACCEPTED) {
                throw new IllegalStateException("a batch was not accepted: " + probe.refusalSamples()
                        + probe.unexpected());
            }
            batchNanos[b] = System.nanoTime() - posted;
        }
        long allAccepted = System.nanoTime();
        long expected = baseline + total;
        long lastPoll;
        while (true) {
            OptionalLong shown = client.newBeneficiaries("UGA", years);
            lastPoll = System.nanoTime();
            if (shown.isPresent() && shown.getAsLong() >= expected) {
                break;
            }
            if (lastPoll - allAccepted > options.maxWait().toNanos()) {
                throw new IllegalStateException("not all counts on the dashboards " + options.maxWait()
                        + " after the last batch");
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling the dashboards
        }
        double acceptSeconds = (allAccepted - start) / 1e9;
        double visibleSeconds = (lastPoll - start) / 1e9;
        Arrays.sort(batchNanos);
        out.printf(Locale.ROOT, "  accepted: %d counts in %.1f s = %.0f counts/s (one batch POST: median %.0f ms, max %.0f ms)%n",
                total, acceptSeconds, total / acceptSeconds, millis(percentile(batchNanos, 50)),
                millis(batchNanos[batchNanos.length - 1]));
        out.printf(Locale.ROOT, "  on the dashboards: all %d after %.1f s = %.0f counts/s end to end (%.1f s after the last "
                + "batch was accepted)%n", total, visibleSeconds, total / visibleSeconds, visibleSeconds - acceptSeconds);
        row("throughput", String.format(Locale.ROOT, "%d batches of %,d: accepted", options.batches(),
                options.batchSize()), perSecond(total / acceptSeconds, "counts"), "", "", "");
        row("throughput", "all on the dashboard (end to end)", perSecond(total / visibleSeconds, "counts") + " ("
                + String.format(Locale.ROOT, "%.1f s", visibleSeconds) + ")", "", "", "");
    }

    // ---- one large CSV import across many countries

    private void largeImport(StackProcess stack, StackClient client, Projection projection, Dashboards dashboards,
            Programmes programmes, Imports imports) throws Exception {
        importCountries = Workload.countries(options.importCountries(), List.of());
        countriesUsed.addAll(importCountries);
        int perCountry = Workload.programmesPerCountry(options.importCounts(), importCountries.size(),
                IMPORT_YEARS.size());
        out.printf(Locale.ROOT, "large CSV import: %,d counts in ONE file for %d countries (%s .. %s), %d programmes each "
                + "running %d-%d, monthly ACTIVE and NEW counts with a sex breakdown, as demo-admin%n",
                options.importCounts(), importCountries.size(), importCountries.get(0),
                importCountries.get(importCountries.size() - 1), perCountry, IMPORT_YEARS.get(0),
                IMPORT_YEARS.get(IMPORT_YEARS.size() - 1));
        quiesce(projection);
        Map<Integer, Totals> worldBefore = dashboards.world(IMPORT_YEARS);
        long registering = System.nanoTime();
        Map<String, List<String>> ids = programmes.register(importCountries, perCountry, IMPORT_YEARS, "Bench import");
        programmes.awaitKnown(ids, IMPORT_YEARS.get(0), Duration.ofMinutes(5));
        out.printf(Locale.ROOT, "  %d programmes registered, and known to beneficiary-service, in %.1f s%n",
                perCountry * importCountries.size(), (System.nanoTime() - registering) / 1e9);
        Workload workload = new Workload(ids, IMPORT_YEARS, options.importCounts());
        byte[] csv = Imports.csv(workload);
        Map<String, Totals> expected = Dashboards.expectation(workload.expected(), worldBefore);
        out.printf(Locale.ROOT, "  the file: %,d rows, %.1f MiB; %d dashboards to check (%d countries x %d years, and the "
                + "world's); load average %s%n", workload.counts(), csv.length / 1048576.0, expected.size(),
                importCountries.size(), IMPORT_YEARS.size(), loadAverage());
        String generation = projection.servingGeneration();
        long committedBefore = Projection.sum(projection.committed(Projection.GROUP_PREFIX + generation,
                List.of(Topics.BENEFICIARY_COUNT_EVENTS)));
        long start = System.nanoTime();
        HttpResponse<String> response = imports.post(csv, false, options.maxWait());
        long answered = System.nanoTime();
        JsonNode report = StackClient.json(response.body());
        double answerSeconds = (answered - start) / 1e9;
        out.printf(Locale.ROOT, "  answered %d after %.1f s = %,.0f rows/s: received %d, created %d, updated %d, unchanged %d, "
                + "rejected %d%n", response.statusCode(), answerSeconds, options.importCounts() / answerSeconds,
                report.path("received").asLong(), report.path("created").asLong(), report.path("updated").asLong(),
                report.path("unchanged").asLong(), report.path("rejected").asLong());
        if (response.statusCode() != 200 || report.path("created").asLong() != options.importCounts()) {
            out.println("  THE IMPORT WAS NOT ACCEPTED WHOLE: " + response.body().substring(0,
                    Math.min(1000, response.body().length())));
        }
        Reached reached = dashboards.await(expected, options.maxWait(), Duration.ofMillis(200),
                () -> projected(projection, generation, committedBefore, options.importCounts()));
        OptionalDouble endToEnd = Dashboards.seconds(start, reached);
        if (endToEnd.isPresent()) {
            out.printf(Locale.ROOT, "  every dashboard right %.1f s after the POST (%.1f s after the answer) = %,.0f "
                    + "counts/s end to end%n", endToEnd.getAsDouble(), (reached.at() - answered) / 1e9,
                    options.importCounts() / endToEnd.getAsDouble());
        }
        double rssNow = stack.rssMiB();
        TimeUnit.SECONDS.sleep(10); // memory once the stack is idle again
        double rss = stack.rssMiB();
        out.printf(Locale.ROOT, "  RSS: %.0f MiB when the dashboards were right, %.0f MiB 10 s later; load average %s%n%n",
                rssNow, rss, loadAverage());
        String size = String.format(Locale.ROOT, "%,d counts, %d countries", options.importCounts(),
                importCountries.size());
        double rowsPerSecond = options.importCounts() / answerSeconds;
        row("import", "answered (" + size + ")", perSecond(rowsPerSecond, "rows") + String.format(Locale.ROOT,
                " (%.1f s)", answerSeconds), ">= 10,000 rows/s", perSecond(rawUpserts, "upserts"),
                ratio(rowsPerSecond, rawUpserts));
        if (endToEnd.isPresent()) {
            double e2e = options.importCounts() / endToEnd.getAsDouble();
            row("import", "every dashboard right, end to end", perSecond(e2e, "counts") + String.format(Locale.ROOT,
                    " (%.1f s after the answer)", (reached.at() - answered) / 1e9),
                    ">= 3,000 counts/s; <= 30 s after the answer", perSecond(rawUpserts, "upserts"), ratio(e2e, rawUpserts));
        }
        else {
            long projectedNow = projectedCount(projection, generation, committedBefore);
            double rate = projectedNow / (options.maxWait().toNanos() / 1e9);
            row("import", "every dashboard right, end to end", String.format(Locale.ROOT, "NOT within %d min (%,d events "
                    + "projected: ~%,.0f/s)", options.maxWait().toMinutes(), projectedNow, rate), ">= 3,000 counts/s",
                    perSecond(rawUpserts, "upserts"), ratio(rate, rawUpserts));
        }
        row("import", "RSS 10 s after the import", mib(rss), "< 1.5 GiB", "", "");
    }

    // ---- a large read model, loaded straight onto the topic

    private void facts(StackProcess stack, StackClient client, Projection projection, Dashboards dashboards,
            Programmes programmes) throws Exception {
        factCountries = Workload.countries(options.factCountries(), importCountries);
        countriesUsed.addAll(factCountries);
        int perCountry = Workload.programmesPerCountry(options.facts(), factCountries.size(), FACT_YEARS.size());
        out.printf(Locale.ROOT, "a read model of %,d facts: %d programmes in each of %d countries (%s .. %s) through the API, "
                + "running %d-%d; then their BeneficiaryCountReported events straight onto %s%n", options.facts(),
                perCountry, factCountries.size(), factCountries.get(0), factCountries.get(factCountries.size() - 1),
                FACT_YEARS.get(0), FACT_YEARS.get(FACT_YEARS.size() - 1), Topics.BENEFICIARY_COUNT_EVENTS);
        quiesce(projection);
        Map<Integer, Totals> worldBefore = dashboards.world(FACT_YEARS);
        long registering = System.nanoTime();
        Map<String, List<String>> ids = programmes.register(factCountries, perCountry, FACT_YEARS, "Bench facts");
        awaitProgrammesProjected(client, ids, FACT_YEARS.get(0));
        out.printf(Locale.ROOT, "  %d programmes registered and on the dashboards in %.1f s; load average %s%n",
                perCountry * factCountries.size(), (System.nanoTime() - registering) / 1e9, loadAverage());
        quiesce(projection);
        Workload workload = new Workload(ids, FACT_YEARS, options.facts());
        Map<String, Totals> expected = Dashboards.expectation(workload.expected(), worldBefore);
        String generation = projection.servingGeneration();
        long committedBefore = Projection.sum(projection.committed(Projection.GROUP_PREFIX + generation,
                List.of(Topics.BENEFICIARY_COUNT_EVENTS)));
        FactLoad.Produced produced = FactLoad.produce(stack.kafkaBootstrap(), workload);
        long start = produced.start();
        double produceSeconds = produced.seconds();
        double produceRate = options.facts() / produceSeconds;
        out.printf(Locale.ROOT, "  %,d events on the topic after %.1f s = %,.0f events/s; %d dashboards to check; load "
                + "average %s%n", options.facts(), produceSeconds, produceRate, expected.size(), loadAverage());
        Reached reached = dashboards.await(expected, options.maxWait(), Duration.ofMillis(500),
                () -> projected(projection, generation, committedBefore, options.facts()));
        OptionalDouble endToEnd = Dashboards.seconds(start, reached);
        String size = String.format(Locale.ROOT, "%,d facts, %d countries x %d years", options.facts(),
                factCountries.size(), FACT_YEARS.size());
        row("facts", "events produced onto the topic (" + size + ")", perSecond(produceRate, "events"), "",
                perSecond(rawProduce, "records"), ratio(produceRate, rawProduce));
        if (endToEnd.isPresent()) {
            double rate = options.facts() / endToEnd.getAsDouble();
            out.printf(Locale.ROOT, "  every dashboard right %.1f s after the first event was sent = %,.0f facts/s "
                    + "end to end%n", endToEnd.getAsDouble(), rate);
            row("facts", "loaded: every dashboard right, end to end", perSecond(rate, "facts") + String.format(
                    Locale.ROOT, " (%.1f s)", endToEnd.getAsDouble()), "", rawPair(), ratioPair(rate));
        }
        else {
            long projectedNow = projectedCount(projection, generation, committedBefore);
            double rate = projectedNow / (options.maxWait().toNanos() / 1e9);
            row("facts", "loaded: every dashboard right, end to end", String.format(Locale.ROOT, "NOT within %d min "
                    + "(%,d events projected: ~%,.0f/s)", options.maxWait().toMinutes(), projectedNow, rate), "",
                    rawPair(), ratioPair(rate));
        }
        double rssNow = stack.rssMiB();
        TimeUnit.SECONDS.sleep(10); // memory once the stack is idle again
        double rss = stack.rssMiB();
        out.printf(Locale.ROOT, "  RSS: %.0f MiB when the dashboards were right, %.0f MiB 10 s later; load average %s%n%n",
                rssNow, rss, loadAverage());
        row("facts", "RSS 10 s after the load", mib(rss), "", "", "");
    }

    /** Waits until each country's dashboard of {@code year} lists its new programmes. */
    private void awaitProgrammesProjected(StackClient client, Map<String, List<String>> ids, int year)
            throws InterruptedException {
        long deadline = System.nanoTime() + options.maxWait().toNanos();
        for (Map.Entry<String, List<String>> country : ids.entrySet()) {
            while (true) {
                Set<String> listed = new java.util.HashSet<>();
                client.countryDashboard(country.getKey(), year).ifPresent(d -> d.path("programmes").forEach(
                        p -> listed.add(p.path("programmeId").asString())));
                if (listed.containsAll(country.getValue())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the programmes of " + country.getKey() + " are not on its "
                            + "dashboard after " + options.maxWait());
                }
                TimeUnit.MILLISECONDS.sleep(200); // the programme events are on their way
            }
        }
    }

    // ---- replay into a new generation

    private void replay(StackClient client, Projection projection, Dashboards dashboards) throws Exception {
        out.printf("replay of every event into a new generation (POST /api/v1/admin/replays as demo-admin); load "
                + "average %s%n", loadAverage());
        quiesce(projection);
        List<String> countries = new ArrayList<>(countriesUsed);
        Map<String, JsonNode> before = dashboards.snapshot(countries, FACT_YEARS);
        String replaced = projection.servingGeneration();
        long start = System.nanoTime();
        HttpResponse<String> response = client.post(LocalService.REPORTING, "/api/v1/admin/replays", DemoClient.ADMIN,
                "{}", null);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("a replay answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode replay = StackClient.json(response.body());
        String id = replay.path("id").asString();
        String generation = replay.path("generation").asString();
        long events = 0;
        for (var target : replay.path("targetOffsets").properties()) {
            events += target.getValue().asLong();
        }
        out.printf(Locale.ROOT, "  replay %s: generation %s replaces %s; %,d records to replay (the end offsets of the "
                + "consumed topics); %d dashboards captured before%n", id, generation, replaced, events, before.size());
        long nextReport = start + TimeUnit.SECONDS.toNanos(15);
        String status = "BUILDING";
        long served = -1;
        while (System.nanoTime() - start < options.maxWait().toNanos()) {
            JsonNode now = StackClient.json(client.get(LocalService.REPORTING, "/api/v1/admin/replays/" + id,
                    DemoClient.ADMIN).body());
            status = now.path("status").asString();
            if ("FAILED".equals(status)) {
                out.println("  THE REPLAY FAILED: " + now);
                break;
            }
            if ("COMPLETED".equals(status) && generation.equals(projection.servingGeneration())) {
                served = System.nanoTime();
                break;
            }
            if (System.nanoTime() > nextReport) {
                long done = Projection.sum(projection.committed(Projection.GROUP_PREFIX + generation,
                        Projection.CONSUMED));
                out.printf(Locale.ROOT, "  ... %.0f s: %s, %,d of %,d records projected; load average %s%n",
                        (System.nanoTime() - start) / 1e9, status, done, events, loadAverage());
                nextReport += TimeUnit.SECONDS.toNanos(15);
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling the replay's status
        }
        if (served < 0) {
            long done = Projection.sum(projection.committed(Projection.GROUP_PREFIX + generation, Projection.CONSUMED));
            double rate = done / ((System.nanoTime() - start) / 1e9);
            out.printf(Locale.ROOT, "  NOT served within %d min: %s, %,d of %,d records projected (~%,.0f/s)%n%n",
                    options.maxWait().toMinutes(), status, done, events, rate);
            row("replay", String.format(Locale.ROOT, "%,d records into a new generation", events), String.format(
                    Locale.ROOT, "NOT served within %d min (%,d projected: ~%,.0f/s)", options.maxWait().toMinutes(),
                    done, rate), "< 120 s for 1,000,000", rawPair(), ratioPair(rate));
            return;
        }
        double seconds = (served - start) / 1e9;
        double rate = events / seconds;
        Map<String, JsonNode> after = dashboards.snapshot(countries, FACT_YEARS);
        List<String> differ = Dashboards.differences(before, after);
        out.printf(Locale.ROOT, "  served after %.1f s = %,.0f records/s; dashboards compared with those before: %d of %d "
                + "identical%s%n%n", seconds, rate, before.size() - differ.size(), before.size(), differ.isEmpty() ? ""
                        : ", DIFFERENT: " + differ.subList(0, Math.min(10, differ.size())));
        for (String key : differ.subList(0, Math.min(2, differ.size()))) {
            out.printf("    %s before: %s%n    %s after:  %s%n", key, abbreviate(before.get(key)), key,
                    abbreviate(after.get(key)));
        }
        row("replay", String.format(Locale.ROOT, "%,d records into a new generation: served after", events),
                String.format(Locale.ROOT, "%.1f s = %s", seconds, perSecond(rate, "records")), "< 120 s for 1,000,000",
                rawPair(), ratioPair(rate));
        row("replay", "dashboards identical to the live ones", String.format(Locale.ROOT, "%d of %d",
                before.size() - differ.size(), before.size()), "all", "", "");
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    // ---- latency on the large read model

    private void factsLatency(StackProcess stack, StackClient client, Programmes programmes) throws Exception {
        String country = factCountries.isEmpty() ? Workload.countries(1, importCountries).get(0) : factCountries.get(0);
        countriesUsed.add(country);
        String model = factCountries.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d facts", options.facts());
        Latency idle = latency(client, programmes, country, DemoClient.ADMIN, 0,
                " on the large read model (" + country + model + ")");
        out.printf(Locale.ROOT, "  RSS %.0f MiB; load average %s%n%n", stack.rssMiB(), loadAverage());
        row("latency", "one submission -> dashboard, idle" + model, percentiles(idle), "p99 < 250 ms", "", "");
        if (options.factsBackgroundRate() > 0) {
            Latency loaded = latency(client, programmes, country, DemoClient.ADMIN, options.factsBackgroundRate(),
                    " on the large read model (" + country + model + ")");
            out.printf(Locale.ROOT, "  RSS %.0f MiB; load average %s%n%n", stack.rssMiB(), loadAverage());
            row("latency", String.format(Locale.ROOT, "the same, while KEN submits %.0f counts/s in requests of "
                    + options.backgroundBatch(),
                    options.factsBackgroundRate()), percentiles(loaded), "p99 < 500 ms", "", "");
        }
    }

    // ---- shared

    private void quiesce(Projection projection) throws Exception {
        if (!projection.quiesce(options.maxWait())) {
            out.printf("  (the projection still had a lag after %s; going on)%n", options.maxWait());
        }
    }

    private static long projectedCount(Projection projection, String generation, long committedBefore) {
        return Projection.sum(projection.committed(Projection.GROUP_PREFIX + generation,
                List.of(Topics.BENEFICIARY_COUNT_EVENTS))) - committedBefore;
    }

    private static String projected(Projection projection, String generation, long committedBefore, long of) {
        try {
            return String.format(Locale.ROOT, ", %,d of %,d count events projected", projectedCount(projection,
                    generation, committedBefore), of);
        }
        catch (RuntimeException ex) {
            return "";
        }
    }

    private void row(String phase, String figure, String measured, String target, String raw, String ratio) {
        summary.add("| " + String.join(" | ", phase, figure, measured, target, raw, ratio) + " |");
    }

    private String rawPair() {
        return perSecond(rawConsume, "records consumed") + "; " + perSecond(rawUpserts, "upserts");
    }

    private String ratioPair(double rate) {
        return ratio(rate, rawConsume) + "; " + ratio(rate, rawUpserts);
    }

    private static String perSecond(double rate, String what) {
        return Double.isNaN(rate) ? "(not measured)" : String.format(Locale.ROOT, "%,.0f %s/s", rate, what);
    }

    private static String ratio(double rate, double limit) {
        if (Double.isNaN(rate) || Double.isNaN(limit) || limit == 0) {
            return "";
        }
        double percent = 100 * rate / limit;
        return String.format(Locale.ROOT, percent < 1 ? "%.2f %%" : "%.0f %%", percent);
    }

    private static String mib(double mib) {
        return String.format(Locale.ROOT, "%,.0f MiB", mib);
    }

    private void printSummary(String command, String started, String loadAtStart) {
        out.println("## summary (markdown)");
        out.println();
        out.printf("Run %s on %d cores (load average %s at the start, %s at the end); stack `java %s-jar "
                + "spmonitor-local.jar %s`.%n%n", started, Runtime.getRuntime().availableProcessors(), loadAtStart,
                loadAverage(), options.jvmFlags().isEmpty() ? "" : String.join(" ", options.jvmFlags()) + " ",
                String.join(" ", stackArgs()));
        out.println("```bash");
        out.println(command);
        out.println("```");
        out.println();
        out.println("| phase | figure | measured | target (issue 10) | raw limit, same run | ratio |");
        out.println("|---|---|---|---|---|---|");
        summary.forEach(out::println);
        out.println();
    }

    // ---- machine

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // a temporary directory; the system cleans it eventually
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.format(Locale.ROOT, "%.0f GiB RAM",
                            Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        }
        catch (IOException ex) {
            // not Linux
        }
        return "RAM unknown";
    }
}
