package org.spmonitor.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

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
 */
public final class LocalStack implements AutoCloseable {

    /** The order in which the services close: writers first, so their last events still reach reporting. */
    private static final List<LocalService> CLOSE_ORDER = List.of(LocalService.PROGRAMME, LocalService.FINANCING,
            LocalService.BENEFICIARY, LocalService.REPORTING);

    /** Loggers that say too much at INFO for a console that four services share. */
    private static final List<String> QUIET_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger",
            "org.mongodb.driver", "de.bwaldvogel.mongo");

    /**
     * mongo-java-server warns at every start that it ignores non-unique compound indexes (the outbox
     * index of each service); queries still answer the same, only without the index.
     */
    private static final String IGNORED_INDEX_LOGGER = "de.bwaldvogel.mongo.backend.AbstractMongoDatabase";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackSettings settings;
    private final ClientOptions clientOptions;
    private final DataDirectoryLock lock;
    private final LocalTokenIssuer issuer;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What the clients connect to; kept while a component is stopped, since it restarts at the same address. */
    private final String kafkaBootstrapServers;
    private final String kafkaClusterId;
    private final String mongoUri;

    // replaced by the fault hooks (stop/start), under this object's lock; null while stopped
    private volatile MongoWireServer mongo;
    private volatile KafkaBroker kafka;
    private final Map<LocalService, ConfigurableApplicationContext> services;

    private LocalStack(LocalStackSettings settings, ClientOptions clientOptions, DataDirectoryLock lock,
            MongoWireServer mongo, KafkaBroker kafka, LocalTokenIssuer issuer,
            Map<LocalService, ConfigurableApplicationContext> services, Duration startupTime) {
        this.settings = settings;
        this.clientOptions = clientOptions;
        this.lock = lock;
        this.mongo = mongo;
        this.kafka = kafka;
        this.issuer = issuer;
        this.services = Collections.synchronizedMap(new EnumMap<>(services));
        this.startupTime = startupTime;
        this.kafkaBootstrapServers = kafka.bootstrapServers();
        this.kafkaClusterId = kafka.clusterId();
        this.mongoUri = mongo.uri();
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(LocalStackSettings.usage());
            return;
        }
        LocalStack stack;
        try {
            LocalStackSettings settings = LocalStackSettings.parse(List.of(args), System.getProperties());
            stack = start(settings);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("spmonitor-local: " + ex.getMessage() + System.lineSeparator() + System.lineSeparator()
                    + LocalStackSettings.usage());
            System.exit(2);
            return;
        }
        catch (LocalStackException ex) {
            System.err.println(System.lineSeparator() + "spmonitor-local could not start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        catch (RuntimeException ex) {
            // start() closed whatever had started; the exit status tells a script that nothing runs
            System.err.println(System.lineSeparator() + "spmonitor-local could not start:");
            ex.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "spmonitor-local-shutdown"));
        System.out.println(stack.describe(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        if (stack.settings.demo()) {
            DemoData.loadIfEmpty(stack);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts everything; on failure closes what had started and throws. */
    public static LocalStack start(LocalStackSettings requested) {
        return start(requested, ClientOptions.DEFAULTS);
    }

    private static LocalStack start(LocalStackSettings requested, ClientOptions clientOptions) {
        long started = System.nanoTime();
        initializeLogging();
        LocalStackSettings settings = withFreePortsResolved(requested);
        requirePortsFree(settings);
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.dataDir());
        MongoWireServer mongo = null;
        KafkaBroker kafka = null;
        LocalTokenIssuer issuer = null;
        try {
            issuer = LocalTokenIssuer.start(settings.dataDir().resolve("issuer"), settings.issuerPort(),
                    dashboardOrigins(settings));
            log.info("OAuth2 token issuer at {}", issuer.tokenEndpoint());
            mongo = MongoWireServer.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
            log.info("Mongo-wire server listening at {} (data in {})", mongo.uri(), mongo.file());
            kafka = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.controllerPort(), settings.kafkaFsync());
            log.info("Kafka broker listening at {} (cluster id {}, {} storage, {})", kafka.bootstrapServers(),
                    kafka.clusterId(), kafka.formattedNow() ? "newly formatted" : "existing",
                    settings.kafkaFsync() ? "every append synced before it is acknowledged"
                            : "acknowledged from the page cache");
            Map<LocalService, ConfigurableApplicationContext> services = startServices(settings, clientOptions, kafka,
                    mongo, issuer);
            return new LocalStack(settings, clientOptions, lock, mongo, kafka, issuer, services,
                    Duration.ofNanos(System.nanoTime() - started));
        }
        catch (RuntimeException ex) {
            closeQuietly("Kafka broker", kafka);
            closeQuietly("Mongo-wire server", mongo);
            closeQuietly("token issuer", issuer);
            closeQuietly("data directory lock", lock);
            throw ex;
        }
    }

    /** Where the donor dashboard is served from: it may ask the issuer for tokens from the browser. */
    private static Set<String> dashboardOrigins(LocalStackSettings settings) {
        int port = settings.port(LocalService.REPORTING);
        return Set.of("http://" + Ports.HOST + ":" + port, "http://localhost:" + port);
    }

    private static Map<LocalService, ConfigurableApplicationContext> startServices(LocalStackSettings settings,
            ClientOptions clientOptions, KafkaBroker kafka, MongoWireServer mongo, LocalTokenIssuer issuer) {
        ExecutorService starter = Executors.newFixedThreadPool(LocalService.values().length);
        Map<LocalService, Future<ConfigurableApplicationContext>> starting = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            starting.put(service, starter.submit(() -> {
                // the thread column of the log says which service is starting
                Thread.currentThread().setName(service.serviceName().replace("-service", ""));
                return startService(service, settings, clientOptions, kafka.bootstrapServers(), mongo.uri(),
                        issuer);
            }));
        }
        starter.shutdown();
        Map<LocalService, ConfigurableApplicationContext> started = new EnumMap<>(LocalService.class);
        Map<LocalService, Throwable> failed = new LinkedHashMap<>();
        for (Map.Entry<LocalService, Future<ConfigurableApplicationContext>> entry : starting.entrySet()) {
            try {
                started.put(entry.getKey(), entry.getValue().get());
            }
            catch (ExecutionException ex) {
                failed.put(entry.getKey(), ex.getCause());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failed.put(entry.getKey(), ex);
            }
        }
        if (!failed.isEmpty()) {
            closeServices(started);
            StringBuilder message = new StringBuilder();
            failed.forEach((service, cause) -> message.append(System.lineSeparator()).append("  ")
                    .append(service.serviceName()).append(": ").append(rootCause(cause)));
            LocalStackException ex = new LocalStackException("service(s) failed to start:" + message);
            failed.values().forEach(ex::addSuppressed);
            throw ex;
        }
        return Collections.unmodifiableMap(started);
    }

    private static ConfigurableApplicationContext startService(LocalService service, LocalStackSettings settings,
            ClientOptions clientOptions, String kafkaBootstrapServers, String mongoUri, LocalTokenIssuer issuer) {
        String issuerOrigins = issuer.issuer() + "," + issuer.issuer().replace(Ports.HOST, "localhost");
        // command-line arguments outrank the service's <name>.yml and the environment variables it reads
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + settings.port(service),
                "--server.address=" + Ports.HOST,
                "--spring.mongodb.uri=" + mongoUri + "/" + service.database() + clientOptions.mongoUriQuery(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                // one stack per data directory (the data lock), so a restart after a crash is the same
                // instance: it takes back its outbox lease at once
                "--spmonitor.instance-id=local-" + service.serviceName(),
                // tokens of the embedded issuer: signature by its JWK set, and its iss
                "--spmonitor.security.jwk-set-uri=" + issuer.jwkSetUri(),
                "--spmonitor.security.issuer=" + issuer.issuer(),
                // the donor dashboard signs in at the issuer from the browser (token endpoint, CSP)
                "--spmonitor.web.token-endpoint=" + issuer.tokenEndpoint(),
                "--spmonitor.security.connect-origins=" + issuerOrigins,
                "--server.tomcat.threads.min-spare=2",
                // one console for four services: a name per line would show whichever service started last
                "--logging.include-application-name=false",
                // this class closes the services, in order, before the broker and the Mongo server
                "--logging.register-shutdown-hook=false",
                // on purpose here, which also spares four warnings each that they are on by default
                "--springdoc.api-docs.enabled=true",
                "--springdoc.swagger-ui.enabled=true"));
        settings.serviceProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(service.applicationClass())
                .main(service.applicationClass())
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    /**
     * Initialises Spring Boot's logging once, before the services start in parallel: each then finds it
     * initialised and only applies its own {@code logging.level.*}, instead of four threads resetting
     * Logback at the same time.
     */
    private static void initializeLogging() {
        LoggingSystem logging = LoggingSystem.get(LocalStack.class.getClassLoader());
        StandardEnvironment environment = new StandardEnvironment();
        // one log for four services: an application name in every line would be the wrong one for three
        environment.getPropertySources().addFirst(new MapPropertySource("spmonitorLocalLogging",
                Map.of("logging.include-application-name", "false")));
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        QUIET_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.WARN));
        logging.setLogLevel(IGNORED_INDEX_LOGGER, LogLevel.ERROR);
    }

    private static LocalStackSettings withFreePortsResolved(LocalStackSettings settings) {
        Set<Integer> taken = new HashSet<>();
        taken.add(settings.kafkaPort());
        taken.add(settings.controllerPort());
        taken.add(settings.mongoPort());
        taken.add(settings.issuerPort());
        taken.addAll(settings.servicePorts().values());
        Map<LocalService, Integer> servicePorts = new EnumMap<>(LocalService.class);
        settings.servicePorts().forEach((service, port) -> servicePorts.put(service, resolve(port, taken)));
        return new LocalStackSettings(settings.dataDir(), resolve(settings.kafkaPort(), taken),
                resolve(settings.controllerPort(), taken), resolve(settings.mongoPort(), taken),
                resolve(settings.issuerPort(), taken), servicePorts,
                settings.demo(), settings.serviceProperties(), settings.kafkaFsync());
    }

    private static int resolve(int port, Set<Integer> taken) {
        if (port != 0) {
            return port;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            int free = Ports.anyFree();
            if (taken.add(free)) {
                return free;
            }
        }
        throw new LocalStackException("could not find a free port on " + Ports.HOST);
    }

    /** Fails at once, naming every taken port and the option that moves it. */
    private static void requirePortsFree(LocalStackSettings resolved) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        ports.put("Kafka", resolved.kafkaPort());
        options.put("Kafka", LocalStackSettings.KAFKA_PORT);
        ports.put("Kafka controller", resolved.controllerPort());
        options.put("Kafka controller", LocalStackSettings.CONTROLLER_PORT);
        ports.put("Mongo-wire server", resolved.mongoPort());
        options.put("Mongo-wire server", LocalStackSettings.MONGO_PORT);
        ports.put("token issuer", resolved.issuerPort());
        options.put("token issuer", LocalStackSettings.ISSUER_PORT);
        for (LocalService service : LocalService.values()) {
            ports.put(service.serviceName(), resolved.port(service));
            options.put(service.serviceName(), service.portOption());
        }
        Map<Integer, String> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        ports.forEach((what, port) -> {
            String option = options.get(what);
            String other = seen.putIfAbsent(port, what);
            if (other != null) {
                problems.add(String.format("port %d is given to both %s and %s; change one with --%s=<port>", port,
                        other, what, option));
            }
            else if (!Ports.isFree(port)) {
                problems.add(String.format(
                        "port %d (%s) on %s is already in use (another local stack still running?); "
                                + "free it or choose another with --%s=<port> or -D%s%s=<port>",
                        port, what, Ports.HOST, option, LocalStackSettings.SYSTEM_PROPERTY_PREFIX, option));
            }
        });
        if (!problems.isEmpty()) {
            throw new LocalStackException(String.join(System.lineSeparator() + "  ", problems));
        }
    }

    /** The base URL of a service: {@code http://127.0.0.1:8081}. */
    public URI url(LocalService service) {
        return URI.create("http://" + Ports.HOST + ":" + settings.port(service));
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
        return services.get(service);
    }

    // ---- fault hooks: stop and restart one component while the others keep running (fault tests, chaos runs)

    /**
     * Stops the Kafka broker (controlled shutdown) and leaves it stopped; the services keep running and
     * their clients retry. Nothing happens if it is stopped already.
     */
    public synchronized void stopKafka() {
        requireOpen();
        KafkaBroker running = kafka;
        if (running != null) {
            kafka = null;
            running.close();
            log.info("Kafka broker stopped (fault hook); its storage stays in {}", settings.dataDir().resolve("kafka"));
        }
    }

    /** Starts the broker again on the same ports and storage (same cluster id, topics, offsets). */
    public synchronized void startKafka() {
        requireOpen();
        if (kafka == null) {
            KafkaBroker started = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.controllerPort(), settings.kafkaFsync());
            kafka = started;
            log.info("Kafka broker started again at {} (fault hook)", started.bootstrapServers());
        }
    }

    public boolean isKafkaRunning() {
        return kafka != null;
    }

    /**
     * Stops the Mongo-wire server: its client connections are cut and the H2 file is closed (flushed).
     * The services keep running; their database operations fail until {@link #startMongo()}.
     */
    public synchronized void stopMongo() {
        requireOpen();
        MongoWireServer running = mongo;
        if (running != null) {
            mongo = null;
            running.close();
            log.info("Mongo-wire server stopped (fault hook); its data stays in {}", running.file());
        }
    }

    /** Starts the Mongo-wire server again on the same port and the same H2 file. */
    public synchronized void startMongo() {
        requireOpen();
        if (mongo == null) {
            MongoWireServer started = MongoWireServer.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
            mongo = started;
            log.info("Mongo-wire server started again at {} (fault hook)", started.uri());
        }
    }

    public boolean isMongoRunning() {
        return mongo != null;
    }

    /**
     * Closes one service's Spring context (as its shutdown would: listeners stop after their current
     * batch, the outbox relay after its pass) while everything else keeps running.
     */
    public synchronized void stopService(LocalService service) {
        requireOpen();
        ConfigurableApplicationContext context = services.remove(service);
        if (context != null) {
            context.close();
            log.info("{} stopped (fault hook)", service.serviceName());
        }
    }

    /**
     * Stops one service as close to a crash as a shared JVM allows: its MongoDB client is closed under
     * it first, so whatever it is doing fails half-way (a listener's batch stops part-applied, its
     * offsets uncommitted; a request gets an error), then its context is closed. Only what a crash of
     * the process would leave behind remains: the data already written and the offsets committed.
     */
    public synchronized void crashService(LocalService service) {
        requireOpen();
        ConfigurableApplicationContext context = services.remove(service);
        if (context != null) {
            context.getBeansOfType(MongoClient.class).values().forEach(MongoClient::close);
            context.close();
            log.info("{} crashed (fault hook: its database connections were cut, then it stopped)",
                    service.serviceName());
        }
    }

    /** Starts a stopped service again, with the same port, configuration and database. */
    public synchronized void startService(LocalService service) {
        requireOpen();
        if (!services.containsKey(service)) {
            services.put(service, startService(service, settings, clientOptions, kafkaBootstrapServers, mongoUri,
                    issuer));
            log.info("{} started again (fault hook)", service.serviceName());
        }
    }

    public boolean isServiceRunning(LocalService service) {
        return services.containsKey(service);
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
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append(nl).append(String.format(Locale.ROOT,
                "spmonitor local stack is up: started in %.1f s (%.1f s since the JVM started)",
                startupTime.toMillis() / 1000.0, sinceJvmStart.toMillis() / 1000.0)).append(nl).append(nl);
        String row = "  %-20s %-24s %-45s %s" + nl;
        text.append(String.format(row, "SERVICE", "URL", "SWAGGER UI", "HEALTH"));
        for (LocalService service : LocalService.values()) {
            String url = url(service).toString();
            text.append(String.format(row, service.serviceName(), url, url + "/swagger-ui.html",
                    url + "/actuator/health"));
        }
        text.append(nl);
        String info = "  %-20s %s" + nl;
        if (servesDonorDashboard()) {
            text.append(String.format(info, "Donor dashboard", url(LocalService.REPORTING) + "/"));
        }
        text.append(String.format(info, "Token issuer", issuer.tokenEndpoint()
                + "   (clients demo-admin, demo-viewer, demo-reporter: see deploy/local/README.md)"));
        text.append(String.format(info, "Get a token", "curl -s -u demo-viewer:demo-viewer-secret "
                + "-d grant_type=client_credentials " + issuer.tokenEndpoint()));
        text.append(String.format(info, "Kafka bootstrap", kafkaBootstrapServers + "   (KRaft, cluster id "
                + kafkaClusterId + ", controller " + Ports.HOST + ":" + settings.controllerPort() + ")"));
        text.append(String.format(info, "MongoDB URI", mongoUri + "   (databases "
                + String.join(", ", Arrays.stream(LocalService.values()).map(LocalService::database).toList())
                + ")"));
        text.append(String.format(info, "Data directory", settings.dataDir() + "   (delete it to reset)"));
        text.append(nl).append("  Ctrl-C stops everything; the data stays.").append(nl);
        return text.toString();
    }

    /** Closes the services, then the broker, then the Mongo-wire server (which flushes H2). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping the spmonitor local stack");
        closeServices(Map.copyOf(services));
        closeQuietly("Kafka broker", kafka);
        closeQuietly("Mongo-wire server", mongo);
        closeQuietly("token issuer", issuer);
        closeQuietly("data directory lock", lock);
        log.info("The spmonitor local stack stopped; data kept in {}", settings.dataDir());
    }

    /** Whether reporting-service answers {@code GET /} (the donor web dashboard, once it exists). */
    private boolean servesDonorDashboard() {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url(LocalService.REPORTING).resolve("/"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeServices(Map<LocalService, ConfigurableApplicationContext> services) {
        for (LocalService service : CLOSE_ORDER) {
            ConfigurableApplicationContext context = services.get(service);
            if (context != null) {
                closeQuietly(service.serviceName(), context);
            }
        }
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception ex) {
            log.warn("Could not close the {} cleanly", what, ex);
        }
    }

    private static String rootCause(Throwable throwable) {
        Throwable cause = throwable;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == throwable ? String.valueOf(throwable) : throwable + System.lineSeparator() + "    caused by "
                + cause;
    }

    /** Sets up a stack in code; {@link #start()} starts it. */
    public static final class Builder {

        private Path dataDir = LocalStackSettings.defaults().dataDir();
        private int kafkaPort = LocalStackSettings.defaults().kafkaPort();
        private int controllerPort = LocalStackSettings.defaults().controllerPort();
        private int mongoPort = LocalStackSettings.defaults().mongoPort();
        private int issuerPort = LocalStackSettings.defaults().issuerPort();
        private final Map<LocalService, Integer> servicePorts = new EnumMap<>(LocalService.class);
        private final Map<String, String> serviceProperties = new LinkedHashMap<>();
        private Duration mongoServerSelectionTimeout;
        private boolean kafkaFsync;

        private Builder() {
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Builder mongoPort(int port) {
            this.mongoPort = port;
            return this;
        }

        public Builder issuerPort(int port) {
            this.issuerPort = port;
            return this;
        }

        public Builder port(LocalService service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** Every port 0: each chosen among the free ones at start. */
        public Builder anyFreePorts() {
            kafkaPort = 0;
            controllerPort = 0;
            mongoPort = 0;
            issuerPort = 0;
            for (LocalService service : LocalService.values()) {
                servicePorts.put(service, 0);
            }
            return this;
        }

        /** Uses the ports of a running or stopped stack, e.g. to start it again where it was. */
        public Builder portsOf(LocalStackSettings settings) {
            kafkaPort = settings.kafkaPort();
            mongoPort = settings.mongoPort();
            issuerPort = settings.issuerPort();
            servicePorts.putAll(settings.servicePorts());
            return this;
        }

        /** A Spring property for all four services. */
        public Builder serviceProperty(String name, String value) {
            serviceProperties.put(name, value);
            return this;
        }

        /**
         * How long a service's Mongo client waits for the server before an operation fails (the driver's
         * {@code serverSelectionTimeoutMS}, 30 s unless set). Fault tests shorten it, so that while the
         * Mongo-wire server is down a write is refused within seconds instead of half a minute.
         */
        public Builder mongoServerSelectionTimeout(Duration timeout) {
            this.mongoServerSelectionTimeout = timeout;
            return this;
        }

        /** Whether the broker syncs every append before acknowledging it ({@code --kafka-fsync}). */
        public Builder kafkaFsync(boolean fsync) {
            this.kafkaFsync = fsync;
            return this;
        }

        public LocalStackSettings settings() {
            return new LocalStackSettings(dataDir, kafkaPort, controllerPort, mongoPort, issuerPort, servicePorts,
                    false, serviceProperties, kafkaFsync);
        }

        public LocalStack start() {
            return LocalStack.start(settings(), new ClientOptions(mongoServerSelectionTimeout));
        }
    }

    /** How the services' clients are tuned beyond their own configuration (only by code, for fault tests). */
    private record ClientOptions(Duration mongoServerSelectionTimeout) {

        static final ClientOptions DEFAULTS = new ClientOptions(null);

        /** The query of the services' Mongo URIs: empty, or {@code ?serverSelectionTimeoutMS=...}. */
        String mongoUriQuery() {
            return mongoServerSelectionTimeout == null ? ""
                    : "?serverSelectionTimeoutMS=" + mongoServerSelectionTimeout.toMillis();
        }
    }

    /**
     * An exclusive lock on {@code <data>/.lock} while the stack runs, so that a second stack on the same
     * data fails with a clear message instead of corrupting the Kafka log or the H2 file.
     */
    private record DataDirectoryLock(FileChannel channel, FileLock lock) implements AutoCloseable {

        static DataDirectoryLock acquire(Path dataDir) {
            FileChannel channel = null;
            try {
                Files.createDirectories(dataDir);
                channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new OverlappingFileLockException();
                }
                return new DataDirectoryLock(channel, lock);
            }
            catch (OverlappingFileLockException ex) {
                closeQuietly("lock file", channel);
                throw new LocalStackException("the data directory " + dataDir
                        + " is in use by another local stack; stop it or choose another with --data=<dir>");
            }
            catch (IOException ex) {
                closeQuietly("lock file", channel);
                throw new LocalStackException("cannot use the data directory " + dataDir + ": " + ex);
            }
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
