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
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.spmonitor.local.LocalService;
import org.spmonitor.local.chaos.CountKeys;
import org.spmonitor.local.chaos.CountLoad;
import org.spmonitor.local.chaos.StackClient;
import org.spmonitor.local.chaos.StackClient.DemoClient;

/**
 * The benchmark of the embedded stack ({@code deploy/bench/run-bench.sh}); performance targets live
 * here and in {@code docs/benchmarks.md}, never in unit tests. It starts {@code spmonitor-local.jar}
 * as its own process, as a newcomer does, and measures:
 * <ol>
 * <li>start-up: time to the "is up" line and RSS, over several starts (the first formats the storage);</li>
 * <li>latency: for each of a few hundred counts submitted one after the other, the time from the 201 of
 * {@code POST /api/v1/beneficiary-counts} until the country dashboard shows it, polled every ~10 ms
 * (p50, p95, p99, max), optionally while a background load submits counts for another country;</li>
 * <li>throughput: batches of 1,000 counts submitted back to back, until all are on the dashboards;</li>
 * <li>RSS after all that.</li>
 * </ol>
 */
public final class BenchRun {

    private static final int YEAR = 2025;

    record Options(int starts, int warmup, int latencyCount, Duration pollInterval, double backgroundRate,
            int batches, int batchSize, List<String> jvmFlags, Path jar, Path dataDir) {

        static Options parse(String[] args) {
            int starts = 3;
            int warmup = 50;
            int latency = 300;
            long pollMs = 10;
            double background = 0;
            int batches = 10;
            int batchSize = 1_000;
            List<String> flags = List.of();
            Path jar = Path.of("deploy/local/target/spmonitor-local.jar");
            Path data = null;
            for (String arg : args) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                switch (name) {
                    case "--starts" -> starts = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--latency" -> latency = Integer.parseInt(value);
                    case "--poll-ms" -> pollMs = Long.parseLong(value);
                    case "--background-rate" -> background = Double.parseDouble(value);
                    case "--batches" -> batches = Integer.parseInt(value);
                    case "--batch-size" -> batchSize = Integer.parseInt(value);
                    case "--stack-jvm-flags" -> flags = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                    case "--jar" -> jar = Path.of(value);
                    case "--data" -> data = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (starts < 1 || latency < 1 || batches < 0 || batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("--starts and --latency must be 1 or more, --batches 0 or more, "
                        + "--batch-size 1 to 10000");
            }
            return new Options(starts, warmup, latency, Duration.ofMillis(pollMs), background, batches, batchSize,
                    flags, jar, data);
        }
    }

    private final Options options;
    private final PrintStream out;

    BenchRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(usage());
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("bench: " + ex.getMessage() + System.lineSeparator() + usage());
            System.exit(2);
            return;
        }
        new BenchRun(options, System.out).run();
    }

    static String usage() {
        return """
                usage: run-bench.sh [options]

                  --starts=<n>            stack starts measured (default 3; the first formats the storage)
                  --warmup=<n>            counts submitted before measuring latency (default 50)
                  --latency=<n>           counts whose submission-to-dashboard latency is measured (default 300)
                  --poll-ms=<ms>          how often the dashboard is polled while waiting (default 10)
                  --background-rate=<n>   counts/s another country submits meanwhile (default 0: an idle stack)
                  --batches=<n>           batches submitted back to back for throughput (default 10; 0: none)
                  --batch-size=<n>        counts per batch (default 1000)
                  --stack-jvm-flags=<f>   JVM flags of the stack process, e.g. "-Xmx768m -XX:+UseSerialGC"
                  --jar=<path>            the stack (default deploy/local/target/spmonitor-local.jar)
                  --data=<dir>            data directory (default: a new temporary one; never ./data)
                """;
    }

    void run() throws Exception {
        Path data = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("spmonitor-bench-");
        out.printf("spmonitor bench, %s%n", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now()
                .withNano(0)));
        out.printf("  machine: %d cores, %s; java %s; load average %s%n", Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("java.version"), loadAverage());
        out.printf("  stack: java %s-jar %s%s (data %s)%n%n", options.jvmFlags().isEmpty() ? ""
                : String.join(" ", options.jvmFlags()) + " ", options.jar(), stackArgs().isEmpty() ? ""
                        : " " + String.join(" ", stackArgs()), data);

        out.println("start-up (time to the \"is up\" line; RSS 10 s after it, idle)");
        for (int i = 1; i < options.starts(); i++) {
            try (StackProcess stack = StackProcess.start(options.jar(), data, options.jvmFlags(), stackArgs())) {
                reportStart(i, stack);
            }
        }
        StackProcess stack = StackProcess.start(options.jar(), data, options.jvmFlags(), stackArgs());
        try {
            reportStart(options.starts(), stack);
            StackClient client = new StackClient(stack.endpoints());
            out.println();
            latency(client, "KHM", "");
            out.printf(Locale.ROOT, "  RSS after the latency run: %.0f MiB; load average %s%n%n", stack.rssMiB(),
                    loadAverage());
            if (options.batches() > 0) {
                throughput(client);
                TimeUnit.SECONDS.sleep(10); // memory once the stack is idle again
                out.printf(Locale.ROOT, "  RSS 10 s after the throughput run: %.0f MiB; load average %s%n%n",
                        stack.rssMiB(), loadAverage());
                // the same measurement on a read model that now holds the throughput run's counts too
                latency(client, "SEN", " (again, after the throughput run)");
                out.printf(Locale.ROOT, "  load average %s%n", loadAverage());
            }
        }
        finally {
            stack.close();
            out.printf(Locale.ROOT, "  stopped in %.1f s (SIGTERM, as Ctrl-C)%n", stack.stopSeconds());
            if (options.dataDir() == null) {
                deleteQuietly(data);
            }
        }
    }

    /**
     * Arguments of the stack: none, unless a background load runs; that load is one client above the
     * default limit of 600 writes a minute per client, which would otherwise halve its rate.
     */
    private List<String> stackArgs() {
        return options.backgroundRate() > 0 ? List.of("--spmonitor.security.writes-per-minute=1000000") : List.of();
    }

    private void reportStart(int n, StackProcess stack) throws Exception {
        TimeUnit.SECONDS.sleep(10); // RSS of the idle stack, once start-up work has settled
        out.printf(Locale.ROOT, "  start %d%s: up after %.1f s (wall, from spawning java; the stack says %.1f s since "
                + "the JVM started), RSS %.0f MiB; load average %s%n", n, n == 1 ? " (formats the storage)" : "",
                stack.wallSecondsToUp(), stack.reportedJvmUptime(), stack.rssMiB(), loadAverage());
    }

    // ---- (i) submission-to-dashboard latency

    private void latency(StackClient client, String country, String label) throws Exception {
        int total = options.warmup() + options.latencyCount();
        int programmes = (int) Math.ceil(total / 96.0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < programmes; i++) {
            ids.add(client.registerProgramme(country, "Bench latency " + i + " " + UUID.randomUUID().toString()
                    .substring(0, 6), YEAR, YEAR));
        }
        CountKeys keys = new CountKeys(ids, List.of(YEAR));
        CountLoad background = null;
        if (options.backgroundRate() > 0) {
            List<String> other = new ArrayList<>();
            int needed = (int) Math.ceil(options.backgroundRate() * 600 / 96.0);
            for (int i = 0; i < needed; i++) {
                other.add(client.registerProgramme("KEN", "Bench background " + i + " " + UUID.randomUUID()
                        .toString().substring(0, 6), YEAR, YEAR));
            }
            background = new CountLoad(client, "KEN", new CountKeys(other, List.of(YEAR)), DemoClient.ADMIN);
            background.start(Duration.ofNanos((long) (1e9 / options.backgroundRate())));
        }
        long backgroundStarted = System.nanoTime();
        out.printf(Locale.ROOT, "submission-to-dashboard latency%s: %d counts of %s one after the other (after %d not "
                + "measured), dashboard polled every %d ms%s%n", label, options.latencyCount(), country, options.warmup(),
                options.pollInterval().toMillis(), background == null ? ", idle stack"
                        : String.format(Locale.ROOT, ", while another country submits %.0f counts/s",
                                options.backgroundRate()));
        long shown = client.newBeneficiaries(country, List.of(YEAR)).orElse(0);
        long[] accepted = new long[options.latencyCount()];
        long[] visible = new long[options.latencyCount()];
        long[] roundTrip = new long[options.latencyCount()];
        for (int i = 0; i < total; i++) {
            String body = keys.nextBody();
            long posted;
            long answered;
            while (true) {
                posted = System.nanoTime();
                HttpResponse<String> response = client.post(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts",
                        DemoClient.REPORTER, body, null);
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
            if (i >= options.warmup()) {
                int n = i - options.warmup();
                roundTrip[n] = answered - posted;
                accepted[n] = seen - answered;
                visible[n] = seen - posted;
            }
        }
        if (background != null) {
            long ran = System.nanoTime() - backgroundStarted;
            background.stop();
            out.printf(Locale.ROOT, "  background load meanwhile: %d counts accepted in %.0f s (%.1f/s)%s%n",
                    background.acceptedCount(), ran / 1e9, background.acceptedCount() / (ran / 1e9),
                    background.refusals().isEmpty() ? "" : ", refused attempts " + background.refusals());
            background.settle(Duration.ofMinutes(2));
        }
        out.println("                                   p50      p95      p99      max     mean");
        printPercentiles("POST answered (201)", roundTrip);
        printPercentiles("201 -> on the dashboard", accepted);
        printPercentiles("POST sent -> on the dashboard", visible);
        long withinSecond = Arrays.stream(accepted).filter(n -> n <= TimeUnit.SECONDS.toNanos(1)).count();
        out.printf(Locale.ROOT, "  within 1 s of the 201: %d of %d (%.1f %%)%n", withinSecond, accepted.length,
                100.0 * withinSecond / accepted.length);
    }

    /** Polls the dashboard every ~{@code pollInterval} until it shows {@code expected}; returns when it did. */
    private long awaitShown(StackClient client, String country, long expected, long since)
            throws InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(60);
        long next = System.nanoTime();
        while (true) {
            OptionalLong figure = client.newBeneficiaries(country, List.of(YEAR));
            long now = System.nanoTime();
            if (figure.isPresent() && figure.getAsLong() >= expected) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("a count was not on the dashboard 60 s after its 201");
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

    // ---- (ii) batch throughput

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
            if (lastPoll - allAccepted > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("not all counts on the dashboards 10 minutes after the last batch");
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
