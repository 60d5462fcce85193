package org.spmonitor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.testsupport.SharedInfrastructure;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartHttpServletRequest;
import org.springframework.mock.web.MockPart;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency on its own, with its keys in the shared Mongo-wire server: each request goes through the
 * platform's {@link RequestBodySpool} first, as in a running service.
 */
class IdempotencyTest {

    private static MongoClient client;

    private MongoTemplate mongo;
    private Idempotency idempotency;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void connect() {
        client = MongoClients.create(SharedInfrastructure.mongoUri("idempotency-test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshDatabase() {
        mongo = new MongoTemplate(client, "idempotency-" + UUID.randomUUID());
        idempotency = new Idempotency(mongo, JsonMapper.builder().build());
        signIn("alice");
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private static void signIn(String name) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(name, "n/a", "ROLE_reporter"));
    }

    private ResponseEntity<String> created() {
        runs.incrementAndGet();
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/things/t-1")).eTag("\"1\"")
                .header("Spmonitor-Outcome", "CREATED").body("t-1");
    }

    /** Sends {@code body} to {@code path} with {@code key} through the spool filter, then into {@code action}. */
    private ResponseEntity<?> send(String method, String path, String body, String key,
            Supplier<ResponseEntity<String>> action) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            request.addHeader(Idempotency.HEADER, key);
        }
        return through(request, key, action);
    }

    private ResponseEntity<?> through(MockHttpServletRequest request, String key,
            Supplier<ResponseEntity<String>> action) throws Exception {
        AtomicReference<ResponseEntity<?>> answer = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest seen, jakarta.servlet.ServletResponse response) {
                RequestContextHolder.setRequestAttributes(
                        new ServletRequestAttributes((jakarta.servlet.http.HttpServletRequest) seen));
                try {
                    answer.set(idempotency.execute(key, action));
                }
                catch (RuntimeException ex) {
                    failure.set(ex);
                }
            }
        };
        new RequestBodySpool().doFilter(request, new MockHttpServletResponse(), chain);
        if (failure.get() != null) {
            throw failure.get();
        }
        return answer.get();
    }

    @Test
    void replaysTheFirstAnswerWithEveryHeaderAndRunsNothingAgain() throws Exception {
        ResponseEntity<?> first = send("POST", "/api/v1/things", "{\"a\": 1}", "k-1", this::created);
        ResponseEntity<?> replay = send("POST", "/api/v1/things", "{\"a\": 1}", "k-1", this::created);

        assertThat(runs).hasValue(1);
        assertThat(first.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isNull();
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(replay.getHeaders().getFirst("Spmonitor-Outcome")).isEqualTo("CREATED");
        assertThat(replay.getHeaders().getLocation()).hasToString("/api/v1/things/t-1");
        assertThat(replay.getBody()).isEqualTo("\"t-1\"");
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathOrMethodIsAConflict() throws Exception {
        send("POST", "/api/v1/things", "{\"a\": 1}", "k-1", this::created);

        assertThatThrownBy(() -> send("POST", "/api/v1/things", "{\"a\": 2}", "k-1", this::created))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> send("POST", "/api/v1/others", "{\"a\": 1}", "k-1", this::created))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> send("PUT", "/api/v1/things", "{\"a\": 1}", "k-1", this::created))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> send("POST", "/api/v1/things?dryRun=true", "{\"a\": 1}", "k-1", this::created))
                .isInstanceOf(ConflictException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void keysBelongToTheirCaller() throws Exception {
        send("POST", "/api/v1/things", "{\"a\": 1}", "k-1", this::created);
        signIn("bob");
        ResponseEntity<?> bobs = send("POST", "/api/v1/things", "{\"a\": 2}", "k-1", this::created);

        assertThat(runs).hasValue(2);
        assertThat(bobs.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isNull();
    }

    @Test
    void aRefusedRequestLeavesItsKeyFreeForTheCorrectedOne() throws Exception {
        assertThatThrownBy(() -> send("POST", "/api/v1/things", "{\"a\": -1}", "k-1", () -> {
            throw new InvalidInputException("a", "must be positive");
        })).isInstanceOf(InvalidInputException.class);
        ResponseEntity<?> refused = send("POST", "/api/v1/things", "{\"a\": -1}", "k-1",
                () -> ResponseEntity.badRequest().body("no"));
        ResponseEntity<?> corrected = send("POST", "/api/v1/things", "{\"a\": 1}", "k-1", this::created);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(corrected.getStatusCode().value()).isEqualTo(201);
        assertThat(corrected.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isNull();
        assertThat(runs).hasValue(1);
    }

    @Test
    void withoutAKeyEveryRequestRunsAndNothingIsKept() throws Exception {
        send("POST", "/api/v1/things", "{\"a\": 1}", null, this::created);
        send("POST", "/api/v1/things", "{\"a\": 1}", null, this::created);

        assertThat(runs).hasValue(2);
        assertThat(mongo.getCollection(Idempotency.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void refusesABlankOrOverlongKeyAndNamesTheHeader() {
        assertThatThrownBy(() -> send("POST", "/api/v1/things", "{}", " ", this::created))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        ex -> assertThat(ex.violations().get(0).field()).isEqualTo(Idempotency.HEADER));
        assertThatThrownBy(() -> send("POST", "/api/v1/things", "{}", "k".repeat(201), this::created))
                .isInstanceOf(InvalidInputException.class);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aMultipartUploadIsTheSameRequestWhateverItsBoundary() throws Exception {
        ResponseEntity<?> first = through(upload("a,b\n1,2\n"), "k-up", this::created);
        ResponseEntity<?> again = through(upload("a,b\n1,2\n"), "k-up", this::created);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getHeaders().getFirst(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThatThrownBy(() -> through(upload("a,b\n1,3\n"), "k-up", this::created))
                .isInstanceOf(ConflictException.class);
        assertThat(runs).hasValue(1);
    }

    private static MockMultipartHttpServletRequest upload(String csv) {
        MockMultipartHttpServletRequest request = new MockMultipartHttpServletRequest();
        request.setMethod("POST");
        request.setRequestURI("/api/v1/things/imports");
        request.setContentType("multipart/form-data; boundary=" + UUID.randomUUID());
        request.addHeader(Idempotency.HEADER, "k-up");
        MockPart part = new MockPart("file", "counts.csv", csv.getBytes(StandardCharsets.UTF_8));
        request.addPart(part);
        return request;
    }

    @Test
    void aKeptAnswerFromBeforeTheHeadersWereKeptStillReplaysItsLocation() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setAttribute(RequestBodySpool.DIGEST_ATTRIBUTE, Idempotency.sha256("{}"));
        String fingerprint = Idempotency.fingerprint(request);
        Document old = new Document("_id", "x").append("fingerprint", fingerprint).append("status", 201)
                .append("body", "{}").append("location", "/api/v1/things/t-0");

        ResponseEntity<?> replay = Idempotency.replay(old, fingerprint);

        assertThat(replay.getHeaders().getLocation()).hasToString("/api/v1/things/t-0");
        assertThat(replay.getHeaders().get(Idempotency.REPLAYED_HEADER)).isEqualTo(List.of("true"));
    }

    @Test
    void aKeyedRequestWhoseBodyNoFilterHashedFailsLoudly() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setContentType("application/json");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThatThrownBy(() -> idempotency.execute("k-1", this::created)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RequestBodySpool");
        assertThat(runs).hasValue(0);
    }
}
