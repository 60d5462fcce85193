package org.spmonitor.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The embedded default's OAuth2 token issuer (DESIGN.md "Security"): the client-credentials grant
 * (RFC 6749 4.4) for three demo clients with published secrets, RS256 access tokens carrying the
 * {@code roles} and {@code countries} claims the services read, and the JWK set they verify them with.
 * For one machine and demonstrations only: no users, no refresh tokens, plaintext on loopback.
 * <p>
 * The signing key is kept in the data directory, so tokens stay valid across restarts until they
 * expire (after an hour).
 */
final class LocalTokenIssuer implements AutoCloseable {

    static final String TOKEN_PATH = "/oauth2/token";
    static final String JWKS_PATH = "/oauth2/jwks";
    static final String METADATA_PATH = "/.well-known/oauth-authorization-server";
    static final String KEY_FILE = "signing-key.pem";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** The demo clients, the same as those of the Keycloak realm of docker-compose. */
    static final List<DemoClient> CLIENTS = List.of(
            new DemoClient("demo-admin", "demo-admin-secret", List.of("admin"), List.of()),
            new DemoClient("demo-viewer", "demo-viewer-secret", List.of("viewer"), List.of()),
            new DemoClient("demo-reporter", "demo-reporter-secret", List.of("reporter"), List.of("KHM", "SEN")),
            new DemoClient("demo-validator", "demo-validator-secret", List.of("validator"), List.of("KHM", "SEN")),
            new DemoClient("prometheus", "prometheus-secret", List.of("metrics"), List.of()));

    private static final int MAX_BODY_BYTES = 8 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record DemoClient(String id, String secret, List<String> roles, List<String> countries) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final String keyId;
    private final JwtEncoder encoder;
    private final String jwkSet;
    private final Set<String> allowedOrigins;

    private LocalTokenIssuer(HttpServer server, ExecutorService executor, String issuer, RSAKey key,
            Set<String> allowedOrigins) {
        this.server = server;
        this.executor = executor;
        this.issuer = issuer;
        this.keyId = key.getKeyID();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        this.jwkSet = new JWKSet(key.toPublicJWK()).toString();
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * Starts the issuer on {@code 127.0.0.1:port}, with the signing key of {@code directory} (created on
     * first use). {@code allowedOrigins} may call the token endpoint from a browser (the donor dashboard).
     */
    static LocalTokenIssuer start(Path directory, int port, Set<String> allowedOrigins) {
        RSAKey key = signingKey(directory);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(Ports.HOST, port), 50);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not listen on " + Ports.HOST + ":" + port, ex);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "token-issuer");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        String issuer = "http://" + Ports.HOST + ":" + server.getAddress().getPort();
        LocalTokenIssuer tokenIssuer = new LocalTokenIssuer(server, executor, issuer, key, allowedOrigins);
        server.createContext("/", tokenIssuer::handle);
        server.start();
        return tokenIssuer;
    }

    /** {@code http://127.0.0.1:9000}: the {@code iss} of every token. */
    String issuer() {
        return issuer;
    }

    URI tokenEndpoint() {
        return URI.create(issuer + TOKEN_PATH);
    }

