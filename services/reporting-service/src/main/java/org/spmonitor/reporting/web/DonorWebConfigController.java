package org.spmonitor.reporting.web;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.json}: the web app's sign-in settings (the issuer's endpoints, the public client id),
 * readable without a token because the page needs them to sign in. Holds no secret.
 */
@RestController
@EnableConfigurationProperties(DonorWebProperties.class)
class DonorWebConfigController {

    private final DonorWebProperties properties;

    DonorWebConfigController(DonorWebProperties properties) {
        this.properties = properties;
    }

    @Operation(summary = "Sign-in settings of the web app", description = "Where the page signs people in with the "
            + "OAuth2 authorization code flow and PKCE: the issuer's authorization, token and end-session endpoints, "
            + "the web app's public client id (no secret) and the scopes. Public.")
    @GetMapping("/config.json")
    WebConfig config() {
        return new WebConfig(properties.authorizationEndpoint(), properties.tokenEndpoint(),
                properties.endSessionEndpoint(), properties.clientId(), properties.scope());
    }

    record WebConfig(String authorizationEndpoint, String tokenEndpoint, String endSessionEndpoint, String clientId,
            String scope) {
    }
}
