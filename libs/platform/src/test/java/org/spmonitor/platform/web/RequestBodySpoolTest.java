package org.spmonitor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodySpoolTest {

    private record Seen(byte[] body, Object digest) {
    }

    private static Seen filter(MockHttpServletRequest request) throws Exception {
        AtomicReference<Seen> seen = new AtomicReference<>();
        new RequestBodySpool().doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(ServletRequest passed, ServletResponse response) {
                try {
                    seen.set(new Seen(passed.getInputStream().readAllBytes(),
                            ((HttpServletRequest) passed).getAttribute(RequestBodySpool.DIGEST_ATTRIBUTE)));
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
        return seen.get();
    }

    private static MockHttpServletRequest keyed(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setContentType("text/csv");
        request.addHeader(Idempotency.HEADER, "k");
        request.setContent(body);
        return request;
    }

    @Test
    void aSmallBodyIsHashedAndReadAgainUnchanged() throws Exception {
        byte[] body = "currency,year\nXOF,2025\n".getBytes(StandardCharsets.UTF_8);

        Seen seen = filter(keyed(body));

        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.digest()).isEqualTo(Idempotency.sha256("currency,year\nXOF,2025\n"));
    }

    @Test
    void aBodyLargerThanTheMemoryLimitIsSpooledToDiskAndReadAgainUnchanged() throws Exception {
        byte[] body = new byte[RequestBodySpool.IN_MEMORY_BYTES * 2 + 17];
        Arrays.fill(body, (byte) 'x');
        body[body.length - 1] = '\n';

        Seen seen = filter(keyed(body));

        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.digest()).isEqualTo(Idempotency.sha256(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void aRequestWithoutAKeyPassesUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));

        Seen seen = filter(request);

        assertThat(seen.digest()).isNull();
        assertThat(seen.body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }
}
