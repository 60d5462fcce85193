package org.spmonitor.reporting.dashboard.web;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.events.programme.TargetGroup;

/**
 * Our eight target groups as the series of SDG indicator 1.3.1 in ILOSTAT (dataflow
 * {@code ILO:DF_SDG_0131_SEX_SOC_RT(1.0)}, dimension {@code SOC}, "social protection function /
 * contingency"). Where each code comes from and which mappings are assumptions: docs/sdmx-export.md.
 */
final class Sdg131Series {

    /** Our own code for a group that has no SDG 1.3.1 series; used in spmonitor's dataflows only. */
    static final String INFORMAL_ECONOMY = "SPM_INFORMAL_ECONOMY";

    private static final Map<TargetGroup, String> ILOSTAT = new EnumMap<>(TargetGroup.class);

    static {
        ILOSTAT.put(TargetGroup.CHILDREN, "SOC_CONTIG_CHILD");
        ILOSTAT.put(TargetGroup.MOTHERS_WITH_NEWBORNS, "SOC_CONTIG_MAT");
        ILOSTAT.put(TargetGroup.PERSONS_WITH_DISABILITIES, "SOC_CONTIG_DISAB");
        ILOSTAT.put(TargetGroup.UNEMPLOYED, "SOC_CONTIG_UNE");
        ILOSTAT.put(TargetGroup.OLDER_PERSONS, "SOC_CONTIG_PENSION");
        ILOSTAT.put(TargetGroup.WORK_INJURY_VICTIMS, "SOC_CONTIG_INJ");
        ILOSTAT.put(TargetGroup.POOR_AND_VULNERABLE, "SOC_CONTIG_POOR");
    }

    /** The ILOSTAT SDG 1.3.1 series of a group; empty for a group that has none (informal economy workers). */
    static Optional<String> ilostatCode(TargetGroup group) {
        return Optional.ofNullable(ILOSTAT.get(group));
    }

    /** The SOC code of a group in spmonitor's own dataflows: ILOSTAT's where there is one, else ours. */
    static String socCode(TargetGroup group) {
        return ilostatCode(group).orElse(INFORMAL_ECONOMY);
    }

    private Sdg131Series() {
    }
}
