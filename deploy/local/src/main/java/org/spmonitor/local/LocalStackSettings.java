package org.spmonitor.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the local stack keeps its data and which ports it listens on (all on 127.0.0.1). A port of 0
 * means "any free port", chosen when the stack starts.
 *
 * @param dataDir the directory holding everything the stack stores ({@code kafka/}, {@code mongo/})
 * @param kafkaPort the broker's PLAINTEXT listener, the bootstrap address of the clients
 * @param controllerPort the KRaft controller listener (0: a free port at each start)
 * @param mongoPort the Mongo-wire server
 * @param issuerPort the local OAuth2 token issuer
 * @param servicePorts the HTTP port of each service
 * @param demo whether to load demo programmes and counts into an empty stack
 * @param serviceProperties Spring properties passed to all four services, e.g. {@code logging.level.org.spmonitor}
 * @param kafkaFsync whether the broker syncs every append to disk before acknowledging it
 *        ({@code log.flush.interval.messages=1}); off, it acknowledges from the page cache, which survives
 *        the process being killed but not the machine losing power
 * @param topology how many Kafka nodes and service instances: one of each, or the cluster mode
 *        ({@code --cluster}: three brokers, two instances of each service)
 */
public record LocalStackSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort, int issuerPort,
        Map<LocalService, Integer> servicePorts, boolean demo, Map<String, String> serviceProperties,
        boolean kafkaFsync, Topology topology) {

    /**
     * How many of each part run.
     *
     * @param brokers Kafka nodes (each broker and controller): 1, or 3 in cluster mode
     * @param instances instances of programme-, financing- and beneficiary-service
     * @param reportingInstances instances of reporting-service
     */
    public record Topology(int brokers, int instances, int reportingInstances) {

        /** The embedded default: one broker, one instance of each service. */
        public static final Topology SINGLE = new Topology(1, 1, 1);

        public Topology {
            if (brokers != 1 && brokers != 3) {
                throw new IllegalArgumentException("1 or 3 Kafka brokers, not " + brokers);
            }
            if (instances < 1 || instances > 2 || reportingInstances < 1 || reportingInstances > 2) {
                throw new IllegalArgumentException("--reporting-instances must be 1 or 2");
            }
        }

        /**
         * The cluster mode: three brokers (replication 3, {@code min.insync.replicas} 2), two instances of
         * each write service and {@code reportingInstances} of reporting-service.
         */
        public static Topology cluster(int reportingInstances) {
            return new Topology(3, 2, reportingInstances);
        }

        public boolean isCluster() {
            return brokers > 1;
        }

        /** How many instances of {@code service} run. */
        public int instancesOf(LocalService service) {
            return service == LocalService.REPORTING ? reportingInstances : instances;
        }
    }

    /** Prefix of the system properties that set the options: {@code -Dspmonitor.local.kafka-port=19092}. */
    public static final String SYSTEM_PROPERTY_PREFIX = "spmonitor.local.";

    static final String DATA = "data";
    static final String KAFKA_PORT = "kafka-port";
    static final String CONTROLLER_PORT = "kafka-controller-port";
    static final String MONGO_PORT = "mongo-port";
    static final String ISSUER_PORT = "issuer-port";
    static final String DEMO = "demo";
    static final String KAFKA_FSYNC = "kafka-fsync";
    static final String CLUSTER = "cluster";
    static final String REPORTING_INSTANCES = "reporting-instances";

    public LocalStackSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        EnumMap<LocalService, Integer> ports = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            ports.put(service, servicePorts.getOrDefault(service, service.defaultPort()));
        }
        servicePorts = Collections.unmodifiableMap(ports);
        serviceProperties = Collections.unmodifiableMap(new LinkedHashMap<>(serviceProperties));
        topology = topology == null ? Topology.SINGLE : topology;
    }

    /** Settings of one broker and one instance of each service. */
    public LocalStackSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort, int issuerPort,
            Map<LocalService, Integer> servicePorts, boolean demo, Map<String, String> serviceProperties,
            boolean kafkaFsync) {
        this(dataDir, kafkaPort, controllerPort, mongoPort, issuerPort, servicePorts, demo, serviceProperties,
                kafkaFsync, Topology.SINGLE);
    }

    /** The same settings with another topology. */
    public LocalStackSettings withTopology(Topology other) {
        return new LocalStackSettings(dataDir, kafkaPort, controllerPort, mongoPort, issuerPort, servicePorts, demo,
                serviceProperties, kafkaFsync, other);
    }

    /** Settings with the broker acknowledging from the page cache (the default). */
    public LocalStackSettings(Path dataDir, int kafkaPort, int controllerPort, int mongoPort, int issuerPort,
            Map<LocalService, Integer> servicePorts, boolean demo, Map<String, String> serviceProperties) {
        this(dataDir, kafkaPort, controllerPort, mongoPort, issuerPort, servicePorts, demo, serviceProperties, false);
    }

    /** The defaults: {@code ./data}, Kafka 9092, Mongo 27017, token issuer 9000, services 8080 to 8083. */
    public static LocalStackSettings defaults() {
        return new LocalStackSettings(Path.of(DATA), 9092, 0, 27017, 9000, Map.of(), false, Map.of());
    }

    public int port(LocalService service) {
        return servicePorts.get(service);
    }

    /**
     * Reads the options from {@code --name=value} arguments, then {@code -Dspmonitor.local.name=value}
     * system properties, then the defaults. An argument naming a Spring property ({@code --a.b=c}) is
     * passed to the services.
     *
     * @throws IllegalArgumentException for an unknown option or a value that is not a port
     */
    public static LocalStackSettings parse(List<String> args, Properties systemProperties) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
                options.put(name.substring(SYSTEM_PROPERTY_PREFIX.length()), systemProperties.getProperty(name));
            }
        }
        Map<String, String> serviceProperties = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            if (name.contains(".")) {
                serviceProperties.put(name, value);
            }
            else {
                options.put(name, value);
            }
        }
        LocalStackSettings defaults = defaults();
        Path dataDir = defaults.dataDir();
        int kafkaPort = defaults.kafkaPort();
        int controllerPort = defaults.controllerPort();
        int mongoPort = defaults.mongoPort();
        int issuerPort = defaults.issuerPort();
        boolean demo = false;
        boolean kafkaFsync = false;
        boolean cluster = false;
        String reportingInstances = null;
        Map<LocalService, Integer> servicePorts = new EnumMap<>(LocalService.class);
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case DATA -> dataDir = Path.of(value);
                case KAFKA_PORT -> kafkaPort = port(name, value);
                case CONTROLLER_PORT -> controllerPort = port(name, value);
                case MONGO_PORT -> mongoPort = port(name, value);
                case ISSUER_PORT -> issuerPort = port(name, value);
                case DEMO -> demo = Boolean.parseBoolean(value);
                case KAFKA_FSYNC -> kafkaFsync = Boolean.parseBoolean(value);
                case CLUSTER -> cluster = Boolean.parseBoolean(value);
                case REPORTING_INSTANCES -> reportingInstances = value.trim();
                default -> {
                    LocalService service = serviceWithPortOption(name);
                    if (service == null) {
                        unknown.add(name);
                    }
                    else {
                        servicePorts.put(service, port(name, value));
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + String.join(", ", unknown));
        }
        Topology topology = Topology.SINGLE;
        if (reportingInstances != null && !cluster) {
            throw new IllegalArgumentException("--reporting-instances needs --cluster");
        }
        if (cluster) {
            try {
                topology = Topology.cluster(reportingInstances == null ? 1 : Integer.parseInt(reportingInstances));
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("--reporting-instances must be 1 or 2, was '" + reportingInstances
                        + "'");
            }
        }
        return new LocalStackSettings(dataDir, kafkaPort, controllerPort, mongoPort, issuerPort, servicePorts, demo,
                serviceProperties, kafkaFsync, topology);
    }

    private static LocalService serviceWithPortOption(String name) {
        for (LocalService service : LocalService.values()) {
            if (service.portOption().equals(name)) {
                return service;
            }
        }
        return null;
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalArgumentException("--" + option + " must be a port number (0 for any free port), was '"
                + value + "'");
    }

    /** What {@code --help} prints. */
    public static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("""
                Usage: java -jar spmonitor-local.jar [options] [--<spring.property>=<value> ...]

                Starts a Kafka broker (KRaft), a Mongo-wire server (H2 file), an OAuth2 token issuer and
                the four spmonitor services in one JVM, all on 127.0.0.1, keeping data under the data
                directory.

                Options (or system properties -Dspmonitor.local.<option>=<value>):
                  --data=<dir>                    data directory (default ./data; delete it to reset)
                  --kafka-port=<port>             Kafka bootstrap port (default 9092)
                  --kafka-controller-port=<port>  KRaft controller port (default 0: any free port)
                  --mongo-port=<port>             Mongo-wire port (default 27017)
                  --issuer-port=<port>            OAuth2 token issuer port (default 9000)
                """);
        for (LocalService service : LocalService.values()) {
            text.append(String.format("  --%-29s %s port (default %d)%n", service.portOption() + "=<port>",
                    service.serviceName(), service.defaultPort()));
        }
        text.append("""
                  --demo                          load demo programmes and counts into an empty stack
                  --kafka-fsync                   the broker syncs each write to disk before acknowledging
                                                  it: events survive a power cut, not only a crash of
                                                  this process (default off: acknowledged from the page
                                                  cache; the Mongo-wire server always syncs)
                  --cluster                       cluster mode: three Kafka brokers (replication 3,
                                                  min.insync.replicas 2; storage in <data>/kafka-cluster)
                                                  and two instances of programme-, financing- and
                                                  beneficiary-service; the second instances and
                                                  brokers 2 and 3 listen on free ports (the banner
                                                  lists them)
                  --reporting-instances=<1|2>     with --cluster: instances of reporting-service
                                                  (default 1, see deploy/local/README.md)
                  --help                          print this text
                  --<spring.property>=<value>     any Spring property, passed to all four services
                                                  (e.g. --logging.level.org.spmonitor=DEBUG)
                """);
        return text.toString();
    }
}
