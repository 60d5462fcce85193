package org.spmonitor.platform.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.spmonitor.platform.web.Idempotency;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every API behind OAuth2 bearer JWTs (DESIGN.md "Security"): health open; metrics and admin
 * operations for admins; reads for viewers, reporters, validators and admins; reviews
 * ({@link #REVIEW_PATHS}) for validators and admins; writes for reporters and admins, each service
 * checking the caller's {@code countries} claim ({@link Caller#requireWriteFor}, {@link Caller#requireReviewFor}).
 * Plus body size limits, per-client write rate limits and standard security headers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SpmonitorSecurityAutoConfiguration {

    /**
     * The review endpoints (validate or return a submission, one or in bulk): validators and admins, each
     * service checking the validator's {@code countries} claim ({@link Caller#requireReviewFor}).
     */
    public static final String[] REVIEW_PATHS = { "/api/v1/beneficiary-counts/*/review",
            "/api/v1/beneficiary-counts/reviews", "/api/v1/financing-reports/*/review", "/api/v1/financing-reports/reviews",
            "/api/v1/programmes/*/indicators/*/results/*/review", "/api/v1/programmes/*/indicator-results/reviews" };

    static final String[] ALWAYS_PUBLIC = { "/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/v3/asyncapi", "/swagger-ui.html", "/swagger-ui/**" };

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) throws Exception {
        NimbusJwtDecoder decoder = newDecoder(properties);
        decoder.setJwtValidator(properties.issuer() == null || properties.issuer().isBlank()
                ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }

    /** Kafka submissions: the signature and issuer now, the token's time against the record's time. */
    @Bean
    @ConditionalOnMissingBean
    InboundTokenVerifier inboundTokenVerifier(SecurityProperties properties) throws Exception {
        NimbusJwtDecoder decoder = newDecoder(properties);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new InboundTokenVerifier(decoder);
    }

    private static NimbusJwtDecoder newDecoder(SecurityProperties properties) throws Exception {
        if (properties.publicKeyLocation() != null && !properties.publicKeyLocation().isBlank()) {
            try (var in = new DefaultResourceLoader().getResource(properties.publicKeyLocation()).getInputStream()) {
                String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) java.security.KeyFactory
                        .getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
                                java.util.Base64.getDecoder().decode(pem)));
                return NimbusJwtDecoder.withPublicKey(key).build();
            }
        }
        return NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
    }

    /** {@code roles: ["reporter"]} becomes the authority {@code ROLE_reporter}. */
    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            Caller.of(jwt).roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            return authorities;
        });
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    WriteRateLimiter writeRateLimiter(SecurityProperties properties) {
        return new WriteRateLimiter(properties.writesPerMinute(), Clock.systemUTC());
    }

    /** No or a bad token: 401 problem details. */
    private static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, ex) -> {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "a valid bearer token is required (see the README: how to get a token)");
    };

    /** A role that may not make this request: 403 problem details. */
    private static final AccessDeniedHandler FORBIDDEN = (request, response, ex) -> ProblemResponses.write(response,
            HttpStatus.FORBIDDEN, "Forbidden", "your role does not allow this request");

    /**
     * The web app's pages (the country team workspace) call the write services from another origin:
     * bearer tokens, no cookies, so no credentials; the headers a client reads back are exposed.
     */
    static CorsConfigurationSource cors(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", Idempotency.HEADER, "If-Match",
                "Accept-Language", "traceparent"));
        cors.setExposedHeaders(List.of("Location", "ETag", "Idempotency-Key", Idempotency.REPLAYED_HEADER, "Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain spmonitorSecurity(HttpSecurity http, SecurityProperties properties,
            JwtAuthenticationConverter converter, WriteRateLimiter limiter) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(cors(properties)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(ALWAYS_PUBLIC).permitAll();
                    if (!properties.publicPaths().isEmpty()) {
                        requests.requestMatchers(HttpMethod.GET, properties.publicPaths().toArray(String[]::new)).permitAll();
                    }
                    requests.requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(Caller.METRICS, Caller.ADMIN)
                            .requestMatchers("/actuator/**", "/api/v1/admin/**").hasRole(Caller.ADMIN)
                            .requestMatchers(HttpMethod.POST, REVIEW_PATHS).hasAnyRole(Caller.VALIDATOR, Caller.ADMIN)
                            .requestMatchers(HttpMethod.GET, "/api/**")
                            .hasAnyRole(Caller.VIEWER, Caller.REPORTER, Caller.VALIDATOR, Caller.ADMIN)
                            .requestMatchers(HttpMethod.HEAD, "/api/**")
                            .hasAnyRole(Caller.VIEWER, Caller.REPORTER, Caller.VALIDATOR, Caller.ADMIN)
                            .anyRequest().hasAnyRole(Caller.REPORTER, Caller.ADMIN);
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' "
                                + String.join(" ", properties.connectOrigins()) + "; "
                                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(permissions -> permissions.policy("geolocation=(), camera=(), microphone=()")))
                .addFilterAfter(new RequestLimitsFilter(properties, limiter), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
