package org.spmonitor.local.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.spmonitor.local.LocalService;
import org.spmonitor.local.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a local stack's public REST APIs the way a country team's script and a donor's dashboard
 * do: bearer tokens of the demo clients from the stack's issuer, JSON bodies, problem details back.
 * Thread-safe.
 */
public final class StackClient {

    /** The demo clients of the embedded token issuer (deploy/local/README.md). */
    public enum DemoClient {
        /** Writes for every country. */
        ADMIN("demo-admin", "demo-admin-secret"),
        /** Reads dashboards. */
        VIEWER("demo-viewer", "demo-viewer-secret"),
        /** Writes for KHM and SEN only. */
        REPORTER("demo-reporter", "demo-reporter-secret");

        private final String id;
        private final String secret;

        DemoClient(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }
    }

    /** Tokens live an hour; a new one is fetched well before. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(45);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Where a stack answers: each service's base URL and the token endpoint of its issuer; in cluster
     * mode also every instance of each service ({@code instances}), which requests take in turn, as a
     * load balancer would: one that finds its instance down is sent again by its caller and reaches the
     * next.
     */
    public record Endpoints(Map<LocalService, URI> services, URI tokenEndpoint,
            Map<LocalService, List<URI>> instances) {

        public Endpoints(Map<LocalService, URI> services, URI tokenEndpoint) {
            this(services, tokenEndpoint, Map.of());
        }

        public static Endpoints of(LocalStack stack) {
            Map<LocalService, URI> services = new EnumMap<>(LocalService.class);
            Map<LocalService, List<URI>> instances = new EnumMap<>(LocalService.class);
            for (LocalService service : LocalService.values()) {
                services.put(service, stack.url(service));
                instances.put(service, stack.urls(service));
            }
            return new Endpoints(services, stack.tokenEndpoint(), instances);
        }
    }

    private final Endpoints endpoints;
    /** Whose turn it is among the instances of a service. */
    private final AtomicInteger turn = new AtomicInteger();
    private final HttpClient http;
    private final Map<DemoClient, Token> tokens = new EnumMap<>(DemoClient.class);

    private record Token(String value, long fetchedAt) {
    }

    public StackClient(LocalStack stack) {
        this(Endpoints.of(stack));
    }

