package org.spmonitor.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the four services as Spring applications in this JVM, each on its port and database and
 * pointed at the stack's broker, Mongo-wire server and token issuer; closes them in order.
 */
final class ServiceLauncher {

    /** The order in which the services close: writers first, so their last events still reach reporting. */
    private static final List<LocalService> CLOSE_ORDER = List.of(LocalService.PROGRAMME, LocalService.FINANCING,
            LocalService.BENEFICIARY, LocalService.REPORTING);

    private static final List<String> AUTHORIZATION_SERVER_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                    + "OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
                    + "OAuth2AuthorizationServerJwtAutoConfiguration");

    private final LocalStackSettings settings;
    private final ClientOptions clientOptions;
    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final LocalTokenIssuer issuer;
    private final Map<ServiceInstance, Integer> ports;

    /**
     * @param ports the HTTP port of every instance to run (in cluster mode two of a service); the
     *        first instance of each has the port of the settings
     */
    ServiceLauncher(LocalStackSettings settings, ClientOptions clientOptions, String kafkaBootstrapServers,
            String mongoUri, LocalTokenIssuer issuer, Map<ServiceInstance, Integer> ports) {
        this.settings = settings;
        this.clientOptions = clientOptions;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.issuer = issuer;
        this.ports = Map.copyOf(ports);
    }

    /** The instances to run, in the order of the services. */
    List<ServiceInstance> instances() {
        return ports.keySet().stream().sorted(Comparator.comparing(ServiceInstance::service)
                .thenComparingInt(ServiceInstance::number)).toList();
    }

    int port(ServiceInstance instance) {
        return ports.get(instance);
    }

    /** Starts every instance in parallel; if one fails, closes those that started and throws, naming each failure. */
    Map<ServiceInstance, ConfigurableApplicationContext> startAll() {
        List<ServiceInstance> instances = instances();
        ExecutorService starter = Executors.newFixedThreadPool(instances.size());
        Map<ServiceInstance, Future<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        for (ServiceInstance instance : instances) {
            starting.put(instance, starter.submit(() -> {
                // the thread column of the log says which service is starting
                Thread.currentThread().setName(instance.service().serviceName().replace("-service", "")
                        + (instance.number() == 1 ? "" : "-" + instance.number()));
                return start(instance);
            }));
        }
        starter.shutdown();
        Map<ServiceInstance, ConfigurableApplicationContext> started = new LinkedHashMap<>();
        Map<ServiceInstance, Throwable> failed = new LinkedHashMap<>();
        for (Map.Entry<ServiceInstance, Future<ConfigurableApplicationContext>> entry : starting.entrySet()) {
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
            closeAll(started);
            StringBuilder message = new StringBuilder();
            failed.forEach((instance, cause) -> message.append(System.lineSeparator()).append("  ")
                    .append(instance).append(": ").append(rootCause(cause)));
            LocalStackException ex = new LocalStackException("service(s) failed to start:" + message);
            failed.values().forEach(ex::addSuppressed);
            throw ex;
        }
        return Collections.unmodifiableMap(started);
    }

    /** Starts one instance with the same port, configuration and database at every start. */
    ConfigurableApplicationContext start(ServiceInstance instance) {
        LocalService service = instance.service();
        String issuerOrigins = issuer.issuer() + "," + issuer.issuer().replace(Ports.HOST, "localhost");
        // command-line arguments outrank the service's <name>.yml and the environment variables it reads
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + ports.get(instance),
                "--server.address=" + Ports.HOST,
                "--spring.mongodb.uri=" + mongoUri + "/" + service.database() + clientOptions.mongoUriQuery(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                // one stack per data directory (the data lock), so a restart after a crash is the same
                // instance: it takes back its outbox lease at once
                "--spmonitor.instance-id=" + instance.instanceId(),
                // tokens of the embedded issuer: signature by its JWK set, and its iss
                "--spmonitor.security.jwk-set-uri=" + issuer.jwkSetUri(),
                "--spmonitor.security.issuer=" + issuer.issuer(),
                // the web app signs people in at the issuer (authorization code + PKCE) from the browser
                "--spmonitor.web.authorization-endpoint=" + issuer.authorizationEndpoint(),
                "--spmonitor.web.token-endpoint=" + issuer.tokenEndpoint(),
                "--spmonitor.web.end-session-endpoint=" + issuer.endSessionEndpoint(),
                "--spmonitor.web.client-id=" + LocalTokenIssuer.WEB_CLIENT_ID,
                "--spmonitor.security.connect-origins=" + issuerOrigins + "," + origin(LocalService.PROGRAMME) + ","
                        + origin(LocalService.FINANCING) + "," + origin(LocalService.BENEFICIARY),
                // the country team workspace, a page of reporting-service, calls the write services (CORS)
                "--spmonitor.security.allowed-origins=" + origin(LocalService.REPORTING) + ","
                        + origin(LocalService.REPORTING).replace(Ports.HOST, "localhost"),
                "--spmonitor.web.apis.programme-api=" + origin(LocalService.PROGRAMME),
                "--spmonitor.web.apis.financing-api=" + origin(LocalService.FINANCING),
                "--spmonitor.web.apis.beneficiary-api=" + origin(LocalService.BENEFICIARY),
                "--server.tomcat.threads.min-spare=2",
                // one console for four services: a name per line would show whichever service started last
                "--logging.include-application-name=false",
                // the stack closes the services, in order, before the broker and the Mongo server
                "--logging.register-shutdown-hook=false",
                // on purpose here, which also spares four warnings each that they are on by default
                "--springdoc.api-docs.enabled=true",
                "--springdoc.swagger-ui.enabled=true",
                // the issuer's Spring Authorization Server is on this classpath for the issuer's own context;
                // a service is no authorization server (it would make a signing key and a decoder of its own)
                "--spring.autoconfigure.exclude=" + String.join(",", AUTHORIZATION_SERVER_AUTO_CONFIGURATION)));
        if (settings.topology().isCluster()) {
            // the topics the services create: on all three brokers, acknowledged once two hold a record
            args.add("--spmonitor.kafka.replication-factor=3");
            args.add("--spmonitor.kafka.min-insync-replicas=2");
        }
        settings.serviceProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(service.applicationClass())
                .main(service.applicationClass())
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    /** The origin of the first instance of {@code service}, as a browser on this machine reaches it. */
    private String origin(LocalService service) {
        return "http://" + Ports.HOST + ":" + ports.get(ServiceInstance.first(service));
    }

    /** Closes the running instances among {@code services}, writers first. */
    static void closeAll(Map<ServiceInstance, ConfigurableApplicationContext> services) {
        for (LocalService service : CLOSE_ORDER) {
            services.forEach((instance, context) -> {
                if (instance.service() == service) {
                    Closing.quietly(instance.toString(), context);
                }
            });
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
}
