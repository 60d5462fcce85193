package org.spmonitor.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.bson.Document;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.InvalidInputException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on every POST: the first request with a key runs and its response (status,
 * headers, body) is kept; a later request with the same key and the same request gets that response
 * again, every header included (with {@code Idempotent-Replayed: true}), and creates nothing; the same
 * key with another request is a 409. Keys are scoped to the caller. Without a key the request simply
 * runs (re-submitting identical data is still harmless: it is reported unchanged).
 * <p>
 * "The same request" is decided here, not by the caller: the SHA-256 of the method, the path with its
 * query string, and the body exactly as sent. A plain body is hashed by {@link RequestBodySpool} as it
 * is read; a multipart body by its parts (name, file name, content), since its boundary differs on every
 * send. Only answers below 400 are kept: a refused request leaves the key free for the corrected one.
 */
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String COLLECTION = "idempotency_keys";
    static final int MAX_KEY_LENGTH = 200;

    private final MongoTemplate mongo;
    private final JsonMapper json;

    public Idempotency(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    /** Runs {@code action} for the current request, or replays the answer kept for its key. */
    public <T> ResponseEntity<?> execute(String key, Supplier<ResponseEntity<T>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        HttpServletRequest request = currentRequest();
        String id = sha256(Caller.current().name() + "\n" + key);
        String fingerprint = fingerprint(request);
        Document previous = mongo.findById(id, Document.class, COLLECTION);
        if (previous != null) {
            return replay(previous, fingerprint);
        }
        ResponseEntity<T> response = action.get();
        if (response.getStatusCode().isError()) {
            return response;
        }
        List<Document> headers = new ArrayList<>();
        response.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(
                new Document("name", name).append("value", value))));
        Document record = new Document("_id", id).append("fingerprint", fingerprint)
                .append("status", response.getStatusCode().value())
                .append("body", response.getBody() == null ? null : json.writeValueAsString(response.getBody()))
                .append("headers", headers)
                .append("createdAt", Instant.now());
        try {
            mongo.insert(record, COLLECTION);
        }
        catch (DuplicateKeyException ex) {
            // a concurrent request with the same key won; its result stands
            return replay(mongo.findById(id, Document.class, COLLECTION), fingerprint);
        }
        return response;
    }

    static ResponseEntity<?> replay(Document previous, String fingerprint) {
        if (!fingerprint.equals(previous.getString("fingerprint"))) {
            throw new ConflictException("this Idempotency-Key was already used with a different request");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(previous.getInteger("status"))
                .header(REPLAYED_HEADER, "true").contentType(MediaType.APPLICATION_JSON);
        List<Document> headers = previous.getList("headers", Document.class);
        if (headers != null) {
            for (Document header : headers) {
                if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header.getString("name"))) {
                    builder.contentType(MediaType.parseMediaType(header.getString("value")));
                }
                else {
                    builder.header(header.getString("name"), header.getString("value"));
                }
            }
        }
        else if (previous.getString("location") != null) {
            // kept before the headers were: the Location was all there was
            builder.header(HttpHeaders.LOCATION, previous.getString("location"));
        }
        String body = previous.getString("body");
        return body == null ? builder.build() : builder.body(body);
    }

    /** SHA-256 of the method, the path and query, and the body of {@code request}. */
    static String fingerprint(HttpServletRequest request) {
        String query = request.getQueryString();
        return sha256(request.getMethod() + "\n" + request.getRequestURI() + (query == null ? "" : "?" + query)
                + "\n" + bodyDigest(request));
    }

    private static String bodyDigest(HttpServletRequest request) {
        Object spooled = request.getAttribute(RequestBodySpool.DIGEST_ATTRIBUTE);
        if (spooled instanceof String digest) {
            return digest;
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            return partsDigest(request);
        }
        throw new IllegalStateException("the body of " + request.getMethod() + " " + request.getRequestURI()
                + " was not hashed: the platform's RequestBodySpool filter must run for requests with an "
                + HEADER);
    }

    private static String partsDigest(HttpServletRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Part part : request.getParts()) {
                digest.update((part.getName() + "\n" + part.getSubmittedFileName() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(part.getInputStream(), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (ServletException ex) {
            throw new IllegalStateException(ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        throw new IllegalStateException("Idempotency works on servlet requests only");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
