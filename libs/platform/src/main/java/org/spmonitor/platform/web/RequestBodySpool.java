package org.spmonitor.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For a write that carries an {@code Idempotency-Key}, reads the body once before the application
 * does, hashing it (SHA-256, kept in the request attribute {@link #DIGEST_ATTRIBUTE} for
 * {@link Idempotency}) and keeping it (in memory up to {@value #IN_MEMORY_BYTES} bytes, in a temporary
 * file beyond, deleted when the request ends) for the application to read as usual. Multipart bodies
 * are left alone: the servlet container keeps their parts, which {@link Idempotency} hashes.
 */
public class RequestBodySpool extends OncePerRequestFilter {

    public static final String DIGEST_ATTRIBUTE = RequestBodySpool.class.getName() + ".sha256";
    static final int IN_MEMORY_BYTES = 1 << 20;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getHeader(Idempotency.HEADER) == null || !WRITES.contains(request.getMethod())
                || type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MessageDigest digest = sha256();
        Path file = null;
        byte[] bytes;
        try {
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            try (InputStream in = new DigestInputStream(request.getInputStream(), digest)) {
                byte[] buffer = new byte[8192];
                OutputStream out = memory;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (file == null && memory.size() + n > IN_MEMORY_BYTES) {
                        file = Files.createTempFile("spmonitor-body-", ".spool");
                        out = Files.newOutputStream(file);
                        memory.writeTo(out);
                    }
                    out.write(buffer, 0, n);
                }
                if (file != null) {
                    out.close();
                }
            }
            bytes = file == null ? memory.toByteArray() : null;
            request.setAttribute(DIGEST_ATTRIBUTE, HexFormat.of().formatHex(digest.digest()));
            chain.doFilter(new SpooledRequest(request, bytes, file), response);
        }
        finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The request with its body served again from memory or from the spool file. */
    private static final class SpooledRequest extends HttpServletRequestWrapper {

        private final byte[] bytes;
        private final Path file;

        SpooledRequest(HttpServletRequest request, byte[] bytes, Path file) {
            super(request);
            this.bytes = bytes;
            this.file = file;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            InputStream in = bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the spooled body is read blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
