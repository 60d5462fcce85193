package org.spmonitor.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running service over HTTP, as a country team's script or a donor's browser would. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client with an admin token (see {@link TestTokens}): what most tests need. */
    public static ApiClient at(int port) {
        return anonymous(port).withHeader("Authorization", "Bearer " + TestTokens.admin());
    }

    /** A client without any token. */
    public static ApiClient anonymous(int port) {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    /** A client that presents {@code token} (e.g. {@code TestTokens.reporter("KHM")}). */
    public ApiClient as(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    /** A client that sends {@code name: value} with every request (e.g. an Authorization header). */
    public ApiClient withHeader(String name, String value) {
        ApiClient copy = new ApiClient(baseUrl);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    /** A response: status, headers and body (parsed as JSON when it is JSON). */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Map.of());
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> extraHeaders) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(asText(body))), extraHeaders);
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(asText(body))), Map.of());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), Map.of());
    }

    /** Sends any request built by the caller (CSV uploads, other verbs); default headers are added. */
    public Response send(HttpRequest.Builder request, Map<String, String> extraHeaders) {
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        }
        catch (IOException ex) {
            throw new IllegalStateException("request failed: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** Strings are sent as they are (raw JSON); anything else is serialised to JSON. */
    private static String asText(Object body) {
        return body instanceof String text ? text : JSON.writeValueAsString(body);
    }

    public String baseUrl() {
        return baseUrl;
    }
}
