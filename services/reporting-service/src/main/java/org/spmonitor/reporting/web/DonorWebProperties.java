package org.spmonitor.reporting.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the web app needs to know to sign people in: the OAuth2/OIDC issuer's endpoints and the web app's
 * public client (authorization code with PKCE, no secret). The embedded local issuer by default; the
 * organisation's identity provider (Keycloak in docker-compose) in production.
 *
 * @param authorizationEndpoint where the browser goes to sign in
 * @param tokenEndpoint where the page exchanges the code and its PKCE verifier for the tokens (the issuer
 *        must allow the page's origin: CORS)
 * @param endSessionEndpoint the issuer's sign-out (OIDC RP-initiated logout); blank when it has none
 * @param clientId the web app's public client id ({@code spmonitor-web})
 * @param scope the scopes asked for ({@code openid profile})
 */
@ConfigurationProperties("spmonitor.web")
public record DonorWebProperties(String authorizationEndpoint, String tokenEndpoint, String endSessionEndpoint,
        String clientId, String scope) {

    private static final String LOCAL_ISSUER = "http://127.0.0.1:9000";

    public DonorWebProperties {
        authorizationEndpoint = orDefault(authorizationEndpoint, LOCAL_ISSUER + "/oauth2/authorize");
        tokenEndpoint = orDefault(tokenEndpoint, LOCAL_ISSUER + "/oauth2/token");
        endSessionEndpoint = endSessionEndpoint == null ? LOCAL_ISSUER + "/connect/logout" : endSessionEndpoint.strip();
        clientId = orDefault(clientId, "spmonitor-web");
        scope = orDefault(scope, "openid profile");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
