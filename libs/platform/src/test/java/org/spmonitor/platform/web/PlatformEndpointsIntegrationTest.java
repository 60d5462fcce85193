package org.spmonitor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

/** What every service exposes through the platform: health against the real Mongo-wire server. */
@SpmonitorIntegrationTest
class PlatformEndpointsIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpAgainstTheMongoWireServerAndKafka() {
        ApiClient.Response health = ApiClient.at(port).get("/actuator/health?showDetails=always");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }
}
