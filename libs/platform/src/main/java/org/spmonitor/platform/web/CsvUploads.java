package org.spmonitor.platform.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;

/**
 * How every import endpoint takes a file: a raw {@code text/csv} body or a multipart part, read as
 * UTF-8 and streamed to the import, never read whole into memory. Run it inside
 * {@link Idempotency#execute}: with an {@code Idempotency-Key} the platform has already spooled the
 * body (to disk past 1 MB) and fingerprinted it before the import runs.
 */
public final class CsvUploads {

    /** Runs {@code importer} over the request's body and answers 200 with what it returns. */
    public static <T> ResponseEntity<T> body(HttpServletRequest request, Function<Reader, T> importer) {
        try (BufferedReader reader = utf8(request.getInputStream())) {
            return ResponseEntity.ok(importer.apply(reader));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs {@code importer} over an uploaded part and answers 200 with what it returns. */
    public static <T> ResponseEntity<T> part(MultipartFile file, Function<Reader, T> importer) {
        try (BufferedReader reader = utf8(file.getInputStream())) {
            return ResponseEntity.ok(importer.apply(reader));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static BufferedReader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private CsvUploads() {
    }
}
