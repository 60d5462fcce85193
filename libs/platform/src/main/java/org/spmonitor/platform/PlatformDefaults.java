package org.spmonitor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code spmonitor-platform-defaults.properties} as the lowest-priority property source, so every
 * service shares the same Kafka, Jackson, actuator and metrics defaults and may still override them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("spmonitorPlatformDefaults",
                    new ClassPathResource("spmonitor-platform-defaults.properties")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