    public StackClient(Endpoints endpoints) {
        this.endpoints = endpoints;
        // HTTP/1.1: the services speak plain HTTP/1.1, and no upgrade attempt on every new connection
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    public static JsonNode json(String text) {
        return text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
    }

    public static JsonMapper mapper() {
        return JSON;
    }

    /** A bearer token of {@code client}, fetched from the stack's issuer and reused for 45 minutes. */
    public String token(DemoClient client) throws IOException, InterruptedException {
        synchronized (tokens) {
            Token token = tokens.get(client);
            if (token != null && System.nanoTime() - token.fetchedAt() < TOKEN_REUSE.toNanos()) {
                return token.value();
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoints.tokenEndpoint())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (client.id + ":" + client.secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the token issuer answered " + response.statusCode() + ": " + response.body());
        }
        String value = json(response.body()).path("access_token").asString();
        synchronized (tokens) {
            tokens.put(client, new Token(value, System.nanoTime()));
        }
        return value;
    }

    /** {@code POST} of a JSON body as {@code client}, with an {@code Idempotency-Key} unless it is null. */
    public HttpResponse<String> post(LocalService service, String path, DemoClient client, String body,
            String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token(client))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST} of a CSV body ({@code text/csv}) as {@code client}, with an {@code Idempotency-Key}. */
    public HttpResponse<String> postCsv(LocalService service, String path, DemoClient client, String csv,
            String idempotencyKey) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token(client))
                .header("Content-Type", "text/csv")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every beneficiary count of {@code country} that beneficiary-service holds (latest versions, withdrawn
     * ones too), read page by page from {@code GET /api/v1/beneficiary-counts}.
     */
    public java.util.List<JsonNode> beneficiaryCounts(String country) throws IOException, InterruptedException {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        for (int page = 0;; page++) {
            HttpResponse<String> response = get(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts?country="
                    + country + "&size=500&page=" + page, DemoClient.ADMIN);
            if (response.statusCode() != 200) {
                throw new IOException("listing the counts of " + country + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode body = json(response.body());
            body.path("items").forEach(items::add);
            if (page + 1 >= body.path("totalPages").asLong()) {
                return items;
            }
        }
    }

    /** How many counts of {@code country} beneficiary-service holds; empty while it does not answer. */
    public OptionalLong beneficiaryCountTotal(String country) {
        try {
            HttpResponse<String> response = get(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts?country="
                    + country + "&size=1&withdrawn=false", DemoClient.ADMIN);
            return response.statusCode() == 200 ? OptionalLong.of(json(response.body()).path("totalItems").asLong())
                    : OptionalLong.empty();
        }
        catch (IOException ex) {
            return OptionalLong.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    public HttpResponse<String> get(LocalService service, String pathAndQuery, DemoClient client)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(service, pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token(client)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(LocalService service, String path) {
        List<URI> instances = endpoints.instances().getOrDefault(service, List.of());
        if (instances.size() > 1) {
            return instances.get(Math.floorMod(turn.getAndIncrement(), instances.size())).resolve(path);
        }
        return endpoints.services().get(service).resolve(path);
    }

    /**
     * Registers an active programme in {@code country} running from 1 January of {@code fromYear} to
     * 31 December of {@code toYear}, for every target group, as {@code demo-admin}; retries while the
     * service is unreachable or answers 5xx or 429 (for up to a minute). Returns its id.
     */
    public String registerProgramme(String country, String name, int fromYear, int toYear)
            throws IOException, InterruptedException {
        String body = """
                {"country":"%s","name":"%s","startDate":"%d-01-01","endDate":"%d-12-31","status":"ACTIVE",
                 "partners":["ILO"],"targetGroups":%s}""".formatted(country, name, fromYear, toYear,
                CountKeys.TARGET_GROUPS_JSON);
        return postProgramme(body, name, Duration.ofSeconds(60));
    }

    /**
     * Registers the programme {@code body} as {@code demo-admin} under one idempotency key, sending it
     * again while the service is unreachable, answers 5xx or 429, for up to {@code wait}. Returns its id.
     */
    public String postProgramme(String body, String name, Duration wait) throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            HttpResponse<String> response = null;
            IOException failure = null;
            try {
                response = post(LocalService.PROGRAMME, "/api/v1/programmes", DemoClient.ADMIN, body, key);
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return json(response.body()).path("id").asString();
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IOException("registering programme '" + name + "' answered " + response.statusCode()
                            + ": " + response.body());
                }
            }
            catch (java.net.ConnectException | java.net.http.HttpTimeoutException ex) {
                failure = ex;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("could not register programme '" + name + "': " + (response == null ? failure
                        : response.statusCode() + " " + response.body()));
            }
            Thread.sleep(250); // the same key again, a moment later
        }
    }

    /** The country dashboard of a year, or nothing while reporting-service does not answer 200. */
    public java.util.Optional<JsonNode> countryDashboard(String country, int year) {
        try {
            HttpResponse<String> response = get(LocalService.REPORTING,
                    "/api/v1/dashboards/countries/" + country + "?year=" + year, DemoClient.VIEWER);
            return response.statusCode() == 200 ? java.util.Optional.of(json(response.body()))
                    : java.util.Optional.empty();
        }
        catch (IOException ex) {
            return java.util.Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /**
     * The country's {@code newBeneficiaries} summed over {@code years}, as the dashboards show them;
     * nothing while reporting-service does not answer.
     */
    public OptionalLong newBeneficiaries(String country, Collection<Integer> years) {
        long sum = 0;
        for (int year : years) {
            java.util.Optional<JsonNode> dashboard = countryDashboard(country, year);
            if (dashboard.isEmpty()) {
                return OptionalLong.empty();
            }
            sum += dashboard.get().path("newBeneficiaries").asLong();
        }
        return OptionalLong.of(sum);
    }
}
