package org.spmonitor.testsupport;

import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a Spring test context at the {@link SharedInfrastructure}: the shared broker, and a fresh
 * database of the shared Mongo-wire server, so cached contexts never see each other's data.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = context.getEnvironment().getProperty("spring.application.name", "test") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri=" + SharedInfrastructure.mongoUri(database),
                "spmonitor.outbox.poll-interval=200ms",
                // reporting-service: tests run the overdue check themselves, with a clock they choose (ADR 0020)
                "spmonitor.completeness.overdue-check.enabled=false",
                "spmonitor.security.public-key-location=" + TestTokens.publicKeyLocation());
    }
}
