package org.spmonitor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** SPMONITOR_LOG_FORMAT chooses Spring Boot's structured console format; Boot's own property wins. */
class PlatformDefaultsTest {

    private static MockEnvironment processed(MockEnvironment environment) {
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void jsonMeansEcsLinesAndTheOtherStructuredFormatsPassThrough() {
        assertThat(processed(new MockEnvironment().withProperty(PlatformDefaults.LOG_FORMAT, "JSON"))
                .getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(processed(new MockEnvironment().withProperty(PlatformDefaults.LOG_FORMAT, "logstash"))
                .getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void textOrNothingKeepsPlainLines() {
        assertThat(processed(new MockEnvironment()).containsProperty("logging.structured.format.console")).isFalse();
        assertThat(processed(new MockEnvironment().withProperty(PlatformDefaults.LOG_FORMAT, "text"))
                .containsProperty("logging.structured.format.console")).isFalse();
    }

    @Test
    void bootsOwnPropertyWins() {
        MockEnvironment environment = new MockEnvironment().withProperty(PlatformDefaults.LOG_FORMAT, "json")
                .withProperty("logging.structured.format.console", "gelf");

        assertThat(processed(environment).getProperty("logging.structured.format.console")).isEqualTo("gelf");
    }

    @Test
    void anUnknownFormatStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> processed(new MockEnvironment().withProperty(PlatformDefaults.LOG_FORMAT, "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPMONITOR_LOG_FORMAT");
    }
}
