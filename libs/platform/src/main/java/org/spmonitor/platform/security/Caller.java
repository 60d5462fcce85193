package org.spmonitor.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.spmonitor.platform.validation.ForbiddenException;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the bearer JWT: its subject (a client id), its roles ({@code reporter},
 * {@code validator}, {@code viewer}, {@code admin}) and the countries a reporter may write for and a
 * validator may review ({@code countries} claim).
 */
public record Caller(String name, Set<String> roles, Set<String> countries) {

    /** The name of a caller without a token (only where a path is open to everyone). */
    public static final String ANONYMOUS = "anonymous";
    public static final String ADMIN = "admin";
    public static final String REPORTER = "reporter";
    public static final String VIEWER = "viewer";
    /** Validates or returns the submissions of the countries of its {@code countries} claim. */
    public static final String VALIDATOR = "validator";
    /** A metrics scraper (Prometheus): may read {@code /actuator/prometheus} and nothing else. */
    public static final String METRICS = "metrics";
    public static final String ROLES_CLAIM = "roles";
    public static final String COUNTRIES_CLAIM = "countries";

    public static Caller of(Jwt jwt) {
        return new Caller(jwt.getSubject(), strings(jwt.getClaim(ROLES_CLAIM)), strings(jwt.getClaim(COUNTRIES_CLAIM)));
    }

    /**
     * The caller of the current request, from its authenticated principal, or an anonymous caller with
     * no rights. Its {@link #name()} is who a version history records as having made a change.
     */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken
                || authentication.getName() == null;
        return new Caller(anonymous ? ANONYMOUS : authentication.getName(), Set.of(), Set.of());
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** Admins write for every country; reporters for the countries of their claim; nobody else. */
    public boolean canWriteFor(String country) {
        return isAdmin() || roles.contains(REPORTER) && countries.contains(country);
    }

    /** @throws ForbiddenException when the caller may not write for {@code country} */
    public void requireWriteFor(String country) {
        if (!canWriteFor(country)) {
            throw new ForbiddenException(roles.contains(REPORTER)
                    ? "you may write only for " + String.join(", ", countries.stream().sorted().toList()) + ", not " + country
                    : "writing needs the reporter role for " + country + " or the admin role");
        }
    }

    /** Admins review for every country; validators for the countries of their claim; nobody else (not a reporter). */
    public boolean canReviewFor(String country) {
        return isAdmin() || roles.contains(VALIDATOR) && countries.contains(country);
    }

    /** @throws ForbiddenException when the caller may not validate or return submissions of {@code country} */
    public void requireReviewFor(String country) {
        if (!canReviewFor(country)) {
            throw new ForbiddenException(roles.contains(VALIDATOR)
                    ? "you may review only for " + String.join(", ", countries.stream().sorted().toList()) + ", not "
                            + country
                    : "reviewing needs the validator role for " + country + " or the admin role");
        }
    }

    /** @throws ForbiddenException unless the caller is an admin; {@code why} says what needs it */
    public void requireAdmin(String why) {
        if (!isAdmin()) {
            throw new ForbiddenException("the admin role is needed: " + why);
        }
    }

    private static Set<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof String value && !value.isBlank()) {
            return Set.copyOf(List.of(value.split("[ ,]+")));
        }
        return Set.of();
    }
}
