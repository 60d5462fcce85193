package org.spmonitor.reporting.web;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.json}: the donor web page's settings (where to get a token), readable without a
 * token because the page needs them to sign in. Holds no secret.
 */
@RestController
@EnableConfigurationProperties(DonorWebProperties.class)
class DonorWebConfigController {

    private final DonorWebProperties properties;

    DonorWebConfigController(DonorWebProperties properties) {
        this.properties = properties;
    }

    @Operation(summary = "Settings of the donor web page", description = "The OAuth2 token endpoint the page "
            + "exchanges a client id and secret at (client-credentials grant), and the client id it suggests. Public.")
    @GetMapping("/config.json")
    WebConfig config() {
        return new WebConfig(properties.tokenEndpoint(), properties.defaultClientId());
    }

    record WebConfig(String tokenEndpoint, String defaultClientId) {
    }
}
