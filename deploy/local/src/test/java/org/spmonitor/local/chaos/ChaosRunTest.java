package org.spmonitor.local.chaos;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chaos run itself, shortened to two faults, so that deploy/chaos/run-chaos.sh keeps working; the
 * faults are tested one by one in FaultToleranceTest.
 */
class ChaosRunTest {

    @TempDir
    Path data;

    @Test
    void reportsEqualCountsPerFaultAndInTotal() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ChaosRun.Options options = ChaosRun.Options.parse(new String[] { "--faults=poison,redelivery", "--rate=20",
                "--data=" + data });

        boolean passed = new ChaosRun(options, new PrintStream(report, true, StandardCharsets.UTF_8)).run();

        String text = report.toString(StandardCharsets.UTF_8);
        assertThat(passed).as(text).isTrue();
        assertThat(text).contains("poison records on the beneficiary events topic")
                .contains("consumed records published again")
                .containsPattern("TOTAL\\s+(\\d+)\\s+\\1\\s+\\1\\s+\\d+\\s+equal")
                .contains("chaos run passed");
    }

    @Test
    void thePowerCutIsADefaultFaultAndRunsAloneWithItsOwnOptions() {
        ChaosRun.Options defaults = ChaosRun.Options.parse(new String[0]);
        assertThat(defaults.faults()).endsWith("power-cut").hasSize(8);
        assertThat(defaults.powerCuts()).isEqualTo(3);

        ChaosRun.Options alone = ChaosRun.Options.parse(new String[] { "--faults=power-cut", "--power-cuts=5",
                "--import-rows=20000", "--rate=500" });
        assertThat(alone.faults()).containsExactly("power-cut");
        assertThat(alone.powerCuts()).isEqualTo(5);
        assertThat(alone.importRows()).isEqualTo(20_000);
        assertThat(alone.rate()).isEqualTo(500);
        // a rate one connection cannot answer is spread over several client threads
        assertThat(ChaosRun.threadsFor(20)).isEqualTo(1);
        assertThat(ChaosRun.threadsFor(500)).isGreaterThan(5);
        // each cut comes at another moment of the load
        assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(PowerCut::delay).distinct()).hasSize(5);

        ChaosRun.Options cluster = ChaosRun.Options.parse(new String[] { "--cluster" });
        assertThat(cluster.cluster()).isTrue();
        assertThat(cluster.faults()).containsExactly("broker-and-instances");
        assertThat(cluster.reportingInstances()).isEqualTo(1);
        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--faults=broker-and-instances" }))
                .hasMessageContaining("needs --cluster");

        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--power-cuts=0" }))
                .hasMessageContaining("--power-cuts");
        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--rate=5000" }))
                .hasMessageContaining("--rate");
    }

    @Test
    void readsWhenTheRestartedStacksConsumersHadTheirPartitionsBack() throws Exception {
        Path log = data.resolve("stack.log");
        java.nio.file.Files.write(log, java.util.List.of(
                "2026-11-28T00:20:00.000Z  INFO 100 --- [main] org.spmonitor.local.LocalStack           : "
                        + "Kafka broker listening at 127.0.0.1:1 (cluster id x, newly formatted storage)",
                "2026-11-28T00:20:09.000Z  INFO 100 --- [C-1] o.s.k.l.KafkaMessageListenerContainer    : "
                        + "g.old: partitions assigned: [t-0]",
                "2026-11-28T00:25:00.000Z  INFO 200 --- [main] org.spmonitor.local.LocalStack           : "
                        + "Kafka broker listening at 127.0.0.1:1 (cluster id x, existing storage)",
                "2026-11-28T00:25:01.000Z  INFO 200 --- [C-1] o.s.k.l.KafkaMessageListenerContainer    : "
                        + "a.projection: partitions assigned: []",
                "2026-11-28T00:25:01.500Z  INFO 200 --- [C-1] o.s.k.l.KafkaMessageListenerContainer    : "
                        + "a.projection: partitions assigned: [t-0, t-1]",
                "2026-11-28T00:25:02.000Z  INFO 200 --- [C-1] o.s.k.l.KafkaMessageListenerContainer    : "
                        + "b.submissions: partitions assigned: [s-0]",
                "2026-11-28T00:25:09.000Z  INFO 200 --- [C-1] o.s.k.l.KafkaMessageListenerContainer    : "
                        + "b.submissions: partitions assigned: [s-0]"));

        assertThat(PowerCut.consumersBack(log, 200, java.time.Instant.parse("2026-11-28T00:25:05Z")))
                .isEqualTo("the consumers of 2 groups had their partitions back 2.0 s after the broker listened, "
                        + "3.0 s before the stack was up");
        assertThat(PowerCut.consumersBack(log, 300, java.time.Instant.parse("2026-11-28T00:25:05Z")))
                .contains("no partition assignment");
    }

    @Test
    void refusesUnknownFaultsAndOptions() {
        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--faults=kafka,meteor" }))
                .hasMessageContaining("meteor");
        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--speed=11" }))
                .hasMessageContaining("--speed");
    }
}
