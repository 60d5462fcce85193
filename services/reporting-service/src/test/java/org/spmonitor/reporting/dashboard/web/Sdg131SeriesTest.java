package org.spmonitor.reporting.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.TargetGroup;

/** Our target groups as ILOSTAT's SDG 1.3.1 series (docs/sdmx-export.md). */
class Sdg131SeriesTest {

    @Test
    void mapsEachSdg131GroupToItsIlostatSeries() {
        assertThat(Sdg131Series.ilostatCode(TargetGroup.CHILDREN)).contains("SOC_CONTIG_CHILD");
        assertThat(Sdg131Series.ilostatCode(TargetGroup.MOTHERS_WITH_NEWBORNS)).contains("SOC_CONTIG_MAT");
        assertThat(Sdg131Series.ilostatCode(TargetGroup.PERSONS_WITH_DISABILITIES)).contains("SOC_CONTIG_DISAB");
        assertThat(Sdg131Series.ilostatCode(TargetGroup.UNEMPLOYED)).contains("SOC_CONTIG_UNE");
        assertThat(Sdg131Series.ilostatCode(TargetGroup.OLDER_PERSONS)).contains("SOC_CONTIG_PENSION");
        assertThat(Sdg131Series.ilostatCode(TargetGroup.WORK_INJURY_VICTIMS)).contains("SOC_CONTIG_INJ");
        assertThat(Sdg131Series.ilostatCode(TargetGroup.POOR_AND_VULNERABLE)).contains("SOC_CONTIG_POOR");
    }

    @Test
    void informalEconomyWorkersHaveNoSdg131SeriesAndGetSpmonitorsOwnCode() {
        assertThat(Sdg131Series.ilostatCode(TargetGroup.INFORMAL_ECONOMY_WORKERS)).isEmpty();
        assertThat(Sdg131Series.socCode(TargetGroup.INFORMAL_ECONOMY_WORKERS)).isEqualTo("SPM_INFORMAL_ECONOMY");
    }

    @Test
    void noTwoGroupsShareASeries() {
        assertThat(Arrays.stream(TargetGroup.values()).map(Sdg131Series::socCode)).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[A-Z_]+"));
        assertThat(Arrays.stream(TargetGroup.values()).map(Sdg131Series::ilostatCode).filter(Optional::isPresent))
                .hasSize(7);
    }
}
