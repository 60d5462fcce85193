package org.spmonitor.local.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.local.LocalService;
import org.spmonitor.local.LocalStack;
import org.spmonitor.local.LocalStackBuilder;
import org.spmonitor.local.ServiceInstance;
import org.spmonitor.local.chaos.StackClient.DemoClient;
import org.spmonitor.platform.events.EventCodec;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chaos run of issue 7: starts the embedded stack on free ports in its own temporary data
 * directory (never {@code ./data}), and under a steady load of beneficiary count submissions injects,
 * one after the other, each fault the stack must survive: the Kafka broker down, reporting-service
 * crashing mid-batch and stopping while events flow, beneficiary-service crashing while it accepts
 * writes, the Mongo-wire server down, poison records, and records delivered again. Each fault has its
 * own country; after each, it waits until everything accepted has settled and prints, per fault and in
 * total, how many counts were submitted (accepted by beneficiary-service), published (distinct
 * countId@version on {@code beneficiaries.beneficiary-count-events.v1}) and visible (on the country
 * dashboards). They must be equal; the exit status is 1 when they are not, or when a fault's own
 * check fails (a poison record not dead-lettered, an unexpected answer).
 * <p>
 * {@code deploy/chaos/run-chaos.sh} runs it; {@code --help} lists the options.
 */
public final class ChaosRun {

    private static final List<String> PROJECTED_TOPICS = List.of(Topics.PROGRAMME_EVENTS,
            Topics.FINANCING_REPORT_EVENTS, Topics.BENEFICIARY_COUNT_EVENTS);
    private static final String PROJECTION_GROUPS = "reporting-service.projection.";
    private static final List<Integer> YEARS = List.of(2025);
    /** Records each fault's counts until they settle; after that they are declared not equal. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    private static final String LOG = "chaos.log";
    private static final Map<String, String> FAULTS = new LinkedHashMap<>();

    static {
        FAULTS.put("kafka", "Kafka broker stopped and restarted under load");
        FAULTS.put("reporting-crash", "reporting-service crashed mid-batch, restarted");
        FAULTS.put("reporting-stop", "reporting-service stopped while events flow, restarted");
        FAULTS.put("beneficiary-crash", "beneficiary-service crashed while accepting writes");
        FAULTS.put("mongo", "Mongo-wire server stopped and restarted under load");
        FAULTS.put("poison", "poison records on the beneficiary events topic");
        FAULTS.put("redelivery", "consumed records published again");
        FAULTS.put("power-cut", "power cut: the whole stack SIGKILLed under load, restarted on its data");
        FAULTS.put("broker-and-instances", "one broker and one instance of each service down under load");
    }

    /** The faults of a run without {@code --faults}; cluster mode has a fault of its own. */
    private static final List<String> DEFAULT_FAULTS = List.of("kafka", "reporting-crash", "reporting-stop",
            "beneficiary-crash", "mongo", "poison", "redelivery", "power-cut");
    private static final List<String> CLUSTER_FAULTS = List.of("broker-and-instances");

