package org.spmonitor.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: one command starts a real Kafka broker (KRaft), a Mongo-wire server (H2 file
 * backend), a local OAuth2 token issuer with the demo clients, and the four services in this JVM, all
 * on 127.0.0.1, with their data under {@code ./data}.
 * <p>
 * {@code java -jar spmonitor-local.jar --help} lists the options. In code (tests):
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().dataDir(dir).anyFreePorts().start()) {
 *     URI programmes = stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes");
 * }
 * }</pre>
 * This class is the stack's lifecycle: start in order, close in reverse. The rest is in its own
 * classes: the command line ({@link LocalStackCommand}, {@link LocalStackSettings}, {@link LocalStackBuilder}),
 * ports ({@link PortCheck}), the services ({@link ServiceLauncher}), the fault hooks ({@link FaultHooks}),
 * the demo data ({@link DemoData}) and the banner ({@link StartupBanner}).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackSettings settings;
    private final DataDirectoryLock lock;
    private final LocalTokenIssuer issuer;
    private final FaultHooks parts;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What the clients connect to; kept while a component is stopped, since it restarts at the same address. */
    private final String kafkaBootstrapServers;
    private final String kafkaClusterId;
    private final String mongoUri;

    private LocalStack(LocalStackSettings settings, DataDirectoryLock lock, LocalTokenIssuer issuer,
            KafkaCluster kafka, MongoWireServer mongo, FaultHooks parts, Duration startupTime) {
        this.settings = settings;
        this.lock = lock;
        this.issuer = issuer;
        this.parts = parts;
        this.startupTime = startupTime;
        this.kafkaBootstrapServers = kafka.bootstrapServers();
        this.kafkaClusterId = kafka.clusterId();
        this.mongoUri = mongo.uri();
    }

    /** {@code java -jar spmonitor-local.jar}: see {@link LocalStackCommand}. */
    public static void main(String[] args) {
        LocalStackCommand.run(args);
    }

    public static LocalStackBuilder builder() {
        return new LocalStackBuilder();
    }

    /** Starts everything; on failure closes what had started and throws. */
    public static LocalStack start(LocalStackSettings requested) {
        return start(requested, ClientOptions.DEFAULTS);
    }

    static LocalStack start(LocalStackSettings requested, ClientOptions clientOptions) {
        long started = System.nanoTime();
        ConsoleLogging.initialize();
        LocalStackSettings settings = PortCheck.withFreePortsResolved(requested);
        PortCheck.requirePortsFree(settings);
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDir());
        MongoWireServer mongo = null;
        KafkaCluster kafka = null;
        LocalTokenIssuer issuer = null;
        try {
            issuer = LocalTokenIssuer.start(settings.dataDir().resolve("issuer"), settings.issuerPort(),
                    dashboardOrigins(settings));
            log.info("OAuth2 token issuer at {}", issuer.tokenEndpoint());
            mongo = MongoWireServer.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
            log.info("Mongo-wire server listening at {} (data in {})", mongo.uri(), mongo.file());
            kafka = startKafka(settings);
            log.info("Kafka {} listening at {} (cluster id {}, {} storage, {})", kafka.size() == 1 ? "broker"
                    : kafka.size() + " brokers (replication 3, min.insync.replicas 2)", kafka.bootstrapServers(),
                    kafka.clusterId(), kafka.formattedNow() ? "newly formatted" : "existing",
                    settings.kafkaFsync() ? "every append synced before it is acknowledged"
                            : "acknowledged from the page cache");
            ServiceLauncher launcher = new ServiceLauncher(settings, clientOptions, kafka.bootstrapServers(),
                    mongo.uri(), issuer, instancePorts(settings));
            Map<ServiceInstance, ConfigurableApplicationContext> services = launcher.startAll();
            return new LocalStack(settings, lock, issuer, kafka, mongo,
                    new FaultHooks(settings, launcher, mongo, kafka, services),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        catch (RuntimeException ex) {
            Closing.quietly("Kafka", kafka);
            Closing.quietly("Mongo-wire server", mongo);
            Closing.quietly("token issuer", issuer);
            Closing.quietly("data directory lock", lock);
            throw ex;
        }
    }

    /**
     * One broker on the Kafka port, storage {@code data/kafka}; in cluster mode three, the first on the
     * Kafka and controller ports, the others on free ports, storage {@code data/kafka-cluster/node-<id>}.
     */
    private static KafkaCluster startKafka(LocalStackSettings settings) {
        int brokers = settings.topology().brokers();
        if (brokers == 1) {
            return KafkaCluster.start(settings.dataDir().resolve("kafka"), List.of(settings.kafkaPort()),
                    List.of(settings.controllerPort()), settings.kafkaFsync());
        }
        List<Integer> ports = new ArrayList<>(List.of(settings.kafkaPort()));
        List<Integer> controllers = new ArrayList<>(List.of(settings.controllerPort()));
        Set<Integer> taken = new HashSet<>(List.of(settings.kafkaPort(), settings.controllerPort(),
                settings.mongoPort(), settings.issuerPort()));
        taken.addAll(settings.servicePorts().values());
        for (int node = 2; node <= brokers; node++) {
            ports.add(freePort(taken));
            controllers.add(freePort(taken));
        }
        return KafkaCluster.start(settings.dataDir().resolve("kafka-cluster"), ports, controllers,
                settings.kafkaFsync());
    }

    /** The first instance of each service on its port; in cluster mode the second on a free port. */
    private static Map<ServiceInstance, Integer> instancePorts(LocalStackSettings settings) {
        Map<ServiceInstance, Integer> ports = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>(settings.servicePorts().values());
        for (LocalService service : LocalService.values()) {
            ports.put(ServiceInstance.first(service), settings.port(service));
            for (int number = 2; number <= settings.topology().instancesOf(service); number++) {
                ports.put(new ServiceInstance(service, number), freePort(taken));
            }
        }
        return ports;
    }

    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = Ports.anyFree();
            if (taken.add(port)) {
                return port;
            }
        }
        throw new LocalStackException("could not find a free port on " + Ports.HOST);
    }

    /** Where the donor dashboard is served from: it may ask the issuer for tokens from the browser. */
    private static Set<String> dashboardOrigins(LocalStackSettings settings) {
        int port = settings.port(LocalService.REPORTING);
        return Set.of("http://" + Ports.HOST + ":" + port, "http://localhost:" + port);
    }

    /** The base URL of a service (its first instance): {@code http://127.0.0.1:8081}. */
    public URI url(LocalService service) {
        return URI.create("http://" + Ports.HOST + ":" + settings.port(service));
    }

    /** The base URL of one instance. */
    public URI url(ServiceInstance instance) {
        return URI.create("http://" + Ports.HOST + ":" + parts.port(instance));
    }

    /** The base URLs of every instance of a service (two in cluster mode), the first instance first. */
    public List<URI> urls(LocalService service) {
        return instances(service).stream().map(this::url).toList();
    }

    /** Every instance of a service the stack runs (stopped or not). */
    public List<ServiceInstance> instances(LocalService service) {
        return parts.instances().stream().filter(instance -> instance.service() == service).toList();
    }

    /** How many Kafka brokers the stack runs: 1, or 3 in cluster mode. */
    public int brokers() {
        return settings.topology().brokers();
    }

    /** The settings the stack runs with, every port resolved. */
    public LocalStackSettings settings() {
        return settings;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String kafkaClusterId() {
        return kafkaClusterId;
    }

    /** {@code mongodb://127.0.0.1:27017}; the databases are {@code spmonitor-<service>}. */
    public String mongoUri() {
        return mongoUri;
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** Where the demo clients get their tokens (client-credentials grant): {@code http://127.0.0.1:9000/oauth2/token}. */
    public URI tokenEndpoint() {
        return issuer.tokenEndpoint();
    }

    /** The Spring context of a service (for tests and tools that look inside); null while it is stopped. */
    public ConfigurableApplicationContext context(LocalService service) {
        return parts.context(ServiceInstance.first(service));
    }

    /** The Spring context of one instance; null while it is stopped. */
    public ConfigurableApplicationContext context(ServiceInstance instance) {
        return parts.context(instance);
    }

    // ---- fault hooks (fault tests, chaos runs): see FaultHooks

    /**
     * Stops the Kafka broker, every one in cluster mode (controlled shutdown), and leaves it stopped; the
     * services keep running and their clients retry. Nothing happens if it is stopped already.
     */
    public synchronized void stopKafka() {
        requireOpen();
        parts.stopKafka();
    }

    /** Starts the broker again on the same ports and storage (same cluster id, topics, offsets). */
    public synchronized void startKafka() {
        requireOpen();
        parts.startKafka();
    }

    public boolean isKafkaRunning() {
        return parts.isKafkaRunning();
    }

    /**
     * Stops one broker of the cluster (node id 1 to {@link #brokers()}, controlled shutdown) while the
     * others keep serving: its partitions' leadership moves to them.
     */
    public synchronized void stopBroker(int nodeId) {
        requireOpen();
        parts.stopBroker(nodeId);
    }

    /** Starts a stopped broker again on its ports and storage; it catches up from the others. */
    public synchronized void startBroker(int nodeId) {
        requireOpen();
        parts.startBroker(nodeId);
    }

    public boolean isBrokerRunning(int nodeId) {
        return parts.isBrokerRunning(nodeId);
    }

    /**
     * Stops the Mongo-wire server: its client connections are cut and the H2 file is closed (flushed).
     * The services keep running; their database operations fail until {@link #startMongo()}.
     */
    public synchronized void stopMongo() {
        requireOpen();
        parts.stopMongo();
    }

    /** Starts the Mongo-wire server again on the same port and the same H2 file. */
    public synchronized void startMongo() {
        requireOpen();
        parts.startMongo();
    }

    public boolean isMongoRunning() {
        return parts.isMongoRunning();
    }

    /**
     * Closes one service's Spring context (as its shutdown would: listeners stop after their current
     * batch, the outbox relay after its pass) while everything else keeps running.
     */
    public synchronized void stopService(LocalService service) {
        requireOpen();
        parts.stopService(ServiceInstance.first(service));
    }

    /** As {@link #stopService(LocalService)}, for one instance of a service. */
    public synchronized void stopService(ServiceInstance instance) {
        requireOpen();
        parts.stopService(instance);
    }

    /**
     * Stops one service as close to a crash as a shared JVM allows: its MongoDB client is closed under
     * it first, so whatever it is doing fails half-way (a listener's batch stops part-applied, its
     * offsets uncommitted; a request gets an error), then its context is closed. Only what a crash of
     * the process would leave behind remains: the data already written and the offsets committed.
     */
    public synchronized void crashService(LocalService service) {
        requireOpen();
        parts.crashService(ServiceInstance.first(service));
    }

    /** As {@link #crashService(LocalService)}, for one instance of a service. */
    public synchronized void crashService(ServiceInstance instance) {
        requireOpen();
        parts.crashService(instance);
    }

    /** Starts a stopped service again, with the same port, configuration and database. */
    public synchronized void startService(LocalService service) {
        requireOpen();
        parts.startService(ServiceInstance.first(service));
    }

    /** As {@link #startService(LocalService)}, for one instance of a service. */
    public synchronized void startService(ServiceInstance instance) {
        requireOpen();
        parts.startService(instance);
    }

    public boolean isServiceRunning(LocalService service) {
        return parts.isServiceRunning(ServiceInstance.first(service));
    }

    public boolean isServiceRunning(ServiceInstance instance) {
        return parts.isServiceRunning(instance);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the local stack is closed");
        }
    }

    /** Loads the demo programmes and counts unless the stack already holds programmes. */
    public void loadDemoData() {
        DemoData.loadIfEmpty(this);
    }

    /** The table printed once everything is up. */
    public String describe(Duration sinceJvmStart) {
        return StartupBanner.describe(this, startupTime, sinceJvmStart);
    }

    /** Closes the services, then the broker, then the Mongo-wire server (which flushes H2). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping the spmonitor local stack");
        parts.closeAll();
        Closing.quietly("token issuer", issuer);
        Closing.quietly("data directory lock", lock);
        log.info("The spmonitor local stack stopped; data kept in {}", settings.dataDir());
    }
}
