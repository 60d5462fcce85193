package org.spmonitor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat refuses before any application code runs is answered as problem details too, over a real
 * HTTP port (a raw socket: HTTP clients refuse to send such a request line at all).
 */
@SpmonitorIntegrationTest
class ContainerErrorsIntegrationTest {

    @LocalServerPort
    int port;

    private String send(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOperatorInjectionAttemptInTheQueryIsA400ProblemNotTomcatsHtmlPage() throws IOException {
        String response = send("GET /api/v1/financing-reports?country[$ne]=x HTTP/1.1");

        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 400");
        assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(body).doesNotContain("<html");
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("detail").asString()).contains("percent-encoded");
    }

    @Test
    void aMalformedRequestLineIsA400ProblemToo() throws IOException {
        String response = send("GET /api/v1/financing-reports?a={b} HTTP/1.1");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"status\":400");
    }
}
