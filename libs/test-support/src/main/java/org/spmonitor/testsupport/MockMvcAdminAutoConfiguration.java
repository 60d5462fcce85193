package org.spmonitor.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * In MockMvc web slices of secured services, every request carries an admin JWT unless the test says
 * otherwise ({@code .with(anonymous())}, {@code .with(jwt()...)}), like {@link ApiClient#at(int)}.
 */
@AutoConfiguration
@ConditionalOnClass({ SecurityMockMvcRequestPostProcessors.class, JwtAuthenticationToken.class })
public class MockMvcAdminAutoConfiguration {

    @Bean
    MockMvcBuilderCustomizer adminJwtByDefault() {
        return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").with(
                jwt().jwt(token -> token.subject("test-admin").claim("roles", List.of("admin")))
                        .authorities(new SimpleGrantedAuthority("ROLE_admin"))));
    }
}
