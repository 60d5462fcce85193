package org.spmonitor.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Each service reads its own {@code <service-name>.yml} rather than {@code application.yml}, so that
 * the four services can share one classpath (the embedded local stack runs them in one JVM). The
 * name comes from the main class: {@code ProgrammeServiceApplication} reads {@code programme-service.yml}.
 * An explicit {@code spring.config.name} wins.
 */
public class ServiceConfigName implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.config.name")) {
            return;
        }
        application.getAllSources().stream()
                .filter(Class.class::isInstance).map(Class.class::cast)
                .map(Class::getSimpleName)
                .filter(name -> name.endsWith("ServiceApplication"))
                .findFirst()
                .map(ServiceConfigName::configName)
                .ifPresent(name -> environment.getPropertySources().addLast(new MapPropertySource(
                        "spmonitorServiceConfigName", Map.of("spring.config.name", name))));
    }

    /** {@code ProgrammeServiceApplication} becomes {@code programme-service}. */
    static String configName(String mainClassName) {
        String base = mainClassName.substring(0, mainClassName.length() - "Application".length());
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