    URI jwkSetUri() {
        return URI.create(issuer + JWKS_PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (TOKEN_PATH.equals(path)) {
                switch (method) {
                    case "POST" -> token(exchange);
                    case "OPTIONS" -> preflight(exchange);
                    default -> methodNotAllowed(exchange, "POST, OPTIONS");
                }
            }
            else if (JWKS_PATH.equals(path)) {
                if ("GET".equals(method)) {
                    exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
                    send(exchange, 200, jwkSet);
                }
                else {
                    methodNotAllowed(exchange, "GET");
                }
            }
            else if (METADATA_PATH.equals(path) && "GET".equals(method)) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("issuer", issuer);
                metadata.put("token_endpoint", tokenEndpoint().toString());
                metadata.put("jwks_uri", jwkSetUri().toString());
                metadata.put("grant_types_supported", List.of("client_credentials"));
                metadata.put("token_endpoint_auth_methods_supported",
                        List.of("client_secret_basic", "client_secret_post"));
                metadata.put("response_types_supported", List.of());
                send(exchange, 200, JSON.writeValueAsString(metadata));
            }
            else {
                send(exchange, 404, JSON.writeValueAsString(Map.of("error", "not_found")));
            }
        }
        finally {
            exchange.close();
        }
    }

    /** RFC 6749 4.4: client authentication by HTTP Basic or form parameters, then a bearer token. */
    private void token(HttpExchange exchange) throws IOException {
        allowOrigin(exchange);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        Optional<Map<String, String>> form = form(exchange);
        if (form.isEmpty()) {
            error(exchange, 400, "invalid_request", "the body must be application/x-www-form-urlencoded, at most "
                    + MAX_BODY_BYTES + " bytes");
            return;
        }
        Map<String, String> parameters = form.get();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String[] basic = authorization == null ? null : basicCredentials(authorization);
        if (authorization != null && basic == null) {
            unauthorized(exchange, "the Authorization header must be HTTP Basic with the client id and secret");
            return;
        }
        if (basic != null && parameters.containsKey("client_secret")) {
            error(exchange, 400, "invalid_request", "authenticate the client in one way only");
            return;
        }
        String clientId = basic != null ? basic[0] : parameters.get("client_id");
        String secret = basic != null ? basic[1] : parameters.get("client_secret");
        Optional<DemoClient> client = authenticate(clientId, secret);
        if (client.isEmpty()) {
            unauthorized(exchange, "unknown client or wrong secret");
            return;
        }
        String grantType = parameters.get("grant_type");
        if (grantType == null) {
            error(exchange, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (!"client_credentials".equals(grantType)) {
            error(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", mint(client.get()));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        send(exchange, 200, JSON.writeValueAsString(response));
    }

    /** A signed access token for {@code client}, as the services expect it. */
    String mint(DemoClient client) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject(client.id())
                .id(UUID.randomUUID().toString()).issuedAt(now).notBefore(now).expiresAt(now.plus(TOKEN_LIFETIME))
                .claim("client_id", client.id()).claim("roles", client.roles()).claim("countries", client.countries())
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build(),
                claims)).getTokenValue();
    }

    private static Optional<DemoClient> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        for (DemoClient client : CLIENTS) {
            // compare every secret, in constant time, so that timing tells nothing about the clients
            boolean idMatches = client.id().equals(clientId);
            boolean secretMatches = MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
                    secret.getBytes(StandardCharsets.UTF_8));
            if (idMatches & secretMatches) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }

    /** {@code Basic base64(urlencoded(id) ":" urlencoded(secret))} (RFC 6749 2.3.1), or null. */
    private static String[] basicCredentials(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Optional<Map<String, String>> form(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (parameters.putIfAbsent(name, value) != null) {
                    return Optional.empty(); // RFC 6749 3.2: parameters must not repeat
                }
            }
            catch (IllegalArgumentException ex) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** CORS preflight of the donor dashboard's sign-in (it sends an Authorization header). */
    private void preflight(HttpExchange exchange) throws IOException {
        if (allowOrigin(exchange)) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
            exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private boolean allowOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        exchange.getResponseHeaders().add("Vary", "Origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            return true;
        }
        return false;
    }

    private static void unauthorized(HttpExchange exchange, String description) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"spmonitor-local\"");
        error(exchange, 401, "invalid_client", description);
    }

    private static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        error(exchange, 405, "invalid_request", "method not allowed");
    }

    private static void error(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        send(exchange, status, JSON.writeValueAsString(Map.of("error", error, "error_description", description)));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The RSA key of {@code directory/signing-key.pem}, made on first use; its id is its thumbprint. */
    static RSAKey signingKey(Path directory) {
        Path file = directory.resolve(KEY_FILE);
        try {
            RSAPrivateCrtKey privateKey;
            if (Files.exists(file)) {
                String pem = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            }
            else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                privateKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
                Files.createDirectories(directory);
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(privateKey.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                Files.writeString(file, pem, StandardCharsets.US_ASCII);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not read or write the token signing key " + file, ex);
        }
        catch (GeneralSecurityException | JOSEException | IllegalArgumentException ex) {
            throw new IllegalStateException("the token signing key " + file
                    + " is unreadable; delete it to make a new one", ex);
        }
    }
}