    /** The options of a run. */
    record Options(double rate, Duration outage, List<String> faults, Path dataDir, boolean keepData,
            boolean verbose, int powerCuts, int importRows, boolean cluster, int reportingInstances) {

        static Options parse(String[] args) {
            double rate = 20;
            Duration outage = Duration.ofSeconds(15);
            List<String> faults = null;
            boolean cluster = false;
            int reportingInstances = 1;
            Path dataDir = null;
            boolean keep = false;
            boolean verbose = false;
            int powerCuts = 3;
            int importRows = 2_000;
            for (String arg : args) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                switch (name) {
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--outage" -> outage = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--faults" -> faults = List.of(value.split(","));
                    case "--data" -> dataDir = Path.of(value);
                    case "--keep-data" -> keep = true;
                    case "--verbose" -> verbose = true;
                    case "--power-cuts" -> powerCuts = Integer.parseInt(value);
                    case "--import-rows" -> importRows = Integer.parseInt(value);
                    case "--cluster" -> cluster = true;
                    case "--reporting-instances" -> reportingInstances = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (faults == null) {
                faults = cluster ? CLUSTER_FAULTS : DEFAULT_FAULTS;
            }
            for (String fault : faults) {
                if (!FAULTS.containsKey(fault)) {
                    throw new IllegalArgumentException("unknown fault '" + fault + "'; known: " + FAULTS.keySet());
                }
            }
            if (rate <= 0 || rate > 1000) {
                throw new IllegalArgumentException("--rate must be between 0 and 1000 counts per second");
            }
            if (powerCuts < 1 || importRows < 1) {
                throw new IllegalArgumentException("--power-cuts and --import-rows must be at least 1");
            }
            if (faults.contains("broker-and-instances") && !cluster) {
                throw new IllegalArgumentException("the fault broker-and-instances needs --cluster");
            }
            if (reportingInstances < 1 || reportingInstances > 2) {
                throw new IllegalArgumentException("--reporting-instances must be 1 or 2");
            }
            return new Options(rate, outage, faults, dataDir, keep, verbose, powerCuts, importRows, cluster,
                    reportingInstances);
        }

        /** The same options in {@code dir}, which the run then deletes at the end unless kept. */
        Options inDirectory(Path dir) {
            return new Options(rate, outage, faults, dir, keepData || dataDir != null, verbose, powerCuts,
                    importRows, cluster, reportingInstances);
        }

        Duration interval() {
            return ChaosRun.interval(rate);
        }
    }

    /** The pause between two submissions of a steady load of {@code rate} counts a second. */
    static Duration interval(double rate) {
        return Duration.ofNanos((long) (1_000_000_000L / rate));
    }

    /** Client threads for a steady load of {@code rate}: one answers about 40 submissions a second. */
    static int threadsFor(double rate) {
        return (int) Math.max(1, Math.ceil(rate / 40));
    }

    /** The counts of one fault. */
    record Tally(String fault, String country, long submitted, long published, long visible, long records,
            Map<String, Integer> refusals, List<String> notes, List<String> problems, Duration took) {

        boolean equal() {
            return submitted == published && published == visible;
        }

        boolean passed() {
            return equal() && problems.isEmpty();
        }
    }

    private final Options options;
    private final PrintStream out;
    /** The fixed input's country dashboard in cluster mode, to compare with a single-instance run. */
    private JsonNode fixedDashboard;
    private LocalStack stack;
    private StackClient client;
    private KafkaTool kafka;
    private TopicCounter topic;

    ChaosRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(usage());
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("chaos: " + ex.getMessage() + System.lineSeparator() + usage());
            System.exit(2);
            return;
        }
        int status;
        try {
            Path data = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("spmonitor-chaos-");
            // the stack logs to <data>/chaos.log; the console keeps the report readable
            System.setProperty("logging.file.name", data.resolve(LOG).toString());
            if (!options.verbose()) {
                System.setProperty("logging.threshold.console", "OFF");
            }
            initializeLogging();
            status = new ChaosRun(options.inDirectory(data), System.out).run() ? 0 : 1;
        }
        catch (Exception ex) {
            System.err.println("chaos: the run failed: " + ex);
            ex.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /**
     * This JVM's own clients (Kafka, Mongo) log to the same file as the in-process stack, quietly, also
     * when no in-process stack starts (the power-cut fault alone); the stack initialises it again.
     */
    private static void initializeLogging() {
        LoggingSystem logging = LoggingSystem.get(ChaosRun.class.getClassLoader());
        StandardEnvironment environment = new StandardEnvironment();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, LogFile.get(environment));
        for (String quiet : List.of("org.apache.kafka", "org.mongodb.driver")) {
            logging.setLogLevel(quiet, LogLevel.WARN);
        }
    }

