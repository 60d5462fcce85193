package org.spmonitor.local;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spmonitor.platform.security.Caller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded issuer (Spring Authorization Server) over real HTTP: people sign in by authorization code
 * with PKCE through the login page, machines get tokens by the client-credentials grant, both with the
 * claims the services read and verifiable with the JWK set. One issuer for the class.
 */
class LocalTokenIssuerTest {

    private static final String DASHBOARD = "http://127.0.0.1:8080";
    private static final String REDIRECT_URI = DASHBOARD + "/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-the-verifier-of-this-test";

    @TempDir
    static Path data;

    private static LocalTokenIssuer issuer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        issuer = LocalTokenIssuer.start(data.resolve("issuer"), 0, Set.of(DASHBOARD, "http://localhost:8080"));
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    // ---- machines: client-credentials grant

    @Test
    void reporterTokenCarriesTheRolesAndCountriesTheServicesReadAndVerifiesWithTheJwkSet() throws Exception {
        HttpResponse<String> response = requestToken(basic("demo-reporter", "demo-reporter-secret"),
                "grant_type=client_credentials");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isBetween(3590L, 3600L);
        Jwt jwt = decoder().decode(body.path("access_token").asString());
        Caller caller = Caller.of(jwt);
        assertThat(caller.name()).isEqualTo("demo-reporter");
        assertThat(caller.roles()).containsExactly("reporter");
        assertThat(caller.countries()).containsExactlyInAnyOrder("KHM", "SEN");
        assertThat(caller.canWriteFor("KHM")).isTrue();
        assertThat(caller.canWriteFor("UGA")).isFalse();
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("demo-reporter");
        assertThat(jwt.getExpiresAt()).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
    }

    @Test
    void validatorTokenReviewsItsCountriesAndWritesNoFigures() throws Exception {
        HttpResponse<String> response = requestToken(basic("demo-validator", "demo-validator-secret"),
                "grant_type=client_credentials");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Caller caller = Caller.of(decoder().decode(json.readTree(response.body()).path("access_token").asString()));
        assertThat(caller.roles()).containsExactly("validator");
        assertThat(caller.countries()).containsExactlyInAnyOrder("KHM", "SEN");
        assertThat(caller.canReviewFor("SEN")).isTrue();
        assertThat(caller.canReviewFor("UGA")).isFalse();
        assertThat(caller.canWriteFor("KHM")).isFalse();
    }

