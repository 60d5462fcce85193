package org.spmonitor.platform.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;

/**
 * How every import endpoint takes a file: a raw {@code text/csv} body or a multipart part, read as
 * UTF-8 and streamed to the import, never read whole into memory. With an {@code Idempotency-Key} the
 * request must be fingerprinted before it runs, so a raw body is first spooled to a temporary file
 * (not memory) while it is hashed; the fingerprint is the format, the dry-run flag and the SHA-256 of
 * the file (and of a mapping file, for DHIS2).
 */
public final class CsvUploads {

    /** Runs {@code importer} over the request's CSV body, honouring {@code idempotencyKey}. */
    public static ResponseEntity<?> body(HttpServletRequest request, boolean dryRun, String idempotencyKey,
            String caller, Idempotency idempotency, Function<Reader, ?> importer) {
        try {
            if (idempotencyKey == null) {
                return ResponseEntity.ok(importer.apply(utf8(request.getInputStream())));
            }
            Path spooled = Files.createTempFile("spmonitor-import-", ".csv");
            try {
                String sha256;
                try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(spooled)) {
                    sha256 = copyHashing(in, out);
                }
                return idempotency.execute(idempotencyKey, caller, fingerprint("csv", dryRun, sha256, null), () -> {
                    try (BufferedReader reader = Files.newBufferedReader(spooled, StandardCharsets.UTF_8)) {
                        return ResponseEntity.ok(importer.apply(reader));
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
            finally {
                Files.deleteIfExists(spooled);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs {@code importer} over an uploaded CSV part, honouring {@code idempotencyKey}. */
    public static ResponseEntity<?> part(MultipartFile file, boolean dryRun, String idempotencyKey, String caller,
            Idempotency idempotency, Function<Reader, ?> importer) {
        Object request = idempotencyKey == null ? null : fingerprint("csv", dryRun, sha256(file), null);
        return idempotency.execute(idempotencyKey, caller, request, () -> {
            try (BufferedReader reader = utf8(file.getInputStream())) {
                return ResponseEntity.ok(importer.apply(reader));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** What identifies an import request for {@link Idempotency}. */
    public static Map<String, Object> fingerprint(String format, boolean dryRun, String fileSha256,
            String mappingSha256) {
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("import", format);
        fingerprint.put("dryRun", dryRun);
        fingerprint.put("fileSha256", fileSha256);
        fingerprint.put("mappingSha256", mappingSha256);
        return fingerprint;
    }

    /** The SHA-256 of an uploaded part, read as a stream. */
    public static String sha256(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return copyHashing(in, OutputStream.nullOutputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static BufferedReader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static String copyHashing(InputStream in, OutputStream out) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream hashing = new DigestInputStream(in, digest)) {
                hashing.transferTo(out);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private CsvUploads() {
    }
}
