package org.spmonitor.beneficiary.ingestion.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.events.Topics;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * A non-Java integrating system: {@code src/test/node/publish-submissions.js}, a kafkajs client run by
 * node, publishes one good and one bad submission exactly as the README tells integrators to, and
 * waits for the answers (its exit code says whether both came). Without node or its node_modules the
 * test is skipped, loudly; on CI ({@code CI=true}) it fails instead.
 */
class KafkajsPublisherIntegrationTest extends BeneficiaryIntegrationTest {

    private static final Path NODE_PROJECT = Path.of("src", "test", "node");
    private static final String INSTALL = "npm ci --prefer-offline --prefix services/beneficiary-service/src/test/node"
            + " (from the repository root; needs node >= 18 and npm)";

    private static boolean nodeWorks() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requireNodeAndKafkajs() {
        String missing = !nodeWorks() ? "node is not installed"
                : !Files.isDirectory(NODE_PROJECT.resolve("node_modules").resolve("kafkajs"))
                        ? "kafkajs is not installed in " + NODE_PROJECT.resolve("node_modules") : null;
        if (missing == null) {
            return;
        }
        String message = "\n\n*** KafkajsPublisherIntegrationTest cannot run: " + missing + ". Install with: "
                + INSTALL + " ***\n";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    @Test
    void aKafkajsClientsGoodSubmissionIsReportedAndItsBadOneIsAnsweredOnTheRejectionsTopic() throws Exception {
        requireNodeAndKafkajs();
        String programmeId = registerProgramme("SEN");
        Path output = Files.createTempFile("kafkajs-publisher-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("node", "--dns-result-order=ipv4first", "publish-submissions.js",
                    SharedInfrastructure.kafkaBootstrapServers(), programmeId, "SEN", "90")
                    .directory(NODE_PROJECT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("SPMONITOR_TOKEN", TestTokens.reporter("SEN"));
            Process node = builder.start();
            node.getOutputStream().close();
            boolean ended = node.waitFor(3, TimeUnit.MINUTES);
            if (!ended) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("node ended; its output:\n" + log).isTrue();
            assertThat(node.exitValue()).as("the script saw both answers; its output:\n" + log).isZero();

            List<String> lines = log.lines().filter(line -> line.startsWith("{")).toList();
            JsonNode published = JSON.readTree(lines.stream().filter(l -> l.contains("\"published\"")).findFirst()
                    .orElseThrow()).get("published");
            String goodId = published.get(0).asString();
            String badId = published.get(1).asString();

            JsonNode rejection = awaitPayloads(Topics.SUBMISSION_REJECTIONS, subject(badId), 1).get(0);
            assertThat(rejection.get("submittedBy").asString()).isEqualTo("kafkajs-mis");
            assertThat(rejection.get("reasons").get(0).get("field").asString()).isEqualTo("sex");

            JsonNode reported = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS,
                    typed("BeneficiaryCountReported").and(r -> r.value() != null
                            && new String(r.value(), StandardCharsets.UTF_8).contains(programmeId)), 1).get(0);
            assertThat(reported.get("total").asLong()).isEqualTo(52_340);
            assertThat(reported.get("country").asString()).isEqualTo("SEN");
            String countId = reported.get("countId").asString();
            JsonNode version = api().get("/api/v1/beneficiary-counts/" + countId).json().get("history").get(0);
            assertThat(version.get("reference").asString()).isEqualTo(goodId);
            assertThat(version.get("by").asString()).as("the identity its token proves").isEqualTo("test-reporter-SEN");
        }
        finally {
            Files.deleteIfExists(output);
        }
    }
}
