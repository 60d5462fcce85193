package org.spmonitor.reporting.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the donor web page needs to know to sign in.
 *
 * @param tokenEndpoint the OAuth2 token endpoint the page posts the client-credentials grant to (the
 *        embedded local issuer by default; the organisation's identity provider in production)
 * @param defaultClientId the client id the sign-in dialog suggests ({@code demo-viewer}); blank for none
 */
@ConfigurationProperties("spmonitor.web")
public record DonorWebProperties(String tokenEndpoint, String defaultClientId) {

    public DonorWebProperties {
        tokenEndpoint = tokenEndpoint == null || tokenEndpoint.isBlank() ? "http://127.0.0.1:9000/oauth2/token"
                : tokenEndpoint.strip();
        defaultClientId = defaultClientId == null ? "" : defaultClientId.strip();
    }
}
