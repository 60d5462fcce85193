package org.spmonitor.reporting.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.DashboardSdmxCsvRows.parse;
import static org.spmonitor.reporting.testdata.DashboardSdmxCsvRows.row;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.reporting.dashboard.domain.CountFact;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.testdata.Facts;

/** The SDMX-CSV writer: columns of both versions, one row per observation, missing figures never 0. */
class DashboardSdmxCsvTest {

    private static final CountryDashboard KHM = DashboardCalculator.country("KHM", 2025, List.of(
            CountFact.of(Facts.active("p1", "KHM", "2025Q4", TargetGroup.CHILDREN, 500)),
            CountFact.of(Facts.active("p1", "KHM", "2025Q4", TargetGroup.PERSONS_WITH_DISABILITIES, 70)),
            CountFact.of(Facts.active("p1", "KHM", "2025Q4", TargetGroup.INFORMAL_ECONOMY_WORKERS, 30))),
            List.of(ProgrammeFact.of(Facts.programmeWithGroupTargets("p1", "KHM", 2025, 2_000, 400))));

    @Test
    void version2HasTheStructureColumnsAndOneRowPerObservation() {
        String csv = DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V2, List.of(KHM));

        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,MEASURE,"
                + "SEX,SOC,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,COMMENT_OBS,VALIDATION");
        assertThat(csv).contains("\r\n");
        List<CSVRecord> rows = parse(csv);
        CSVRecord coverage = row(rows, "SDG_0131_RT", "SOC_CONTIG_CHILD");
        assertThat(coverage.toMap()).containsAllEntriesOf(Map.of("STRUCTURE", "dataflow",
                "STRUCTURE_ID", "ILO:DF_SDG_0131_SEX_SOC_RT(1.0)", "ACTION", "I", "REF_AREA", "KHM", "FREQ", "A",
                "SEX", "SEX_T", "TIME_PERIOD", "2025", "OBS_VALUE", "25.00", "UNIT_MEASURE", "PT", "OBS_STATUS", "A"));
        CSVRecord active = row(rows, "BEN_ACTIVE", "SOC_CONTIG_CHILD");
        assertThat(active.get("STRUCTURE_ID")).isEqualTo("SPMONITOR:DF_SP_BENEFICIARIES(1.0)");
        assertThat(active.get("OBS_VALUE")).isEqualTo("500");
        assertThat(active.get("UNIT_MEASURE")).isEqualTo("PS");
        assertThat(row(rows, "TARGET_POP", "SOC_CONTIG_CHILD").get("OBS_VALUE")).isEqualTo("2000");
        assertThat(row(rows, "SDG_0131_RT", "SOC_CONTIG_PENSION").get("OBS_VALUE")).isEqualTo("0.00");
    }

    @Test
    void aMissingDenominatorGivesAnEmptyValueWithAStatusSayingWhyNeverZero() {
        List<CSVRecord> rows = parse(DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V2, List.of(KHM)));

        for (String measure : List.of("SDG_0131_RT", "TARGET_POP")) {
            CSVRecord missing = row(rows, measure, "SOC_CONTIG_DISAB");
            assertThat(missing.get("OBS_VALUE")).isEmpty();
            assertThat(missing.get("OBS_STATUS")).isEqualTo("L");
            assertThat(missing.get("COMMENT_OBS")).contains("no target population");
        }
        assertThat(row(rows, "BEN_ACTIVE", "SOC_CONTIG_DISAB").get("OBS_VALUE")).isEqualTo("70");
    }

    @Test
    void informalEconomyWorkersAreCountedInSpmonitorsDataflowButHaveNoSdg131Row() {
        List<CSVRecord> rows = parse(DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V2, List.of(KHM)));

        assertThat(row(rows, "BEN_ACTIVE", "SPM_INFORMAL_ECONOMY").get("OBS_VALUE")).isEqualTo("30");
        assertThat(rows).noneMatch(r -> r.get("STRUCTURE_ID").startsWith("ILO:")
                && r.get("SOC").equals("SPM_INFORMAL_ECONOMY"));
        assertThat(rows).filteredOn(r -> r.get("STRUCTURE_ID").startsWith("ILO:")).extracting(r -> r.get("SOC"))
                .containsExactly("SOC_CONTIG_CHILD", "SOC_CONTIG_DISAB", "SOC_CONTIG_PENSION");
    }

    @Test
    void version1StartsWithTheDataflowColumn() {
        List<String> lines = DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V1, List.of(KHM)).lines().toList();

        assertThat(lines.get(0)).startsWith("DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,SOC,TIME_PERIOD,OBS_VALUE");
        assertThat(lines).contains("ILO:DF_SDG_0131_SEX_SOC_RT(1.0),KHM,A,SDG_0131_RT,SEX_T,SOC_CONTIG_CHILD,2025,25.00,PT,A,,all");
    }

    @Test
    void countriesAreWrittenInOrderAndANoDataCountryHasNoRows() {
        CountryDashboard empty = DashboardCalculator.country("AGO", 2025, CountryFacts.empty());
        List<CSVRecord> rows = parse(DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V2, List.of(KHM, empty)));

        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.get("REF_AREA")).isEqualTo("KHM"));
    }

    @Test
    void aProgrammesRowsAreInSpmonitorsProgrammeDataflowWithTheProgrammeColumn() {
        ProgrammeFact p = ProgrammeFact.of(Facts.programmeWithGroupTargets("p1", "KHM", 2025, 2_000, 400));
        ProgrammeDashboard d = DashboardCalculator.programme(p, 2025, new CountryFacts(List.of(
                CountFact.of(Facts.active("p1", "KHM", "2025Q4", TargetGroup.CHILDREN, 500))), List.of(p), List.of(),
                ExchangeRates.none(), List.of(), List.of()));

        List<CSVRecord> rows = parse(DashboardSdmxCsv.programme(DashboardSdmxCsv.Version.V2, d));

        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("STRUCTURE_ID")).isEqualTo("SPMONITOR:DF_SP_PROGRAMME_SOC(1.0)");
            assertThat(r.get("PROGRAMME")).isEqualTo("p1");
            assertThat(r.get("VALIDATION")).isEqualTo("all");
        });
        assertThat(new BigDecimal(row(rows, "SDG_0131_RT", "SOC_CONTIG_CHILD").get("OBS_VALUE")))
                .isEqualByComparingTo("25");
    }

    @Test
    void everyRowSaysWhichFiguresItHolds() {
        List<CSVRecord> all = parse(DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V2, List.of(KHM)));
        List<CSVRecord> validated = parse(DashboardSdmxCsv.countries(DashboardSdmxCsv.Version.V2, List.of(KHM),
                "validated"));

        assertThat(all).isNotEmpty().allSatisfy(r -> assertThat(r.get("VALIDATION")).isEqualTo("all"));
        assertThat(validated).hasSameSizeAs(all).allSatisfy(r -> assertThat(r.get("VALIDATION")).isEqualTo("validated"));
    }
}
