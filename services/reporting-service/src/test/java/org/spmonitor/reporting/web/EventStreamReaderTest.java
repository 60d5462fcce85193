package org.spmonitor.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The donor page's fetch-based server-sent events reader (static/event-stream.js): parsing split
 * chunks and every line ending, reconnecting, backing off, giving up a silent stream. Runs
 * src/test/node/event-stream.test.js with node's test runner; needs node only (no npm packages).
 */
class EventStreamReaderTest {

    @Test
    void theEventStreamReaderPassesItsNodeTests() throws Exception {
        NodeTools.require("The event stream reader test", NodeTools.onPath("node") ? null : "node (apt-get install -y nodejs)");
        Process node = new ProcessBuilder("node", "--test", "event-stream.test.js")
                .directory(NodeTools.NODE_PROJECT.toFile()).redirectErrorStream(true).start();
        String output;
        try {
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
            output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        finally {
            node.destroyForcibly();
        }

        assertThat(node.exitValue()).as("node --test event-stream.test.js:%n%s", output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }
}
