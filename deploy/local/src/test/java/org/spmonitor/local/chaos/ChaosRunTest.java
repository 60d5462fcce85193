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
    void refusesUnknownFaultsAndOptions() {
        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--faults=kafka,meteor" }))
                .hasMessageContaining("meteor");
        assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] { "--speed=11" }))
                .hasMessageContaining("--speed");
    }
}