    @Test
    void clientMayAuthenticateWithFormParametersInstead() throws Exception {
        HttpResponse<String> response = requestToken(null,
                "grant_type=client_credentials&client_id=demo-admin&client_secret=demo-admin-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = decoder().decode(json.readTree(response.body()).path("access_token").asString());
        assertThat(Caller.of(jwt).isAdmin()).isTrue();
        assertThat(Caller.of(jwt).countries()).isEmpty();
    }

    @Test
    void wrongSecretIsAnInvalidClientAndOtherGrantsAreRefused() throws Exception {
        HttpResponse<String> wrongSecret = requestToken(basic("demo-admin", "demo-viewer-secret"),
                "grant_type=client_credentials");
        HttpResponse<String> unknownClient = requestToken(basic("someone", "demo-admin-secret"),
                "grant_type=client_credentials");
        HttpResponse<String> password = requestToken(basic("demo-viewer", "demo-viewer-secret"),
                "grant_type=password&username=donor&password=donor-password");
        HttpResponse<String> webAppWithoutUser = requestToken(null,
                "grant_type=client_credentials&client_id=" + LocalTokenIssuer.WEB_CLIENT_ID);

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrongSecret.body()).path("error").asString()).isEqualTo("invalid_client");
        assertThat(unknownClient.statusCode()).isEqualTo(401);
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(json.readTree(password.body()).path("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(webAppWithoutUser.statusCode()).as("the public web client gets no token of its own")
                .isEqualTo(401);
    }

    // ---- people: authorization code with PKCE, the login page

    @Test
    void countryTeamSignsInByAuthorizationCodeWithPkceAndGetsItsRolesAndCountries() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> authorize = browser.get(authorizeUrl("state-1", "nonce-1", challenge(VERIFIER)));
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(location(authorize)).isEqualTo(issuer.issuer() + "/login");
        HttpResponse<String> loginPage = browser.get(location(authorize));
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("<html lang=\"en\">", "<label for=\"username\">User name</label>",
                "<label for=\"password\">Password</label>", "autofocus", "country-team");
        HttpResponse<String> signedIn = browser.postForm(issuer.issuer() + "/login", Map.of("username", "country-team",
                "password", "country-team-password", "_csrf", csrf(loginPage.body())));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> redirected = browser.get(location(signedIn));
        assertThat(redirected.statusCode()).as(redirected.body()).isEqualTo(302);
        URI back = URI.create(location(redirected));
        assertThat(back.getScheme() + "://" + back.getAuthority() + back.getPath()).isEqualTo(REDIRECT_URI);
        Map<String, String> answer = query(back);
        assertThat(answer).containsEntry("state", "state-1").containsKey("code");

        HttpResponse<String> token = exchange(answer.get("code"), VERIFIER);

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        JsonNode body = json.readTree(token.body());
        assertThat(body.has("refresh_token")).as("no refresh token for a public client").isFalse();
        Jwt access = decoder().decode(body.path("access_token").asString());
        Caller caller = Caller.of(access);
        assertThat(caller.name()).isEqualTo("country-team");
        assertThat(caller.roles()).containsExactly("reporter");
        assertThat(caller.countries()).containsExactlyInAnyOrder("KHM", "SEN");
        assertThat(access.getClaimAsString("preferred_username")).isEqualTo("country-team");
        Jwt id = decoder().decode(body.path("id_token").asString());
        assertThat(id.getClaimAsString("nonce")).isEqualTo("nonce-1");
        assertThat(id.getAudience()).containsExactly(LocalTokenIssuer.WEB_CLIENT_ID);
        assertThat(id.getClaimAsString("name")).isEqualTo("Demo country team (Cambodia, Senegal)");

        // the same code again, or a code with another verifier, gives nothing
        assertThat(exchange(answer.get("code"), VERIFIER).statusCode()).isEqualTo(400);

        // signed in at the issuer: the next authorization (renewal) needs no password
        HttpResponse<String> renewal = browser.get(authorizeUrl("state-2", "nonce-2", challenge(VERIFIER)));
        assertThat(renewal.statusCode()).isEqualTo(302);
        assertThat(query(URI.create(location(renewal)))).containsEntry("state", "state-2").containsKey("code");

        // RP-initiated logout ends that session and returns to the web app
        HttpResponse<String> logout = browser.get(issuer.endSessionEndpoint() + "?id_token_hint="
                + body.path("id_token").asString() + "&post_logout_redirect_uri=" + encode(REDIRECT_URI)
                + "&state=bye");
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(location(logout)).isEqualTo(REDIRECT_URI + "?state=bye");
        HttpResponse<String> afterLogout = browser.get(authorizeUrl("state-3", "nonce-3", challenge(VERIFIER)));
        assertThat(location(afterLogout)).isEqualTo(issuer.issuer() + "/login");
    }

