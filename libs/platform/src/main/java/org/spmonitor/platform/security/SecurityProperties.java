package org.spmonitor.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwkSetUri where the token issuer publishes its signing keys (the embedded issuer by default)
 * @param publicKeyLocation a PEM public key to trust instead of a JWK set (tests, air-gapped installs)
 * @param issuer when set, tokens must carry this {@code iss}
 * @param writesPerMinute write requests (POST, PUT, PATCH, DELETE) each client may make per minute
 * @param maxBodyBytes largest request body accepted, except on {@code uploadPaths}
 * @param maxUploadBytes largest body accepted on {@code uploadPaths} (CSV and DHIS2 imports)
 * @param uploadPaths path prefixes of bulk uploads
 * @param publicPaths GET paths anyone may read (the web dashboard's static shell, API docs)
 * @param connectOrigins origins a page of ours may call besides itself (the token issuer), for the CSP
 * @param allowedOrigins origins of the web app whose pages may call this service's API from the browser
 *        (CORS); by default the embedded web app, served by reporting-service on port 8080
 */
@ConfigurationProperties("spmonitor.security")
public record SecurityProperties(String jwkSetUri, String publicKeyLocation, String issuer, int writesPerMinute,
        long maxBodyBytes, long maxUploadBytes, List<String> uploadPaths, List<String> publicPaths,
        List<String> connectOrigins, List<String> allowedOrigins) {

    public SecurityProperties {
        jwkSetUri = jwkSetUri == null ? "http://127.0.0.1:9000/oauth2/jwks" : jwkSetUri;
        writesPerMinute = writesPerMinute <= 0 ? 600 : writesPerMinute;
        maxBodyBytes = maxBodyBytes <= 0 ? 5L * 1024 * 1024 : maxBodyBytes;
        maxUploadBytes = maxUploadBytes <= 0 ? 512L * 1024 * 1024 : maxUploadBytes;
        uploadPaths = uploadPaths == null ? List.of("/api/v1/beneficiary-counts/imports",
                "/api/v1/exchange-rates/imports", "/api/v1/financing-reports/imports")
                : List.copyOf(uploadPaths);
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        connectOrigins = connectOrigins == null ? List.of("http://127.0.0.1:9000", "http://localhost:9000")
                : List.copyOf(connectOrigins);
        allowedOrigins = allowedOrigins == null ? List.of("http://127.0.0.1:8080", "http://localhost:8080")
                : List.copyOf(allowedOrigins);
    }
}