    static String usage() {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder("usage: run-chaos.sh [options]" + nl + nl
                + "  --rate=<n>          counts submitted per second by the steady load (default 20)" + nl
                + "  --outage=<seconds>  how long the broker and the Mongo-wire server stay down (default 15)" + nl
                + "  --faults=<a,b,...>  which faults, in order (default all):" + nl);
        FAULTS.forEach((name, description) -> text.append(String.format("                        %-18s %s%n",
                name, description)));
        text.append("  --data=<dir>        data directory (default: a new temporary one; never ./data)" + nl
                + "  --keep-data         keep the data directory afterwards" + nl
                + "  --verbose           the stack's log on the console too (always in <data>/chaos.log)" + nl
                + "  --power-cuts=<n>    power-cut: how many cuts, each at another moment (default 3)" + nl
                + "  --import-rows=<n>   power-cut: rows of the CSV import in flight at each cut (default 2000)" + nl
                + "  --cluster           cluster mode: three brokers (replication 3, min.insync.replicas 2), two" + nl
                + "                      instances of each write service; default fault broker-and-instances, and" + nl
                + "                      its fixed input's dashboard compared with a single-instance run's" + nl
                + "  --reporting-instances=<1|2>  with --cluster: instances of reporting-service (default 1)" + nl
                + "  JAVA_OPTS           the JVM flags, also of the power-cut's stack process"
                + " (default -Xmx1g -XX:+UseSerialGC)" + nl);
        return text.toString();
    }

    /** Runs every fault; true when each ended with equal counts and passed its own checks. */
    boolean run() throws Exception {
        Path data = options.dataDir() != null ? options.dataDir()
                : Files.createTempDirectory("spmonitor-chaos-");
        Path log = data.resolve(LOG);
        out.printf(Locale.ROOT,
                "spmonitor chaos run: %d fault(s) under a steady load of %.0f counts/s, outages of %d s%s%n",
                options.faults().size(), options.rate(), options.outage().toSeconds(),
                options.faults().contains("power-cut") ? ", " + options.powerCuts() + " power cut(s) with a "
                        + options.importRows() + "-row import in flight" : "");
        out.printf("  data %s%s%n%n", data, System.getProperty("logging.file.name") == null ? ""
                : " (the stack's log: " + System.getProperty("logging.file.name") + (options.faults().contains(
                        "power-cut") ? "; the power-cut stack's: " + data.resolve("power-cut").resolve("stack.log")
                                : "") + ")");
        List<Tally> tallies = new ArrayList<>();
        try {
            List<String> countries = List.of("UGA", "KEN", "TZA", "RWA", "GHA", "ZMB", "MWI", "SEN", "KHM", "NPL");
            for (int i = 0; i < options.faults().size(); i++) {
                String fault = options.faults().get(i);
                out.printf("  %d/%d %s ...%n", i + 1, options.faults().size(), FAULTS.get(fault));
                if (fault.equals("power-cut")) {
                    // a stack process of its own, killed outright: the in-process stack rests meanwhile
                    stopStack();
                    tallies.addAll(new PowerCut(jar(), jvmFlags(), options.rate(), options.importRows(), out)
                            .run(data.resolve("power-cut"), options.powerCuts()));
                    continue;
                }
                startStack(data);
                Tally tally = runFault(fault, countries.get(i % countries.size()));
                tallies.add(tally);
                out.printf(Locale.ROOT, "      submitted %d, published %d, visible %d: %s (%.1f s)%n", tally.submitted(),
                        tally.published(), tally.visible(), tally.passed() ? "OK" : "FAILED", seconds(tally.took()
                                .toNanos()));
            }
            if (fixedDashboard != null) {
                stopStack();
                tallies.add(compareWithSingleInstance(data.resolve("single-instance")));
            }
        }
        finally {
            stopStack();
            if (!options.keepData()) {
                deleteQuietly(data, log);
            }
        }
        return report(tallies);
    }

    /** Starts the in-process stack for the faults that use its hooks, unless it runs; same data on a restart. */
    private void startStack(Path data) {
        startStack(data, options.cluster());
    }

    private void startStack(Path data, boolean cluster) {
        if (stack != null) {
            return;
        }
        long started = System.nanoTime();
        LocalStackBuilder builder = LocalStack.builder().dataDir(data).anyFreePorts()
                // refuse writes within 2 s while the database is down, instead of the driver's 30 s
                .mongoServerSelectionTimeout(Duration.ofSeconds(2))
                // the load is one client (demo-admin) above the default 600 writes a minute
                .serviceProperty("spmonitor.security.writes-per-minute", "1000000");
        if (cluster) {
            builder.cluster(options.reportingInstances());
        }
        stack = builder.start();
        out.printf(Locale.ROOT, "      %s up in %.1f s (Kafka %s, Mongo %s)%s%n", cluster ? "cluster-mode stack"
                : "stack", seconds(System.nanoTime() - started), stack.kafkaBootstrapServers(), stack.mongoUri(),
                cluster ? String.format(Locale.ROOT, "; RSS %.0f MiB", rssMiB()) : "");
        client = new StackClient(stack);
        kafka = new KafkaTool(stack.kafkaBootstrapServers());
        topic = new TopicCounter(stack.kafkaBootstrapServers());
    }

