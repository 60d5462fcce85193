package org.spmonitor.reporting.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the country team workspace (workspace.html) finds the write services it calls from the
 * browser: their base URLs as the browser reaches them. Each service must allow the web app's origin
 * ({@code spmonitor.security.allowed-origins}, CORS), and the web app's CSP must allow connecting to
 * them ({@code spmonitor.security.connect-origins}).
 *
 * @param programmeApi programme-service, {@code http://127.0.0.1:8081} by default
 * @param financingApi financing-service, {@code http://127.0.0.1:8082} by default
 * @param beneficiaryApi beneficiary-service, {@code http://127.0.0.1:8083} by default
 */
@ConfigurationProperties("spmonitor.web.apis")
public record WriteApiProperties(String programmeApi, String financingApi, String beneficiaryApi) {

    public WriteApiProperties {
        programmeApi = baseUrl(programmeApi, "http://127.0.0.1:8081");
        financingApi = baseUrl(financingApi, "http://127.0.0.1:8082");
        beneficiaryApi = baseUrl(beneficiaryApi, "http://127.0.0.1:8083");
    }

    private static String baseUrl(String configured, String fallback) {
        String url = configured == null || configured.isBlank() ? fallback : configured.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
