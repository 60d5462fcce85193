package org.spmonitor.reporting.web;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.json}: the web app's settings: where it signs people in (the issuer's endpoints, the
 * public client id) and where the write services are that the country team workspace calls; readable
 * without a token because the pages need them to sign in. Holds no secret.
 */
@RestController
@EnableConfigurationProperties({ DonorWebProperties.class, WriteApiProperties.class })
class DonorWebConfigController {

    private final DonorWebProperties properties;
    private final WriteApiProperties apis;

    DonorWebConfigController(DonorWebProperties properties, WriteApiProperties apis) {
        this.properties = properties;
        this.apis = apis;
    }

    @Operation(summary = "Sign-in settings of the web app", description = "Where the page signs people in with the "
            + "OAuth2 authorization code flow and PKCE: the issuer's authorization, token and end-session endpoints, "
            + "the web app's public client id (no secret) and the scopes; and the base URLs of the write services the "
            + "country team workspace calls. Public.")
    @GetMapping("/config.json")
    WebConfig config() {
        return new WebConfig(properties.authorizationEndpoint(), properties.tokenEndpoint(),
                properties.endSessionEndpoint(), properties.clientId(), properties.scope(), apis.programmeApi(),
                apis.financingApi(), apis.beneficiaryApi());
    }

    record WebConfig(String authorizationEndpoint, String tokenEndpoint, String endSessionEndpoint, String clientId,
            String scope, String programmeApi, String financingApi, String beneficiaryApi) {
    }
}