    @Test
    void donorAndAdminTokensCarryTheirRoles() throws Exception {
        assertThat(Caller.of(decoder().decode(signIn("donor", "donor-password"))).roles()).containsExactly("viewer");
        Caller admin = Caller.of(decoder().decode(signIn("admin", "admin-password")));
        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.name()).isEqualTo("admin");
    }

    @Test
    void wrongPasswordIsRefusedOnTheLoginPageAndGivesNoCode() throws Exception {
        Browser browser = new Browser();
        browser.get(authorizeUrl("s", "n", challenge(VERIFIER)));
        HttpResponse<String> loginPage = browser.get(issuer.issuer() + "/login");

        HttpResponse<String> refused = browser.postForm(issuer.issuer() + "/login", Map.of("username", "donor",
                "password", "country-team-password", "_csrf", csrf(loginPage.body())));

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused)).isEqualTo(issuer.issuer() + "/login?error");
        HttpResponse<String> again = browser.get(location(refused));
        assertThat(again.body()).contains("role=\"alert\"", "not accepted", "aria-invalid=\"true\"");
        HttpResponse<String> stillNotSignedIn = browser.get(authorizeUrl("s", "n", challenge(VERIFIER)));
        assertThat(location(stillNotSignedIn)).isEqualTo(issuer.issuer() + "/login");
    }

    @Test
    void authorizationWithoutPkceOrForAForeignRedirectIsRefused() throws Exception {
        Browser browser = new Browser();
        String code = signInAndGetCode(browser, "donor", "donor-password", challenge(VERIFIER));

        HttpResponse<String> noChallenge = browser.get(issuer.authorizationEndpoint() + "?response_type=code&client_id="
                + LocalTokenIssuer.WEB_CLIENT_ID + "&redirect_uri=" + encode(REDIRECT_URI) + "&scope=openid&state=x");
        HttpResponse<String> foreign = browser.get(authorizeUrl("x", "n", challenge(VERIFIER))
                .replace(encode(REDIRECT_URI), encode("http://evil.example/")));
        HttpResponse<String> wrongVerifier = exchange(code, VERIFIER + "-not");

        assertThat(query(URI.create(location(noChallenge)))).containsEntry("error", "invalid_request");
        assertThat(foreign.statusCode()).as("never redirected to an unregistered URI").isEqualTo(400);
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongVerifier.body()).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void theWebAppMayCallTheTokenEndpointFromTheBrowserButNoOtherOrigin() throws Exception {
        HttpResponse<Void> fromDashboard = preflight(DASHBOARD);
        HttpResponse<Void> fromLocalhost = preflight("http://localhost:8080");
        HttpResponse<Void> fromElsewhere = preflight("http://evil.example");

        assertThat(fromDashboard.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(fromLocalhost.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void tokensStayValidAcrossARestartBecauseTheSigningKeyIsKeptInTheDataDirectory(@TempDir Path own)
            throws Exception {
        LocalTokenIssuer first = LocalTokenIssuer.start(own, 0, Set.of(DASHBOARD));
        String token;
        int port;
        try {
            token = json.readTree(http.send(HttpRequest.newBuilder(first.tokenEndpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basic("demo-viewer", "demo-viewer-secret"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asString();
            port = first.tokenEndpoint().getPort();
        }
        finally {
            first.close();
        }

        try (LocalTokenIssuer second = LocalTokenIssuer.start(own, port, Set.of(DASHBOARD))) {
            assertThat(own.resolve(LocalTokenIssuer.KEY_FILE)).exists();
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(second.jwkSetUri().toString()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(second.issuer()));
            assertThat(Caller.of(decoder.decode(token)).roles()).containsExactly("viewer");
        }
    }

    // ---- helpers

    /** A user agent with cookies that does not follow redirects, so that each step can be checked. */
    private final class Browser {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String url, Map<String, String> form) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private String signIn(String username, String password) throws Exception {
        String code = signInAndGetCode(new Browser(), username, password, challenge(VERIFIER));
        HttpResponse<String> token = exchange(code, VERIFIER);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return json.readTree(token.body()).path("access_token").asString();
    }

    private String signInAndGetCode(Browser browser, String username, String password, String challenge)
            throws Exception {
        browser.get(authorizeUrl("s", "n", challenge));
        HttpResponse<String> loginPage = browser.get(issuer.issuer() + "/login");
        HttpResponse<String> signedIn = browser.postForm(issuer.issuer() + "/login", Map.of("username", username,
                "password", password, "_csrf", csrf(loginPage.body())));
        HttpResponse<String> redirected = browser.get(location(signedIn));
        return query(URI.create(location(redirected))).get("code");
    }

    private HttpResponse<String> exchange(String code, String verifier) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(issuer.tokenEndpoint()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", DASHBOARD)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT_URI, "client_id", LocalTokenIssuer.WEB_CLIENT_ID,
                        "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorizeUrl(String state, String nonce, String challenge) {
        return issuer.authorizationEndpoint() + "?response_type=code&client_id=" + LocalTokenIssuer.WEB_CLIENT_ID
                + "&redirect_uri=" + encode(REDIRECT_URI) + "&scope=" + encode("openid profile") + "&state=" + state
                + "&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String csrf(String loginPage) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(matcher.find()).as("the login form carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no redirect, status " + response.statusCode()));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(pair.substring(0, eq < 0 ? pair.length() : eq), eq < 0 ? ""
                        : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private NimbusJwtDecoder decoder() {
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
        return http.send(HttpRequest.newBuilder(issuer.tokenEndpoint()).timeout(Duration.ofSeconds(5))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }
}