    private void stopStack() {
        if (topic != null) {
            topic.close();
            topic = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    /** The stack's jar: the one this class was loaded from (run-chaos.sh), else the build's. */
    private static Path jar() {
        try {
            Path source = Path.of(ChaosRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (source.toString().endsWith(".jar")) {
                return source;
            }
        }
        catch (java.net.URISyntaxException | SecurityException ex) {
            // the build's jar below
        }
        return Path.of("deploy/local/target/spmonitor-local.jar").toAbsolutePath();
    }

    /** The stack process's JVM flags: {@code JAVA_OPTS}, as for this run, else a bounded heap. */
    private static List<String> jvmFlags() {
        String flags = System.getenv("JAVA_OPTS");
        return flags == null || flags.isBlank() ? List.of("-Xmx1g", "-XX:+UseSerialGC")
                : List.of(flags.trim().split("\\s+"));
    }

    private Tally runFault(String fault, String country) throws Exception {
        long started = System.nanoTime();
        return switch (fault) {
            case "kafka" -> kafkaDown(country, started);
            case "reporting-crash" -> reportingDown(country, started, true);
            case "reporting-stop" -> reportingDown(country, started, false);
            case "beneficiary-crash" -> beneficiaryCrash(country, started);
            case "mongo" -> mongoDown(country, started);
            case "poison" -> poison(country, started);
            case "redelivery" -> redelivery(country, started);
            case "broker-and-instances" -> brokerAndInstances(country, started);
            default -> throw new IllegalArgumentException(fault);
        };
    }

    // ---- the faults

    private Tally kafkaDown(String country, long started) throws Exception {
        CountLoad load = steadyLoad(country, options.outage().toSeconds() + 30);
        awaitAccepted(load, 20);
        stack.stopKafka();
        int before = load.acceptedCount();
        hold(options.outage());
        int whileDown = load.acceptedCount() - before;
        stack.startKafka();
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();
        return settle("kafka", load, 0, started, List.of("accepted while the broker was down: " + whileDown),
                List.of());
    }

    private Tally reportingDown(String country, long started, boolean crash) throws Exception {
        CountLoad load = steadyLoad(country, 60);
        awaitAccepted(load, 20);
        List<String> notes = new ArrayList<>();
        if (crash) {
            try (ReadModelPeek peek = new ReadModelPeek(stack.mongoUri())) {
                long before = peek.countFacts(country);
                if (load.submitBatch(1_000) != CountLoad.Outcome.ACCEPTED) {
                    load.settle(SETTLE_TIMEOUT);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (peek.countFacts(country) < before + 100 && System.nanoTime() < deadline) {
                    Thread.sleep(5); // polling the read model for the moment the batch is being applied
                }
                stack.crashService(LocalService.REPORTING);
                notes.add("crashed part-way through a batch: " + peek.countFacts(country) + " of "
                        + load.acceptedCount() + " accepted counts were in its read model");
            }
        }
        else {
            stack.stopService(LocalService.REPORTING);
        }
        // down for a while (5 s) while counts keep being accepted and published
        hold(Duration.ofSeconds(5));
        stack.startService(LocalService.REPORTING);
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();
        return settle(crash ? "reporting-crash" : "reporting-stop", load, 0, started, notes, List.of());
    }

    private Tally beneficiaryCrash(String country, long started) throws Exception {
        CountLoad load = steadyLoad(country, 60);
        awaitAccepted(load, 20);
        // a batch in flight and the steady load: the crash cuts requests and the relay half-way
        Thread batch = new Thread(() -> {
            try {
                load.submitBatch(500);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        batch.start();
        Thread.sleep(30); // let the batch request reach the service
        stack.crashService(LocalService.BENEFICIARY);
        hold(Duration.ofSeconds(3));
        stack.startService(LocalService.BENEFICIARY);
        batch.join();
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();
        return settle("beneficiary-crash", load, 0, started, List.of(), List.of());
    }

    private Tally mongoDown(String country, long started) throws Exception {
        List<String> programmes = registerProgrammes(country, programmesFor(options.outage().toSeconds() + 60), 2025,
                2026);
        CountLoad load = new CountLoad(client, country, new CountKeys(programmes, YEARS), DemoClient.ADMIN);
        CountKeys inbound = new CountKeys(programmes, List.of(2026));
        load.start(options.interval(), threadsFor(options.rate()));
        awaitAccepted(load, 20);
        stack.stopMongo();
        long down = System.nanoTime();
        // a national MIS publishes 10 submissions on Kafka meanwhile: beneficiary-service must wait, then take them
        kafka.send(InboundSubmissions.records(country, inbound, 10, "chaos-mis", client.token(DemoClient.ADMIN)));
        hold(options.outage());
        // sent after the stop and answered before the restart: a request in flight at the stop whose write
        // was stored before it is rightly accepted, even when its answer comes after
        int acceptedWhileDown = load.acceptedRequestsSentSince(down);
        stack.startMongo();
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();
        List<String> problems = new ArrayList<>();
        if (acceptedWhileDown > 0) {
            problems.add(acceptedWhileDown + " accepted while the database was down");
        }
        List<String> notes = new ArrayList<>();
        notes.add("10 more submitted on Kafka during the outage");
        load.refusalSamples().stream().map(CountLoad.Refusal::status).distinct()
                .forEach(status -> notes.add("answered " + status + " while down"));
        if (load.refusalSamples().stream().anyMatch(r -> r.status() != 503
                || !r.contentType().startsWith("application/problem+json"))) {
            problems.add("a refusal that is not a 503 problem: " + load.refusalSamples().get(0));
        }
        Tally tally = settle("mongo", load, 10, started, notes, problems, List.of(2025, 2026));
        List<ConsumerRecord<String, byte[]>> rejected = kafka.readAll(Topics.SUBMISSION_REJECTIONS,
                r -> country.equals(r.key()));
        if (!rejected.isEmpty()) {
            tally.problems().add(rejected.size() + " inbound submissions rejected, e.g. "
                    + new String(rejected.get(0).value(), StandardCharsets.UTF_8));
        }
        return tally;
    }

    private Tally poison(String country, long started) throws Exception {
        CountLoad load = steadyLoad(country, 60);
        awaitAccepted(load, 20);
        List<JsonNode> real = published(country).stream().limit(4)
                .map(r -> StackClient.json(new String(r.value(), StandardCharsets.UTF_8))).toList();
        String reported = EventType.BENEFICIARY_COUNT_REPORTED.typeName();
        List<ProducerRecord<String, byte[]>> poison = List.of(
                poisonRecord(country, reported, "{\"countId\":\"cnt-broken\",\"version\":1,"),
                poisonRecord(country, "org.spmonitor.beneficiaries.BeneficiaryCountExploded.v1", real.get(0).toString()),
                poisonRecord(country, reported, with(real.get(0), "period", "2025Q7").toString()),
                poisonRecord(country, reported, with(with(real.get(0), "version", 9), "total", -7).toString()),
                poisonRecord(country, reported, with(real.get(1), "version", 9).without("country").toString()),
                poisonRecord(country, reported, with(real.get(2), "version", 9).without("targetGroup").toString()));
        Set<String> ids = poison.stream().map(r -> new String(r.headers().lastHeader(CloudEventHeaders.ID).value(),
                StandardCharsets.UTF_8)).collect(Collectors.toSet());
        long sent = System.nanoTime();
        kafka.send(poison);
        String deadLetters = Topics.deadLetterTopicOf(Topics.BENEFICIARY_COUNT_EVENTS);
        Function<ConsumerRecord<String, byte[]>, Boolean> isOurs = r -> ids.contains(EventCodec.header(r.headers(),
                CloudEventHeaders.ID));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int dead = 0;
        while (System.nanoTime() < deadline && (dead = kafka.readAll(deadLetters, isOurs::apply).size()) < ids.size()) {
            Thread.sleep(100); // polling the dead-letter topic
        }
        double toDeadLetter = seconds(System.nanoTime() - sent);
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();
        List<String> problems = new ArrayList<>();
        Tally tally = settle("poison", load, 0, started, List.of(), problems);
        List<ConsumerRecord<String, byte[]>> deadNow = kafka.readAll(deadLetters, isOurs::apply);
        List<String> notes = new ArrayList<>(tally.notes());
        notes.add(String.format(Locale.ROOT, "%d poison records, %d on %s within %.1f s, each once", poison.size(),
                deadNow.size(), deadLetters, toDeadLetter));
        if (deadNow.size() != poison.size()) {
            problems.add(deadNow.size() + " of " + poison.size() + " poison records on the dead-letter topic");
        }
        if (deadNow.stream().anyMatch(r -> EventCodec.header(r.headers(), "kafka_dlt-exception-message") == null)) {
            problems.add("a dead-lettered record without its cause header");
        }
        return new Tally(tally.fault(), tally.country(), tally.submitted(), tally.published(), tally.visible(),
                tally.records(), tally.refusals(), notes, problems, tally.took());
    }

    private Tally redelivery(String country, long started) throws Exception {
        CountLoad load = steadyLoad(country, 60);
        awaitAccepted(load, 100);
        List<ConsumerRecord<String, byte[]>> consumed = published(country);
        kafka.send(consumed.stream().map(KafkaTool::again).toList());
        kafka.send(consumed.stream().map(KafkaTool::again).toList());
        awaitAccepted(load, load.acceptedCount() + 20);
        load.stop();
        return settle("redelivery", load, 0, started,
                List.of(consumed.size() + " records published twice more"), List.of());
    }

    /**
     * Cluster mode: under the steady load, broker 1 (the first bootstrap address) is stopped and the
     * first instance of each service crashes; for {@code --outage} the load and a fixed input go through
     * what is left (the client takes the instances in turn and sends a refused request again), then all
     * come back. The fixed input's dashboard is kept to compare with a single-instance run.
     */
    private Tally brokerAndInstances(String country, long started) throws Exception {
        CountLoad load = steadyLoad(country, options.outage().toSeconds() + 60);
        awaitAccepted(load, 20);
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        stack.stopBroker(1);
        List<ServiceInstance> down = new ArrayList<>();
        for (LocalService service : LocalService.values()) {
            ServiceInstance instance = stack.instances(service).get(0);
            stack.crashService(instance);
            down.add(instance);
        }
        int before = load.acceptedCount();
        FixedInput fixed = new FixedInput();
        java.util.concurrent.CompletableFuture<Integer> fixedSent = new java.util.concurrent.CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                fixedSent.complete(fixed.submit(client));
            }
            catch (Exception ex) {
                fixedSent.completeExceptionally(ex);
            }
        }, "fixed-input");
        sender.start();
        hold(options.outage());
        int whileDown = load.acceptedCount() - before;
        stack.startBroker(1);
        for (ServiceInstance instance : down) {
            stack.startService(instance);
        }
        awaitAccepted(load, load.acceptedCount() + 20);
        sender.join();
        load.stop();
        notes.add("accepted while broker 1 and " + down + " were down: " + whileDown);
        Tally tally = settle("broker-and-instances", load, 0, started, notes, problems);
        try {
            int fixedCounts = fixedSent.join();
            java.util.Optional<JsonNode> dashboard = fixed.settledDashboard(client);
            if (dashboard.isEmpty()) {
                tally.problems().add("the fixed input (" + FixedInput.COUNTRY + ") never showed its expected totals");
            }
            else {
                fixedDashboard = dashboard.get();
                tally.notes().add(fixedCounts + " counts of a fixed input (" + FixedInput.COUNTRY
                        + ") sent during the outage, all shown: active " + fixed.expectedActive() + ", new "
                        + fixed.expectedNew());
            }
        }
        catch (java.util.concurrent.CompletionException ex) {
            tally.problems().add("the fixed input failed: " + ex.getCause());
        }
        tally.notes().add(String.format(Locale.ROOT, "RSS of the run's JVM after the fault: %.0f MiB", rssMiB()));
        return tally;
    }

    /**
     * The fixed input of {@link #brokerAndInstances} sent again to a new single-instance stack (one broker,
     * one instance of each service, no fault), and its country dashboard compared with the cluster run's.
     */
    private Tally compareWithSingleInstance(Path data) throws Exception {
        long started = System.nanoTime();
        out.printf("  comparing with a single-instance run of the same fixed input ...%n");
        startStack(data, false);
        FixedInput fixed = new FixedInput();
        int sent = fixed.submit(client);
        java.util.Optional<JsonNode> single = fixed.settledDashboard(client);
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long shown = single.map(d -> d.path("activeBeneficiaries").asLong() + d.path("newBeneficiaries").asLong())
                .orElse(-1L);
        if (single.isEmpty()) {
            problems.add("the single-instance run never showed the fixed input's expected totals");
        }
        else if (!single.get().equals(fixedDashboard)) {
            problems.add("the country dashboards differ, first at " + FixedInput.firstDifference(fixedDashboard,
                    single.get(), "").orElse("?") + " (cluster / single instance)");
        }
        else {
            notes.add("country dashboard " + FixedInput.COUNTRY + " " + FixedInput.YEAR + " identical (freshness left"
                    + " out, programme ids by name): " + fixedDashboard.toString().length() + " characters of JSON");
        }
        stopStack();
        long expected = fixed.expectedActive() + fixed.expectedNew();
        long clusterShown = fixedDashboard.path("activeBeneficiaries").asLong()
                + fixedDashboard.path("newBeneficiaries").asLong();
        // submitted: the fixed input's active + new people; published: what the cluster run's dashboard showed
        // of them; visible: what the single-instance run's showed; records: counts sent to the single run
        Tally tally = new Tally("single-instance comparison", FixedInput.COUNTRY, expected, clusterShown, shown, sent,
                Map.of(), notes, problems, Duration.ofNanos(System.nanoTime() - started));
        out.printf(Locale.ROOT, "      %s (%.1f s)%n", tally.passed() ? "identical" : "DIFFERENT", seconds(
                tally.took().toNanos()));
        return tally;
    }

    /** Resident memory of this JVM (the whole in-process stack), from /proc; -1 where there is none. */
    private static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        }
        catch (IOException | NumberFormatException ex) {
            // not Linux: unknown
        }
        return -1;
    }

    // ---- helpers

    /** Registers enough programmes for {@code seconds} of steady load and starts it. */
    private CountLoad steadyLoad(String country, long seconds) throws Exception {
        CountLoad load = new CountLoad(client, country, new CountKeys(registerProgrammes(country,
                programmesFor(seconds), 2025, 2025), YEARS), DemoClient.ADMIN);
        load.start(options.interval(), threadsFor(options.rate()));
        return load;
    }

    /** Programmes enough for {@code seconds} of steady load in one year (96 keys each), and a batch of 1,000. */
    private int programmesFor(long seconds) {
        return (int) Math.ceil((options.rate() * seconds + 1_000) / 96.0);
    }

    private List<String> registerProgrammes(String country, int count, int fromYear, int toYear) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(client.registerProgramme(country, country + " chaos " + i + " " + UUID.randomUUID()
                    .toString().substring(0, 8), fromYear, toYear));
        }
        return ids;
    }

