package org.spmonitor.reporting.testdata;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.spmonitor.testsupport.TestTokens;

/** A browser's subscription to a reporting-service instance's live stream: the lines it received. */
public final class LiveStream implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;

    private LiveStream(HttpResponse<Stream<String>> response) {
        this.response = response;
    }

    /** Subscribes as a viewer and waits for the server's first comment line. */
    public static LiveStream subscribe(int port) {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dashboards/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + TestTokens.viewer()).build(),
                HttpResponse.BodyHandlers.ofLines()).join();
        LiveStream stream = new LiveStream(response);
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(stream.lines::add);
            }
            catch (UncheckedIOException closed) {
                // the test hung up
            }
        }, "sse-reader-" + port);
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines.stream().anyMatch(l -> l.startsWith(":")));
        return stream;
    }

    /** Every line received so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The data lines of the events named {@code event} received so far. */
    public List<String> data(String event) {
        List<String> copy = lines();
        List<String> data = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < copy.size(); i++) {
            if (copy.get(i).equals("event:" + event) && copy.get(i + 1).startsWith("data:")) {
                data.add(copy.get(i + 1).substring("data:".length()));
            }
        }
        return data;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
