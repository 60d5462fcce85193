package org.spmonitor.local.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The options of {@link BenchRun}; {@link #usage()} documents them. */
record BenchOptions(Set<String> phases, int starts, int warmup, int latencyCount, Duration pollInterval,
        double backgroundRate, int batches, int batchSize, int importCounts, int importCountries, int facts,
        int factCountries, double factsBackgroundRate, int backgroundBatch, int rawRecords, int rawUpserts, Duration maxWait,
        Duration latencyTimeout, List<String> jvmFlags, Path jar, Path dataDir) {

    /** Every phase, in the order they run. */
    static final List<String> PHASES = List.of("startup", "raw", "latency", "throughput", "import", "facts", "replay",
            "facts-latency");

    /** The README's recommended flags for the stack (deploy/local/README.md). */
    static final String DEFAULT_JVM_FLAGS = "-Xmx1g -XX:+UseSerialGC";

    static String usage() {
        return """
                usage: run-bench.sh [options]

                Starts deploy/local/target/spmonitor-local.jar as its own process (free ports, a temporary data
                directory, deleted afterwards) and measures it over HTTP and Kafka only. Phases, in this order
                (all by default):

                  startup         --starts starts: time to the "is up" line, RSS 10 s later
                  raw             the parts' own limits on the same broker and Mongo-wire server: a plain Kafka
                                  producer and consumer of --raw-records records of 200 bytes on a scratch
                                  topic, and --raw-upserts bulk upserts by _id into a scratch database
                  latency         submission-to-dashboard latency, one count at a time (KHM, demo-reporter),
                                  optionally under --background-rate counts/s from KEN
                  throughput      --batches batches of --batch-size counts back to back (UGA)
                  import          programmes in --import-countries countries (annual targets, 2020-2024), then ONE
                                  CSV import of --import-counts counts across them: rows/s answered, counts/s
                                  until every country dashboard and the world's show the right totals; RSS
                  facts           a read model of --facts facts: programmes in --fact-countries countries
                                  (2016-2025) through the API, then BeneficiaryCountReported events straight onto
                                  the topic (the platform's EventCodec), until every dashboard is right; RSS
                  replay          the admin replay into a new generation: time until it is served, and its
                                  dashboards compared with the live ones captured before
                  facts-latency   the latency phase on that read model, for one of the fact countries (demo-
                                  admin): idle, then while KEN submits --facts-background-rate counts/s
                Then a markdown summary, each figure next to the raw limit as a ratio.

                  --phases=<a,b,...>          run only these phases (default: all)
                  --skip=<a,b,...>            run all phases but these
                  --starts=<n>                stack starts measured (default 3; the first formats the storage)
                  --warmup=<n>                counts submitted before measuring latency (default 50)
                  --latency=<n>               counts whose submission-to-dashboard latency is measured (default 300)
                  --latency-timeout=<s>       a latency run gives up when a count is not shown within this (default 60)
                  --poll-ms=<ms>              how often the dashboard is polled while waiting (default 10)
                  --background-rate=<n>       counts/s KEN submits during the latency phase (default 0: an idle stack)
                  --batches=<n>               batches submitted back to back for throughput (default 10)
                  --batch-size=<n>            counts per batch (default 1000)
                  --import-counts=<n>         counts in the CSV import (default 100000)
                  --import-countries=<n>      countries of the import (default 25)
                  --facts=<n>                 facts of the large read model (default 1000000)
                  --fact-countries=<n>        countries of those facts (default 30)
                  --facts-background-rate=<n> counts/s from KEN in the second facts-latency run (default 200; 0: none)
                  --background-batch=<n>      counts per request of KEN's background load, 1 to 1000 (default 20: a
                                              national system syncing in batches; 1: single POSTs, which this
                                              2-core machine answers at about 40 counts/s, see docs/benchmarks.md)
                  --raw-records=<n>           records of the raw Kafka measurement (default 1000000)
                  --raw-upserts=<n>           documents of the raw Mongo measurement (default 100000)
                  --wait-minutes=<n>          how long a phase waits for the dashboards or a replay (default 30);
                                              past it the phase reports how far it got and the run goes on
                  --stack-jvm-flags=<f>       JVM flags of the stack (default "-Xmx1g -XX:+UseSerialGC", the
                                              README's; --stack-jvm-flags= for the JVM's defaults)
                  --jar=<path>                the stack (default deploy/local/target/spmonitor-local.jar)
                  --data=<dir>                data directory (default: a new temporary one; never ./data)

                The 1,000,000-fact defaults take hours on today's pipeline; scale them down, e.g.
                  run-bench.sh --starts=1 --import-counts=10000 --facts=20000 --raw-records=200000
                """;
    }

    static BenchOptions parse(String[] args) {
        Set<String> phases = new LinkedHashSet<>(PHASES);
        int starts = 3;
        int warmup = 50;
        int latency = 300;
        long pollMs = 10;
        double background = 0;
        int batches = 10;
        int batchSize = 1_000;
        int importCounts = 100_000;
        int importCountries = 25;
        int facts = 1_000_000;
        int factCountries = 30;
        double factsBackground = 200;
        int backgroundBatch = 20;
        int rawRecords = 1_000_000;
        int rawUpserts = 100_000;
        long waitMinutes = 30;
        long latencyTimeout = 60;
        List<String> flags = List.of(DEFAULT_JVM_FLAGS.split(" "));
        Path jar = Path.of("deploy/local/target/spmonitor-local.jar");
        Path data = null;
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (name) {
                case "--phases" -> phases = phaseList(value);
                case "--skip" -> phases.removeAll(phaseList(value));
                case "--starts" -> starts = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--latency" -> latency = Integer.parseInt(value);
                case "--latency-timeout" -> latencyTimeout = Long.parseLong(value);
                case "--poll-ms" -> pollMs = Long.parseLong(value);
                case "--background-rate" -> background = Double.parseDouble(value);
                case "--batches" -> batches = Integer.parseInt(value);
                case "--batch-size" -> batchSize = Integer.parseInt(value);
                case "--import-counts" -> importCounts = Integer.parseInt(value);
                case "--import-countries" -> importCountries = Integer.parseInt(value);
                case "--facts" -> facts = Integer.parseInt(value);
                case "--fact-countries" -> factCountries = Integer.parseInt(value);
                case "--facts-background-rate" -> factsBackground = Double.parseDouble(value);
                case "--background-batch" -> backgroundBatch = Integer.parseInt(value);
                case "--raw-records" -> rawRecords = Integer.parseInt(value);
                case "--raw-upserts" -> rawUpserts = Integer.parseInt(value);
                case "--wait-minutes" -> waitMinutes = Long.parseLong(value);
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
        if (importCounts < 1 || importCountries < 1 || facts < 1 || factCountries < 1 || rawRecords < 1
                || rawUpserts < 1 || waitMinutes < 1 || latencyTimeout < 1 || background < 0 || factsBackground < 0
                || backgroundBatch < 1 || backgroundBatch > 1_000) {
            throw new IllegalArgumentException("sizes, counts and times must be 1 or more, --background-batch 1 to 1000 (skip a phase "
                    + "with --skip)");
        }
        if (batches == 0) {
            phases.remove("throughput");
        }
        return new BenchOptions(phases, starts, warmup, latency, Duration.ofMillis(pollMs), background, batches,
                batchSize, importCounts, importCountries, facts, factCountries, factsBackground, backgroundBatch, rawRecords,
                rawUpserts, Duration.ofMinutes(waitMinutes), Duration.ofSeconds(latencyTimeout), flags, jar, data);
    }

    private static Set<String> phaseList(String value) {
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : value.split(",")) {
            if (phase.isBlank()) {
                continue;
            }
            if (!PHASES.contains(phase.trim())) {
                throw new IllegalArgumentException("unknown phase '" + phase.trim() + "'; phases: " + PHASES);
            }
            phases.add(phase.trim());
        }
        return phases;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }
}
