package org.spmonitor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code spmonitor-platform-defaults.properties} as the lowest-priority property source, so every
 * service shares the same Kafka, Jackson, actuator and metrics defaults and may still override them;
 * and turns {@value #LOG_FORMAT} ({@code SPMONITOR_LOG_FORMAT}) into Spring Boot's structured console
 * log format.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    /**
     * {@code text} (the default), {@code json} (= {@code ecs}), or a Boot format: {@code ecs},
     * {@code logstash}, {@code gelf}.
     */
    public static final String LOG_FORMAT = "spmonitor.log-format";

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("spmonitorPlatformDefaults",
                    new ClassPathResource("spmonitor-platform-defaults.properties")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        structuredConsoleFormat(environment).ifPresent(format -> environment.getPropertySources().addLast(
                new MapPropertySource("spmonitorLogFormat", Map.of(STRUCTURED_CONSOLE, format))));
    }

    /**
     * The structured console format {@value #LOG_FORMAT} asks for ({@code json} is ECS), unless
     * {@value #STRUCTURED_CONSOLE} is set itself; empty for plain text.
     *
     * @throws IllegalArgumentException for a format that is none of these
     */
    public static Optional<String> structuredConsoleFormat(PropertyResolver environment) {
        String format = environment.getProperty(LOG_FORMAT, "text").trim().toLowerCase(Locale.ROOT);
        if (environment.containsProperty(STRUCTURED_CONSOLE)) {
            return Optional.empty();
        }
        return switch (format) {
            case "", "text" -> Optional.empty();
            case "json" -> Optional.of("ecs");
            case "ecs", "logstash", "gelf" -> Optional.of(format);
            default -> throw new IllegalArgumentException(LOG_FORMAT + " (SPMONITOR_LOG_FORMAT) is '" + format
                    + "': use text, json, ecs, logstash or gelf");
        };
    }
}
