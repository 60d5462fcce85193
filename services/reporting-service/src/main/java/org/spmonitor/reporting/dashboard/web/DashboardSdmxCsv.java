package org.spmonitor.reporting.dashboard.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.csv.CsvWriter;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.Validation;

/**
 * SDMX-CSV export of beneficiaries and coverage per target group, in the shape ILOSTAT uses for SDG
 * indicator 1.3.1 (docs/sdmx-export.md): one row per observation, dimensions {@code REF_AREA} (ISO3),
 * {@code FREQ} (A), {@code MEASURE}, {@code SEX} ({@code SEX_T}), {@code SOC} (the group's series, see
 * {@link Sdg131Series}), {@code TIME_PERIOD} (the year); then {@code OBS_VALUE}, {@code UNIT_MEASURE},
 * {@code OBS_STATUS} and {@code COMMENT_OBS}.
 * <ul>
 * <li>Coverage rows belong to ILOSTAT's dataflow {@value #ILO_COVERAGE}, {@code MEASURE} SDG_0131_RT,
 * in percent (25.00 = 25 %), for the seven groups that are SDG 1.3.1 series.</li>
 * <li>Counts belong to spmonitor's dataflow {@value #BENEFICIARIES} (same dimensions): {@code BEN_ACTIVE},
 * {@code BEN_NEW} and {@code TARGET_POP}, in persons, for all eight groups.</li>
 * <li>A figure that is missing (no target population for the group and year) has an empty
 * {@code OBS_VALUE}, {@code OBS_STATUS} {@code L} (SDMX: "missing value; data exist but were not
 * collected") and a comment saying why; never 0. Other observations have {@code OBS_STATUS} {@code A}.</li>
 * </ul>
 * SDMX-CSV 2.0 starts each row with {@code STRUCTURE,STRUCTURE_ID,ACTION} ({@code dataflow}, the
 * dataflow, {@code I}); SDMX-CSV 1.0 with {@code DATAFLOW}. A programme's export puts every row in
 * spmonitor's dataflow {@value #PROGRAMME} (a programme's coverage is not its country's SDG 1.3.1
 * figure) with the programme in a custom {@code PROGRAMME} column. A last custom column {@code VALIDATION} says
 * which figures every row holds (ADR 0019): {@code all} (every accepted figure) or {@code validated} (the last
 * validated version of each fact only). Written by the platform's {@link CsvWriter} (RFC 4180, CRLF).
 */
final class DashboardSdmxCsv {

    static final String ILO_COVERAGE = "ILO:DF_SDG_0131_SEX_SOC_RT(1.0)";
    static final String BENEFICIARIES = "SPMONITOR:DF_SP_BENEFICIARIES(1.0)";
    static final String PROGRAMME = "SPMONITOR:DF_SP_PROGRAMME_SOC(1.0)";
    static final String COVERAGE_MEASURE = "SDG_0131_RT";
    static final String MISSING = "L";
    static final String NORMAL = "A";
    static final String NO_TARGET_POPULATION = "missing: no target population reported for this target group "
            + "and year, so no coverage rate (never 0)";

    /** The two versions of SDMX-CSV, told apart by their media type's {@code version} parameter. */
    enum Version {
        V1("1.0.0"), V2("2.0.0");

        private final String number;

        Version(String number) {
            this.number = number;
        }

        String mediaType() {
            return "application/vnd.sdmx.data+csv; version=" + number;
        }

        /** The version an Accept header asks for: 1.0.0 when it names it, 2.0.0 otherwise. */
        static Version accepted(String accept) {
            return accept != null && accept.toLowerCase(Locale.ROOT).replace(" ", "").contains("version=1.0") ? V1 : V2;
        }
    }

    private static final List<String> COMPONENTS = List.of("REF_AREA", "FREQ", "MEASURE", "SEX", "SOC", "TIME_PERIOD",
            "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS", "COMMENT_OBS");

    private final StringBuilder out = new StringBuilder();
    private final CsvWriter writer = CsvWriter.to(out);
    private final Version version;
    private final String programmeId;
    private final String view;

    private DashboardSdmxCsv(Version version, String programmeId, String view) {
        this.version = version;
        this.programmeId = programmeId;
        this.view = view;
        List<String> header = new ArrayList<>(version == Version.V2
                ? List.of("STRUCTURE", "STRUCTURE_ID", "ACTION") : List.of("DATAFLOW"));
        header.addAll(COMPONENTS);
        if (programmeId != null) {
            header.add("PROGRAMME");
        }
        header.add("VALIDATION");
        writer.row(header.toArray(String[]::new));
    }

    /** The rows of the countries' dashboards (the world export gives every country's), by country. */
    static String countries(Version version, List<CountryDashboard> dashboards) {
        return countries(version, dashboards, Validation.ALL);
    }

    /** The rows of the countries' dashboards in the view named ({@link Validation}: all or validated). */
    static String countries(Version version, List<CountryDashboard> dashboards, String view) {
        DashboardSdmxCsv csv = new DashboardSdmxCsv(version, null, view);
        dashboards.stream().sorted(Comparator.comparing(CountryDashboard::country))
                .forEach(d -> csv.groups(d.country(), d.year(), d.byTargetGroup()));
        return csv.out.toString();
    }

    static String programme(Version version, ProgrammeDashboard d) {
        return programme(version, d, Validation.ALL);
    }

    /** The rows of a programme's dashboard in the view named ({@link Validation}: all or validated). */
    static String programme(Version version, ProgrammeDashboard d, String view) {
        DashboardSdmxCsv csv = new DashboardSdmxCsv(version, d.programmeId(), view);
        csv.groups(d.country(), d.year(), d.byTargetGroup());
        return csv.out.toString();
    }

    private void groups(String country, int year, List<CountryDashboard.GroupFigures> groups) {
        groups.stream().sorted(Comparator.comparing(g -> TargetGroup.valueOf(g.targetGroup())))
                .forEach(g -> group(country, year, g));
    }

    private void group(String country, int year, CountryDashboard.GroupFigures g) {
        TargetGroup group = TargetGroup.valueOf(g.targetGroup());
        String counts = programmeId == null ? BENEFICIARIES : PROGRAMME;
        String soc = Sdg131Series.socCode(group);
        row(counts, country, "BEN_ACTIVE", soc, year, g.activeBeneficiaries(), "PS", null);
        row(counts, country, "BEN_NEW", soc, year, g.newBeneficiaries(), "PS", null);
        row(counts, country, "TARGET_POP", soc, year, g.targetPopulation(), "PS", NO_TARGET_POPULATION);
        Optional<String> series = Sdg131Series.ilostatCode(group);
        if (series.isPresent()) {
            BigDecimal percent = g.coverageRate() == null ? null : g.coverageRate().movePointRight(2);
            row(programmeId == null ? ILO_COVERAGE : PROGRAMME, country, COVERAGE_MEASURE, series.get(), year, percent,
                    "PT", NO_TARGET_POPULATION);
        }
    }

    private void row(String structure, String country, String measure, String soc, int year, Object value,
            String unit, String whyMissing) {
        List<String> cells = new ArrayList<>(version == Version.V2 ? List.of("dataflow", structure, "I")
                : List.of(structure));
        cells.addAll(List.of(country, "A", measure, "SEX_T", soc, String.valueOf(year),
                value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString(), unit,
                value == null ? MISSING : NORMAL, value == null ? whyMissing : ""));
        if (programmeId != null) {
            cells.add(programmeId);
        }
        cells.add(view);
        writer.row(cells.toArray(String[]::new));
    }
}
