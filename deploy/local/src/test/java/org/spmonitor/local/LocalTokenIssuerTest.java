package org.spmonitor.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spmonitor.platform.security.Caller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokenIssuerTest {

    private static final String DASHBOARD = "http://127.0.0.1:8080";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private LocalTokenIssuer issuer;

    @AfterEach
    void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void reporterTokenCarriesTheRolesAndCountriesTheServicesReadAndVerifiesWithTheJwkSet() throws Exception {
        issuer = LocalTokenIssuer.start(data, 0, Set.of(DASHBOARD));

        HttpResponse<String> response = requestToken(basic("demo-reporter", "demo-reporter-secret"),
                "grant_type=client_credentials");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        Jwt jwt = decoder(issuer).decode(body.path("access_token").asString());
        Caller caller = Caller.of(jwt);
        assertThat(caller.name()).isEqualTo("demo-reporter");
        assertThat(caller.roles()).containsExactly("reporter");
        assertThat(caller.countries()).containsExactlyInAnyOrder("KHM", "SEN");
        assertThat(caller.canWriteFor("KHM")).isTrue();
        assertThat(caller.canWriteFor("UGA")).isFalse();
        assertThat(jwt.getExpiresAt()).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
    }

    @Test
    void validatorTokenReviewsItsCountriesAndWritesNoFigures() throws Exception {
        issuer = LocalTokenIssuer.start(data, 0, Set.of(DASHBOARD));

        HttpResponse<String> response = requestToken(basic("demo-validator", "demo-validator-secret"),
                "grant_type=client_credentials");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Caller caller = Caller.of(decoder(issuer).decode(json.readTree(response.body()).path("access_token").asString()));
        assertThat(caller.roles()).containsExactly("validator");
        assertThat(caller.countries()).containsExactlyInAnyOrder("KHM", "SEN");
        assertThat(caller.canReviewFor("SEN")).isTrue();
        assertThat(caller.canReviewFor("UGA")).isFalse();
        assertThat(caller.canWriteFor("KHM")).isFalse();
    }

    @Test
    void clientMayAuthenticateWithFormParametersInstead() throws Exception {
        issuer = LocalTokenIssuer.start(data, 0, Set.of(DASHBOARD));

        HttpResponse<String> response = requestToken(null,
                "grant_type=client_credentials&client_id=demo-admin&client_secret=demo-admin-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = decoder(issuer).decode(json.readTree(response.body()).path("access_token").asString());
        assertThat(Caller.of(jwt).isAdmin()).isTrue();
    }

    @Test
    void wrongSecretIsAnInvalidClientAndOtherGrantsAreUnsupported() throws Exception {
        issuer = LocalTokenIssuer.start(data, 0, Set.of(DASHBOARD));

        HttpResponse<String> wrongSecret = requestToken(basic("demo-admin", "demo-viewer-secret"),
                "grant_type=client_credentials");
        HttpResponse<String> unknownClient = requestToken(basic("someone", "demo-admin-secret"),
                "grant_type=client_credentials");
        HttpResponse<String> password = requestToken(basic("demo-viewer", "demo-viewer-secret"),
                "grant_type=password&username=a&password=b");

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic"));
        assertThat(json.readTree(wrongSecret.body()).path("error").asString()).isEqualTo("invalid_client");
        assertThat(unknownClient.statusCode()).isEqualTo(401);
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(json.readTree(password.body()).path("error").asString()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void theDonorDashboardMaySignInFromTheBrowserButNoOtherOrigin() throws Exception {
        issuer = LocalTokenIssuer.start(data, 0, Set.of(DASHBOARD));

        HttpResponse<Void> fromDashboard = preflight(DASHBOARD);
        HttpResponse<Void> fromElsewhere = preflight("http://evil.example");

        assertThat(fromDashboard.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(fromDashboard.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                value -> assertThat(value).contains("Authorization"));
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void tokensStayValidAcrossARestartBecauseTheSigningKeyIsKeptInTheDataDirectory() throws Exception {
        issuer = LocalTokenIssuer.start(data, 0, Set.of(DASHBOARD));
        String token = json.readTree(requestToken(basic("demo-viewer", "demo-viewer-secret"),
                "grant_type=client_credentials").body()).path("access_token").asString();
        int port = issuer.tokenEndpoint().getPort();
        issuer.close();

        issuer = LocalTokenIssuer.start(data, port, Set.of(DASHBOARD));

        assertThat(data.resolve(LocalTokenIssuer.KEY_FILE)).exists();
        assertThat(Caller.of(decoder(issuer).decode(token)).roles()).containsExactly("viewer");
    }

    private NimbusJwtDecoder decoder(LocalTokenIssuer issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri().toString()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer.issuer()));
        return decoder;
    }

    private HttpResponse<String> requestToken(String authorization, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(issuer.tokenEndpoint()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<Void> preflight(String origin) throws IOException, InterruptedException {
        URI endpoint = issuer.tokenEndpoint();
        return http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }
}
