package org.spmonitor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signed JWTs for tests, as the token issuer would mint them: {@code roles} and {@code countries}
 * claims. The services under test trust the public key written to {@link #publicKeyLocation()}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.spmonitor.org";

    private static final KeyPair KEYS = generate();
    private static final NimbusJwtEncoder ENCODER = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(
            new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic())
                    .privateKey((RSAPrivateKey) KEYS.getPrivate()).keyID("test-key").build())));
    private static Path publicKeyFile;

    /** A token with the admin role. */
    public static String admin() {
        return token("test-admin", List.of("admin"), List.of());
    }

    /** A donor's token: may read dashboards, write nothing. */
    public static String viewer() {
        return token("test-viewer", List.of("viewer"), List.of());
    }

    /** The metrics scraper's token (Prometheus): it may read /actuator/prometheus only. */
    public static String metrics() {
        return token("test-prometheus", List.of("metrics"), List.of());
    }

    /** A country team's token, allowed to write for {@code countries}. */
    public static String reporter(String... countries) {
        return token("test-reporter-" + String.join("-", countries), List.of("reporter"), List.of(countries));
    }

    /** A validator's token: may validate or return the submissions of {@code countries}, and read. */
    public static String validator(String... countries) {
        return token("test-validator-" + String.join("-", countries), List.of("validator"), List.of(countries));
    }

    public static String token(String subject, List<String> roles, List<String> countries) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(subject).id(UUID.randomUUID().toString())
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1)))
                .claim("roles", roles).claim("countries", countries).claim("client_id", subject).build();
        return ENCODER.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("test-key").build(),
                claims)).getTokenValue();
    }

    /** {@code file:} location of the PEM public key, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                Path file = Files.createTempFile("spmonitor-test-key", ".pem");
                file.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(file, pem);
                publicKeyFile = file;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return publicKeyFile.toUri().toString();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private TestTokens() {
    }
}
