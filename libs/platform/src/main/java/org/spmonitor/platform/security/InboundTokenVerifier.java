package org.spmonitor.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Authenticates a record an integrating system published to Kafka: header {@code authorization}
 * carries {@code Bearer <JWT>} from the same issuer as the REST APIs, and the same role and country
 * rules apply ({@link Caller}). The token must have been valid when the record was published (its
 * Kafka timestamp), not when it is processed: a record that waited (parked, redelivered, replayed)
 * stays as authorised as it was when it was sent. A token that cannot be checked for want of the
 * issuer's keys is not refused: {@link #verify} throws, and the consumer retries the record.
 */
public class InboundTokenVerifier {

    /** The Kafka header that carries the submitting system's bearer token. */
    public static final String HEADER = "authorization";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final JwtDecoder signatureOnly;

    /** @param signatureOnly a decoder that checks the signature (and issuer), not the token's time */
    public InboundTokenVerifier(JwtDecoder signatureOnly) {
        this.signatureOnly = signatureOnly;
    }

    /** The outcome: the authenticated caller, or why there is none. */
    public record Verification(Optional<Caller> caller, String problem) {

        static Verification of(Caller caller) {
            return new Verification(Optional.of(caller), null);
        }

        static Verification refused(String problem) {
            return new Verification(Optional.empty(), problem);
        }
    }

    public Verification verify(String header, Instant publishedAt) {
        if (header == null || header.isBlank()) {
            return Verification.refused("is required: 'Bearer <token>' of the submitting system");
        }
        String token = header.strip();
        if (!token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verification.refused("must be 'Bearer <token>'");
        }
        Jwt jwt;
        try {
            jwt = signatureOnly.decode(token.substring(7).strip());
        }
        catch (BadJwtException ex) {
            return Verification.refused("is not a valid token of our issuer");
        }
        catch (JwtException ex) {
            // the token may be fine: the issuer's keys could not be fetched (issuer restarting, network).
            // Refusing would tell the submitting system "no" for good; failing retries the record.
            throw new IllegalStateException("could not verify the token of a record: " + ex.getMessage(), ex);
        }
        if (jwt.getExpiresAt() != null && publishedAt.isAfter(jwt.getExpiresAt().plus(CLOCK_SKEW))) {
            return Verification.refused("had expired when the record was published");
        }
        if (jwt.getNotBefore() != null && publishedAt.isBefore(jwt.getNotBefore().minus(CLOCK_SKEW))) {
            return Verification.refused("was not yet valid when the record was published");
        }
        Caller caller = Caller.of(jwt);
        if (!caller.isAdmin() && !caller.roles().contains(Caller.REPORTER)) {
            return Verification.refused("belongs to '" + caller.name() + "', whose role may not submit");
        }
        return Verification.of(caller);
    }
}
