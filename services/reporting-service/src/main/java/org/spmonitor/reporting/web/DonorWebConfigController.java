package org.spmonitor.reporting.web;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config.json}: the web pages' settings (where to get a token, where the write services
 * are), readable without a token because the pages need them to sign in. Holds no secret.
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

    @Operation(summary = "Settings of the donor web page", description = "The OAuth2 token endpoint the page "
            + "exchanges a client id and secret at (client-credentials grant), the client id it suggests, and the base "
            + "URLs of the write services the country team workspace calls. Public.")
    @GetMapping("/config.json")
    WebConfig config() {
        return new WebConfig(properties.tokenEndpoint(), properties.defaultClientId(), apis.programmeApi(),
                apis.financingApi(), apis.beneficiaryApi());
    }

    record WebConfig(String tokenEndpoint, String defaultClientId, String programmeApi, String financingApi,
            String beneficiaryApi) {
    }
}
