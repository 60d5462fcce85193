package org.spmonitor.platform.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.PlatformProperties;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.web.WebKitAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Every service serves the AsyncAPI document unless an operator turns it off. */
class AsyncApiControllerConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebKitAutoConfiguration.class))
            .withBean(EventCodec.class, () -> new EventCodec("/spmonitor/test"))
            .withBean(PlatformProperties.class, () -> new PlatformProperties(true, 0, (short) 0, 0));

    @Test
    void servesTheDocumentByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(AsyncApiController.class));
    }

    @Test
    void anOperatorCanTurnItOff() {
        runner.withPropertyValues("spmonitor.asyncapi.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AsyncApiController.class));
    }
}
