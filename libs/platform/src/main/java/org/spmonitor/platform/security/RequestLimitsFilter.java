package org.spmonitor.platform.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request body size limits (413) and per-client rate limiting of writes (429 with Retry-After), both
 * answered as problem details. Runs after authentication so that the client is known.
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final SecurityProperties properties;
    private final WriteRateLimiter limiter;

    public RequestLimitsFilter(SecurityProperties properties, WriteRateLimiter limiter) {
        this.properties = properties;
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!WRITES.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean upload = properties.uploadPaths().stream().anyMatch(path::startsWith);
        long limit = upload ? properties.maxUploadBytes() : properties.maxBodyBytes();
        long length = request.getContentLengthLong();
        if (length > limit) {
            ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                    "the body has " + length + " bytes; at most " + limit + " are accepted here");
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String client = authentication == null ? request.getRemoteAddr() : authentication.getName();
        long wait = limiter.tryAcquire(client);
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "at most " + properties.writesPerMinute() + " writes a minute per client; retry in " + wait + " s");
            return;
        }
        chain.doFilter(upload || length >= 0 ? request : new LimitedBodyRequest(request, limit), response);
    }
}
