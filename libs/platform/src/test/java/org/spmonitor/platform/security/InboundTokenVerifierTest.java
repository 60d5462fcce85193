package org.spmonitor.platform.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundTokenVerifierTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-28T01:00:00Z");

    private static Jwt reporterToken(Instant expiresAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("national-mis")
                .claim("roles", List.of("reporter")).claim("countries", List.of("KHM"))
                .issuedAt(expiresAt.minusSeconds(3600)).expiresAt(expiresAt).build();
    }

    @Test
    void acceptsAReporterTokenThatWasValidWhenTheRecordWasPublished() {
        InboundTokenVerifier verifier = new InboundTokenVerifier(token -> reporterToken(PUBLISHED.plusSeconds(60)));

        InboundTokenVerifier.Verification verification = verifier.verify("Bearer abc", PUBLISHED);

        assertThat(verification.caller()).hasValueSatisfying(caller -> assertThat(caller.name()).isEqualTo("national-mis"));
    }

    @Test
    void refusesATokenOurIssuerDidNotSign() {
        InboundTokenVerifier verifier = new InboundTokenVerifier(token -> {
            throw new BadJwtException("Signed JWT rejected: no matching key(s) found");
        });

        assertThat(verifier.verify("Bearer abc", PUBLISHED).problem()).isEqualTo("is not a valid token of our issuer");
    }

    @Test
    void doesNotRefuseARecordWhoseTokenCannotBeCheckedForWantOfTheIssuersKeys() {
        InboundTokenVerifier verifier = new InboundTokenVerifier(token -> {
            throw new JwtException("An error occurred while attempting to decode the Jwt: Couldn't retrieve remote JWK set");
        });

        assertThatThrownBy(() -> verifier.verify("Bearer abc", PUBLISHED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWK set");
    }

    @Test
    void refusesATokenThatHadExpiredWhenTheRecordWasPublished() {
        InboundTokenVerifier verifier = new InboundTokenVerifier(token -> reporterToken(PUBLISHED.minusSeconds(600)));

        assertThat(verifier.verify("Bearer abc", PUBLISHED).problem()).isEqualTo("had expired when the record was published");
    }
}