    private Tally settle(String fault, CountLoad load, int viaKafka, long started, List<String> notes,
            List<String> problems) throws InterruptedException {
        return settle(fault, load, viaKafka, started, notes, problems, YEARS);
    }

    /**
     * Sends what is still waiting, then waits until published and visible equal what was accepted (plus
     * {@code viaKafka} submissions sent on the inbound topic) with reporting-service caught up, or until
     * the time is up; the figures at that moment are the fault's tally.
     */
    private Tally settle(String fault, CountLoad load, int viaKafka, long started, List<String> notes,
            List<String> problems, List<Integer> years) throws InterruptedException {
        List<String> allProblems = new ArrayList<>(problems);
        if (!load.settle(SETTLE_TIMEOUT)) {
            allProblems.add(load.waitingCount() + " submissions never accepted");
        }
        allProblems.addAll(load.unexpected());
        Set<String> accepted = load.acceptedIds();
        long submitted = accepted.size() + viaKafka;
        String country = load.country();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        Set<String> published;
        OptionalLong visible;
        long lag;
        while (true) {
            topic.catchUp(Duration.ofSeconds(10));
            published = topic.published(country);
            lag = kafka.totalLag(PROJECTION_GROUPS, PROJECTED_TOPICS);
            visible = client.newBeneficiaries(country, years);
            boolean settled = published.containsAll(accepted) && published.size() == submitted && lag == 0
                    && visible.isPresent() && visible.getAsLong() == submitted;
            if (settled || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250); // polling until the figures settle
        }
        if (!published.containsAll(accepted)) {
            allProblems.add("accepted but never published: " + accepted.stream().filter(id -> !topic.published(
                    country).contains(id)).limit(5).toList());
        }
        if (lag != 0) {
            allProblems.add("reporting-service still " + lag + " records behind");
        }
        List<String> allNotes = new ArrayList<>(notes);
        Map<String, Integer> refusals = load.refusals();
        if (!refusals.isEmpty()) {
            allNotes.add("refused attempts, sent again: " + refusals);
        }
        return new Tally(fault, country, submitted, published.size(), visible.orElse(-1), topic.records(country),
                refusals, allNotes, allProblems, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void awaitAccepted(CountLoad load, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (load.acceptedCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the load of " + load.country() + " stalled at "
                        + load.acceptedCount() + " accepted counts; unexpected answers: " + load.unexpected());
            }
            Thread.sleep(50); // polling the load's progress
        }
    }

