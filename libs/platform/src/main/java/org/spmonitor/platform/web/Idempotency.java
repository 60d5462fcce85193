package org.spmonitor.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.bson.Document;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.InvalidInputException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on every POST: the first request with a key runs and its response is kept;
 * a later request with the same key and the same body gets that response again (with
 * {@code Idempotent-Replayed: true}) and creates nothing; the same key with another body is a 409.
 * Keys are scoped to the caller. Without a key the request simply runs (re-submitting identical
 * data is still harmless: it is reported unchanged).
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

    public <T> ResponseEntity<?> execute(String key, String caller, Object request, Supplier<ResponseEntity<T>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String id = sha256(caller + "\n" + key);
        String fingerprint = sha256(json.writeValueAsString(request));
        Document previous = mongo.findById(id, Document.class, COLLECTION);
        if (previous != null) {
            return replay(previous, fingerprint);
        }
        ResponseEntity<T> response = action.get();
        Document record = new Document("_id", id).append("fingerprint", fingerprint)
                .append("status", response.getStatusCode().value())
                .append("body", response.getBody() == null ? null : json.writeValueAsString(response.getBody()))
                .append("location", response.getHeaders().getFirst(HttpHeaders.LOCATION))
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

    private static ResponseEntity<?> replay(Document previous, String fingerprint) {
        if (!fingerprint.equals(previous.getString("fingerprint"))) {
            throw new ConflictException("this Idempotency-Key was already used with a different request body");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(previous.getInteger("status"))
                .header(REPLAYED_HEADER, "true").contentType(MediaType.APPLICATION_JSON);
        if (previous.getString("location") != null) {
            builder.header(HttpHeaders.LOCATION, previous.getString("location"));
        }
        String body = previous.getString("body");
        return body == null ? builder.build() : builder.body(body);
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
