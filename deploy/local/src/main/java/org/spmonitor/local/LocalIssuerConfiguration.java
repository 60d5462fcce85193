package org.spmonitor.local;

import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The Spring context of {@link LocalTokenIssuer}: Spring Authorization Server with the demo clients and
 * users, a login page ({@link LocalIssuerLoginPage}), and only the web and security parts of Spring Boot
 * (no component scan, none of the services' auto-configuration).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class })
@EnableWebSecurity
@Import(LocalIssuerLoginPage.class)
class LocalIssuerConfiguration {

    /**
     * @param issuer the {@code iss} of every token, fixed (not taken from the request's host)
     * @param signingKey the RSA key kept in the data directory
     * @param webAppOrigins where the web app is served: its redirect URIs and CORS origins
     */
    record Settings(String issuer, RSAKey signingKey, List<String> webAppOrigins) {
    }

    /** The OAuth2/OIDC endpoints; a browser that is not signed in goes to the login page. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, Settings settings) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the OIDC user info endpoint takes the access token
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
                .cors(cors -> cors.configurationSource(webAppCors(settings)))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LocalIssuerLoginPage.PATH), html()));
        return http.build();
    }

    /** The login page and form login of the demo users. */
    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http, Settings settings) {
        // a CORS preflight of the token endpoint (OPTIONS) is not one of the endpoints above
        http.cors(cors -> cors.configurationSource(webAppCors(settings)));
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(LocalIssuerLoginPage.PATH, "/error", "/favicon.ico").permitAll()
                .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(LocalIssuerLoginPage.PATH))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")));
        return http.build();
    }

    private static MediaTypeRequestMatcher html() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return matcher;
    }

    /** The web app exchanges its code at the token endpoint from the browser (and may read user info). */
    private static UrlBasedCorsConfigurationSource webAppCors(Settings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.webAppOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(LocalTokenIssuer.TOKEN_PATH, cors);
        source.registerCorsConfiguration("/userinfo", cors);
        return source;
    }

    @Bean
    RegisteredClientRepository registeredClients(Settings settings) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(LocalTokenIssuer.TOKEN_LIFETIME)
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED).build();
        List<RegisteredClient> clients = new ArrayList<>();
        for (LocalTokenIssuer.DemoClient client : LocalTokenIssuer.CLIENTS) {
            clients.add(RegisteredClient.withId(client.id()).clientId(client.id())
                    // published demo secrets: compared as they are ({noop}); a real issuer stores hashes
                    .clientSecret("{noop}" + client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens).build());
        }
        // the web app: a public client (no secret) signing people in by authorization code with PKCE (S256).
        // Loopback IP redirect URIs match on any port (RFC 8252 7.3); localhost ones exactly.
        List<String> pages = settings.webAppOrigins().stream().map(origin -> origin + "/").toList();
        clients.add(RegisteredClient.withId(LocalTokenIssuer.WEB_CLIENT_ID).clientId(LocalTokenIssuer.WEB_CLIENT_ID)
                .clientName("spmonitor web app")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(pages))
                .postLogoutRedirectUris(uris -> uris.addAll(pages))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens).build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** The demo users; their passwords are published, so they are compared as they are ({noop}). */
    @Bean
    UserDetailsService demoUsers() {
        return new InMemoryUserDetailsManager(LocalTokenIssuer.USERS.stream()
                .map(user -> User.withUsername(user.username()).password("{noop}" + user.password())
                        .roles(user.roles().stream().map(role -> role.toUpperCase(java.util.Locale.ROOT))
                                .toArray(String[]::new))
                        .build())
                .toList());
    }

    /**
     * The {@code roles} and {@code countries} claims the services read (and {@code client_id}, as the
     * tokens of the former hand-written issuer had): from the demo client for the client-credentials
     * grant, from the signed-in user otherwise; the user's name in access and ID tokens for the web app.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> spmonitorClaims() {
        return context -> {
            String name = context.getPrincipal().getName();
            boolean machine = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
                if (machine) {
                    LocalTokenIssuer.client(name).ifPresent(client -> context.getClaims()
                            .claim("roles", client.roles()).claim("countries", client.countries()));
                    return;
                }
            }
            if (!machine && (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                    || OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue()))) {
                LocalTokenIssuer.user(name).ifPresent(user -> context.getClaims()
                        .claim("roles", user.roles()).claim("countries", user.countries())
                        .claim("preferred_username", user.username()).claim("name", user.name()));
            }
        };
    }

    /**
     * Authorizations of people (codes, tokens, ID tokens for sign-out) in memory; those of machines are
     * not kept, since nothing reads them again (self-contained JWTs, no introspection), and a benchmark
     * asking for tokens in a loop would otherwise fill the heap.
     */
    @Bean
    OAuth2AuthorizationService authorizations() {
        InMemoryOAuth2AuthorizationService people = new InMemoryOAuth2AuthorizationService();
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
                    people.save(authorization);
                }
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                people.remove(authorization);
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return people.findById(id);
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return people.findByToken(token, tokenType);
            }
        };
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(Settings settings) {
        return new ImmutableJWKSet<>(new JWKSet(settings.signingKey()));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(Settings settings) {
        return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
    }
}
