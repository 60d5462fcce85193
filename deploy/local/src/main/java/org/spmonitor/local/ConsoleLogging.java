package org.spmonitor.local;

import java.util.List;
import java.util.Map;

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
        // one log for four services: an application name in every line would be the wrong one for three
        environment.getPropertySources().addFirst(new MapPropertySource("spmonitorLocalLogging",
                Map.of("logging.include-application-name", "false")));
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        QUIET_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.WARN));
        logging.setLogLevel(IGNORED_INDEX_LOGGER, LogLevel.ERROR);
    }

    private ConsoleLogging() {
    }
}
