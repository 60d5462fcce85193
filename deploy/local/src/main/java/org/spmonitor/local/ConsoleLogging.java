package org.spmonitor.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.spmonitor.platform.PlatformDefaults;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The one console log that the broker, the Mongo-wire server and the four services share. */
final class ConsoleLogging {

    /** Loggers that say too much at INFO for a console that four services share. */
    private static final List<String> QUIET_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger",
            "org.mongodb.driver", "de.bwaldvogel.mongo");

    /**
     * mongo-java-server warns at every start that it ignores non-unique compound indexes (the outbox
     * index of each service); queries still answer the same, only without the index.
     */
    private static final String IGNORED_INDEX_LOGGER = "de.bwaldvogel.mongo.backend.AbstractMongoDatabase";

    /**
     * Initialises Spring Boot's logging once, before the services start in parallel: each then finds it
     * initialised and only applies its own {@code logging.level.*}, instead of four threads resetting
     * Logback at the same time.
     */
    static void initialize() {
        LoggingSystem logging = LoggingSystem.get(ConsoleLogging.class.getClassLoader());
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> local = new HashMap<>();
        // one log for four services: an application name in every line would be the wrong one for three
        local.put("logging.include-application-name", "false");
        // the trace and span ids of each line ([traceId-spanId], or MDC fields of the JSON formats)
        local.put("logging.expect-correlation-id", "true");
        // SPMONITOR_LOG_FORMAT=json (or -Dspmonitor.log-format=json): JSON lines, as in the services
        PlatformDefaults.structuredConsoleFormat(environment)
                .ifPresent(format -> local.put("logging.structured.format.console", format));
        environment.getPropertySources().addFirst(new MapPropertySource("spmonitorLocalLogging", local));
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        QUIET_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.WARN));
        logging.setLogLevel(IGNORED_INDEX_LOGGER, LogLevel.ERROR);
    }

    private ConsoleLogging() {
    }
}