    /** A fault lasting a while: the load keeps running meanwhile. */
    private static void hold(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private List<ConsumerRecord<String, byte[]>> published(String country) {
        return kafka.readAll(Topics.BENEFICIARY_COUNT_EVENTS, r -> country.equals(r.key())
                && TopicCounter.PUBLISHER.equals(EventCodec.header(r.headers(), CloudEventHeaders.SOURCE)));
    }

    private static ProducerRecord<String, byte[]> poisonRecord(String country, String type, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/spmonitor/chaos".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.BENEFICIARY_COUNT_EVENTS, null, country,
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

    // ---- the report

    private boolean report(List<Tally> tallies) {
        String row = "  %-58s %-7s %9s %9s %9s %8s  %s%n";
        out.println();
        out.printf(row, "FAULT", "COUNTRY", "SUBMITTED", "PUBLISHED", "VISIBLE", "RECORDS", "RESULT");
        for (Tally t : tallies) {
            out.printf(row, FAULTS.getOrDefault(t.fault(), t.fault()), t.country(), t.submitted(), t.published(),
                    t.visible(), t.records(), t.passed() ? "equal" : "NOT EQUAL" + (t.equal() ? " (checks failed)" : ""));
            Stream.concat(t.notes().stream(), t.problems().stream().map(p -> "PROBLEM: " + p))
                    .forEach(note -> out.printf("  %-58s %s%n", "", "- " + note));
        }
        long submitted = tallies.stream().mapToLong(Tally::submitted).sum();
        long published = tallies.stream().mapToLong(Tally::published).sum();
        long visible = tallies.stream().mapToLong(Tally::visible).sum();
        long records = tallies.stream().mapToLong(Tally::records).sum();
        boolean passed = tallies.stream().allMatch(Tally::passed);
        out.printf(row, "TOTAL", "", submitted, published, visible, records, passed ? "equal" : "NOT EQUAL");
        out.println();
        out.println("  submitted: counts beneficiary-service accepted (2xx, each once however often it was sent,");
        out.println("             plus those sent on the inbound Kafka topic); published: distinct countId@version");
        out.println("             on " + Topics.BENEFICIARY_COUNT_EVENTS + "; records: every record of the country");
        out.println("             there, duplicates included; visible: newBeneficiaries on the country dashboards.");
        out.println();
        out.println(passed ? "chaos run passed: submitted = published = visible after every fault"
                : "chaos run FAILED: see NOT EQUAL and PROBLEM above");
        return passed;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteQuietly(Path data, Path keep) {
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(keep) && !p.equals(data)).forEach(p -> {
                try {
                    Files.delete(p);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (IOException | UncheckedIOException ex) {
            // a temporary directory; the system cleans it eventually
        }
    }
}
