package org.spmonitor.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.local.bench.Workload.Count;
import org.spmonitor.local.bench.Workload.Totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void optionsDefaultToIssueTenSizesAndEveryPhase() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertThat(options.latencyCount()).isEqualTo(300);
        assertThat(options.batchSize()).isEqualTo(1_000);
        assertThat(options.pollInterval().toMillis()).isEqualTo(10);
        assertThat(options.importCounts()).isEqualTo(100_000);
        assertThat(options.facts()).isEqualTo(1_000_000);
        assertThat(options.factsBackgroundRate()).isEqualTo(200);
        assertThat(options.jvmFlags()).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
        assertThat(options.phases()).containsExactlyElementsOf(BenchOptions.PHASES);
    }

    @Test
    void phasesCanBeChosenOrLeftOut() {
        assertThat(BenchOptions.parse(new String[] { "--phases=facts,import" }).phases())
                .containsExactlyInAnyOrder("import", "facts");
        assertThat(BenchOptions.parse(new String[] { "--skip=startup,raw", "--batches=0" }).phases())
                .containsExactly("latency", "import", "facts", "replay", "facts-latency");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--skip=imports" }))
                .hasMessageContaining("unknown phase 'imports'");
        assertThat(BenchOptions.parse(new String[] { "--stack-jvm-flags=" }).jvmFlags()).isEmpty();
    }

    @Test
    void aWorkloadSharesItsCountsEquallyAndExpectsTheHeldAggregationRules() {
        Map<String, List<String>> programmes = new LinkedHashMap<>();
        programmes.put("AAA", List.of("prg-a1", "prg-a2"));
        programmes.put("BBB", List.of("prg-b1", "prg-b2"));
        // 1,000 counts: 500 each, i.e. all 384 of prg-a1 (2 years x 192) and 116 of prg-a2's first year
        Workload workload = new Workload(programmes, List.of(2024, 2025), 1_000);
        List<Count> counts = new ArrayList<>();
        workload.forEach(counts::add);

        assertThat(counts).hasSize(1_000);
        assertThat(counts.stream().filter(c -> c.country().equals("AAA"))).hasSize(500);
        assertThat(counts.stream().map(Count::countId).distinct()).hasSize(1_000);
        // NEW: summed over the months; ACTIVE: per programme and group, the latest month of the year
        long newAaa2024 = counts.stream().filter(c -> c.country().equals("AAA") && c.year() == 2024
                && c.measure() == Measure.NEW).mapToLong(Count::total).sum();
        long activeAaa2024 = 0;
        for (String programme : programmes.get("AAA")) {
            for (var group : Workload.GROUPS) {
                activeAaa2024 += counts.stream().filter(c -> c.programmeId().equals(programme) && c.year() == 2024
                        && c.group() == group && c.measure() == Measure.ACTIVE)
                        .reduce((first, second) -> second).map(Count::total).orElse(0L);
            }
        }
        Map<String, Totals> expected = workload.expected();
        assertThat(expected.get("AAA/2024")).isEqualTo(new Totals(activeAaa2024, newAaa2024));
        // prg-a2 has only its first months of 2024, so its ACTIVE figure is that of a month before December
        assertThat(counts.stream().filter(c -> c.programmeId().equals("prg-a2")).mapToInt(Count::month).max())
                .hasValue(8);
        assertThat(expected.get("AAA/2025").newBeneficiaries()).isPositive();
        assertThat(expected).containsOnlyKeys("AAA/2024", "AAA/2025", "BBB/2024", "BBB/2025");
        assertThat(counts.get(0).countId()).matches("cnt-[0-9a-f]{20}");
        assertThat(counts.get(0).female() + counts.get(0).male()).isEqualTo(counts.get(0).total());
    }

    @Test
    void theWorldAddsEveryCountryOfAYearToWhatItShowedBefore() {
        Map<String, Totals> countries = Map.of("AAA/2025", new Totals(10, 1), "BBB/2025", new Totals(20, 2),
                "AAA/2024", new Totals(5, 5));
        Map<String, Totals> all = Dashboards.expectation(countries, Map.of(2025, new Totals(100, 100)));
        assertThat(all.get(Dashboards.WORLD + "/2025")).isEqualTo(new Totals(130, 103));
        assertThat(all.get(Dashboards.WORLD + "/2024")).isEqualTo(new Totals(5, 5));
    }

    @Test
    void programmesAreEnoughForTheirShare() {
        int perCountry = Workload.programmesPerCountry(100_000, 25, 5);
        assertThat((long) perCountry * 5 * Workload.PER_PROGRAMME_YEAR).isGreaterThanOrEqualTo(100_000 / 25);
        assertThat(Workload.countries(25, List.of())).hasSize(25).doesNotContainAnyElementsOf(Workload.RESERVED);
        assertThatThrownBy(() -> new Workload(Map.of("AAA", List.of("p")), List.of(2025), 193))
                .hasMessageContaining("too few programmes");
    }
}
