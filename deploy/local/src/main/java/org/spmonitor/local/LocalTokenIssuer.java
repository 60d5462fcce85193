package org.spmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default's OAuth2/OIDC issuer (DESIGN.md "Security"): Spring Authorization Server in its
 * own Spring context and web server on {@code 127.0.0.1:9000}. People sign in to the web app with the
 * authorization code flow and PKCE (client {@value #WEB_CLIENT_ID}, a login page, the demo users below);
 * machines keep the client-credentials grant with the demo clients and their published secrets. Every
 * access token is RS256-signed and carries the {@code roles} and {@code countries} claims the services
 * read; the services verify them with the JWK set at {@value #JWKS_PATH}.
 * <p>
 * For one machine and demonstrations only: published passwords and secrets, plaintext on loopback,
 * sessions and authorizations in memory. The signing key is kept in the data directory, so tokens stay
 * valid across restarts until they expire (after an hour). See {@link LocalIssuerConfiguration}.
 */
final class LocalTokenIssuer implements AutoCloseable {

    static final String TOKEN_PATH = "/oauth2/token";
    static final String AUTHORIZE_PATH = "/oauth2/authorize";
    static final String JWKS_PATH = "/oauth2/jwks";
    static final String LOGOUT_PATH = "/connect/logout";
    static final String KEY_FILE = "signing-key.pem";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** How long a person stays signed in at the issuer without using it: the web app renews its token within it. */
    static final Duration SESSION_TIMEOUT = Duration.ofHours(8);
    /** The web app's public client: authorization code with PKCE, no secret. */
    static final String WEB_CLIENT_ID = "spmonitor-web";
    /** The issuer's session cookie; not JSESSIONID, which another server on 127.0.0.1 could overwrite. */
    static final String SESSION_COOKIE = "SPMONITOR_ISSUER_SESSION";

    /** The demo machine clients (client-credentials grant), the same as those of the Keycloak realm of docker-compose. */
    static final List<DemoClient> CLIENTS = List.of(
            new DemoClient("demo-admin", "demo-admin-secret", List.of("admin"), List.of()),
            new DemoClient("demo-viewer", "demo-viewer-secret", List.of("viewer"), List.of()),
            new DemoClient("demo-reporter", "demo-reporter-secret", List.of("reporter"), List.of("KHM", "SEN")),
            new DemoClient("demo-validator", "demo-validator-secret", List.of("validator"), List.of("KHM", "SEN")),
            new DemoClient("prometheus", "prometheus-secret", List.of("metrics"), List.of()));

    /** The demo people (login page), the same as the users of the Keycloak realm of docker-compose. */
    static final List<DemoUser> USERS = List.of(
            new DemoUser("donor", "donor-password", "Demo donor", List.of("viewer"), List.of()),
            new DemoUser("country-team", "country-team-password", "Demo country team (Cambodia, Senegal)",
                    List.of("reporter"), List.of("KHM", "SEN")),
            new DemoUser("validator", "validator-password", "Demo validator (Cambodia, Senegal)",
                    List.of("validator"), List.of("KHM", "SEN")),
            new DemoUser("admin", "admin-password", "Demo administrator", List.of("admin"), List.of()));

    record DemoClient(String id, String secret, List<String> roles, List<String> countries) {
    }

    record DemoUser(String username, String password, String name, List<String> roles, List<String> countries) {
    }

    static Optional<DemoClient> client(String id) {
        return CLIENTS.stream().filter(client -> client.id().equals(id)).findFirst();
    }

    static Optional<DemoUser> user(String username) {
        return USERS.stream().filter(user -> user.username().equals(username)).findFirst();
    }

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private LocalTokenIssuer(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /**
     * Starts the issuer on {@code 127.0.0.1:port} (0: any free port), with the signing key of
     * {@code directory} (created on first use). {@code webAppOrigins} are where the web app is served
     * ({@code http://127.0.0.1:8080}): its redirect URIs ({@code <origin>/}) and the origins that may call
     * the token endpoint from a browser.
     */
    static LocalTokenIssuer start(Path directory, int port, Set<String> webAppOrigins) {
        int listenOn = port == 0 ? Ports.anyFree() : port;
        String issuer = "http://" + Ports.HOST + ":" + listenOn;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", listenOn);
        properties.put("server.address", Ports.HOST);
        properties.put("server.servlet.session.cookie.name", SESSION_COOKIE);
        properties.put("server.servlet.session.timeout", SESSION_TIMEOUT.toSeconds() + "s");
        properties.put("server.tomcat.threads.min-spare", "2");
        // no application.yml of anyone else: the issuer reads only what is set here
        properties.put("spring.config.name", "spmonitor-local-issuer");
        properties.put("spring.application.name", "token-issuer");
        properties.put("logging.register-shutdown-hook", "false");
        properties.put("logging.include-application-name", "false");
        LocalIssuerConfiguration.Settings settings = new LocalIssuerConfiguration.Settings(issuer,
                signingKey(directory), List.copyOf(webAppOrigins));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LocalIssuerConfiguration.class)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .properties(properties)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("localIssuerSettings", settings))
                .run();
        int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
        if (actual != listenOn) {
            context.close();
            throw new LocalStackException("the token issuer listens on " + actual + ", not " + listenOn);
        }
        return new LocalTokenIssuer(context, issuer);
    }

    /** {@code http://127.0.0.1:9000}: the {@code iss} of every token. */
    String issuer() {
        return issuer;
    }

    URI tokenEndpoint() {
        return URI.create(issuer + TOKEN_PATH);
    }

    URI authorizationEndpoint() {
        return URI.create(issuer + AUTHORIZE_PATH);
    }

    URI jwkSetUri() {
        return URI.create(issuer + JWKS_PATH);
    }

    URI endSessionEndpoint() {
        return URI.create(issuer + LOGOUT_PATH);
    }

    @Override
    public void close() {
        context.close();
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
