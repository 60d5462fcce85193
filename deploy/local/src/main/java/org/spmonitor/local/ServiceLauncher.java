package org.spmonitor.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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

    private final LocalStackSettings settings;
    private final ClientOptions clientOptions;
    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final LocalTokenIssuer issuer;

    ServiceLauncher(LocalStackSettings settings, ClientOptions clientOptions, String kafkaBootstrapServers,
            String mongoUri, LocalTokenIssuer issuer) {
        this.settings = settings;
        this.clientOptions = clientOptions;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.issuer = issuer;
    }

    /** Starts all four in parallel; if one fails, closes those that started and throws, naming each failure. */
    Map<LocalService, ConfigurableApplicationContext> startAll() {
        ExecutorService starter = Executors.newFixedThreadPool(LocalService.values().length);
        Map<LocalService, Future<ConfigurableApplicationContext>> starting = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            starting.put(service, starter.submit(() -> {
                // the thread column of the log says which service is starting
                Thread.currentThread().setName(service.serviceName().replace("-service", ""));
                return start(service);
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
            closeAll(started);
            StringBuilder message = new StringBuilder();
            failed.forEach((service, cause) -> message.append(System.lineSeparator()).append("  ")
                    .append(service.serviceName()).append(": ").append(rootCause(cause)));
            LocalStackException ex = new LocalStackException("service(s) failed to start:" + message);
            failed.values().forEach(ex::addSuppressed);
            throw ex;
        }
        return Collections.unmodifiableMap(started);
    }

    /** Starts one service with the same port, configuration and database at every start. */
    ConfigurableApplicationContext start(LocalService service) {
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
                // the stack closes the services, in order, before the broker and the Mongo server
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

    /** Closes the running services among {@code services}, writers first. */
    static void closeAll(Map<LocalService, ConfigurableApplicationContext> services) {
        for (LocalService service : CLOSE_ORDER) {
            ConfigurableApplicationContext context = services.get(service);
            if (context != null) {
                Closing.quietly(service.serviceName(), context);
            }
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
