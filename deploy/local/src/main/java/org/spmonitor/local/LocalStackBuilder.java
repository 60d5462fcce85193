package org.spmonitor.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sets up a local stack in code ({@link LocalStack#builder()}); {@link #start()} starts it. */
public final class LocalStackBuilder {

    private Path dataDir = LocalStackSettings.defaults().dataDir();
    private int kafkaPort = LocalStackSettings.defaults().kafkaPort();
    private int controllerPort = LocalStackSettings.defaults().controllerPort();
    private int mongoPort = LocalStackSettings.defaults().mongoPort();
    private int issuerPort = LocalStackSettings.defaults().issuerPort();
    private final Map<LocalService, Integer> servicePorts = new EnumMap<>(LocalService.class);
    private final Map<String, String> serviceProperties = new LinkedHashMap<>();
    private Duration mongoServerSelectionTimeout;
    private boolean kafkaFsync;
    private LocalStackSettings.Topology topology = LocalStackSettings.Topology.SINGLE;

    LocalStackBuilder() {
    }

    public LocalStackBuilder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public LocalStackBuilder kafkaPort(int port) {
        this.kafkaPort = port;
        return this;
    }

    public LocalStackBuilder controllerPort(int port) {
        this.controllerPort = port;
        return this;
    }

    public LocalStackBuilder mongoPort(int port) {
        this.mongoPort = port;
        return this;
    }

    public LocalStackBuilder issuerPort(int port) {
        this.issuerPort = port;
        return this;
    }

    public LocalStackBuilder port(LocalService service, int port) {
        servicePorts.put(service, port);
        return this;
    }

    /** Every port 0: each chosen among the free ones at start. */
    public LocalStackBuilder anyFreePorts() {
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
    public LocalStackBuilder portsOf(LocalStackSettings settings) {
        kafkaPort = settings.kafkaPort();
        mongoPort = settings.mongoPort();
        issuerPort = settings.issuerPort();
        servicePorts.putAll(settings.servicePorts());
        return this;
    }

    /** A Spring property for all four services. */
    public LocalStackBuilder serviceProperty(String name, String value) {
        serviceProperties.put(name, value);
        return this;
    }

    /**
     * How long a service's Mongo client waits for the server before an operation fails (the driver's
     * {@code serverSelectionTimeoutMS}, 30 s unless set). Fault tests shorten it, so that while the
     * Mongo-wire server is down a write is refused within seconds instead of half a minute.
     */
    public LocalStackBuilder mongoServerSelectionTimeout(Duration timeout) {
        this.mongoServerSelectionTimeout = timeout;
        return this;
    }

    /** Whether the broker syncs every append before acknowledging it ({@code --kafka-fsync}). */
    public LocalStackBuilder kafkaFsync(boolean fsync) {
        this.kafkaFsync = fsync;
        return this;
    }

    /**
     * Cluster mode ({@code --cluster}): three Kafka brokers with replication 3 and
     * {@code min.insync.replicas} 2, two instances of each write service and {@code reportingInstances}
     * (1 or 2) of reporting-service.
     */
    public LocalStackBuilder cluster(int reportingInstances) {
        this.topology = LocalStackSettings.Topology.cluster(reportingInstances);
        return this;
    }

    public LocalStackSettings settings() {
        return new LocalStackSettings(dataDir, kafkaPort, controllerPort, mongoPort, issuerPort, servicePorts,
                false, serviceProperties, kafkaFsync, topology);
    }

    public LocalStack start() {
        return LocalStack.start(settings(), new ClientOptions(mongoServerSelectionTimeout));
    }
}
