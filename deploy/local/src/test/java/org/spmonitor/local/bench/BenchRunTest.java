package org.spmonitor.local.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchRunTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(BenchRun.percentile(sorted, 50)).isEqualTo(50);
        assertThat(BenchRun.percentile(sorted, 95)).isEqualTo(95);
        assertThat(BenchRun.percentile(sorted, 99)).isEqualTo(99);
        assertThat(BenchRun.percentile(sorted, 100)).isEqualTo(100);
        assertThat(BenchRun.percentile(new long[] { 7 }, 99)).isEqualTo(7);
    }

    @Test
    void optionsDefaultToAFewHundredLatencySamplesAndBatchesOfAThousand() {
        BenchRun.Options options = BenchRun.Options.parse(new String[0]);
        assertThat(options.latencyCount()).isEqualTo(300);
        assertThat(options.batchSize()).isEqualTo(1_000);
        assertThat(options.pollInterval().toMillis()).isEqualTo(10);
    }
}
