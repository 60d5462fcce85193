package org.spmonitor.reporting.dashboard.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.spmonitor.platform.csv.CsvWriter;
import org.spmonitor.reporting.dashboard.domain.Breakdown;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.Validation;

/**
 * CSV export of the dashboards, in one long ("tidy") table that spreadsheets and BI tools pivot
 * easily: {@code dashboard,country,programme,year,section,item,measure,value}, written by the platform's
 * {@link CsvWriter} (RFC 4180 quoting, CRLF line ends, cells that a spreadsheet would run as a formula
 * neutralised); UTF-8. A figure that is missing (no rate, no denominator) is the word {@code missing},
 * never 0. Decimals are plain ({@code 0.2500}, {@code 1234.56}); ratios are fractions (0.25 = 25 %).
 */
final class DashboardCsv {

    static final String HEADER = "dashboard,country,programme,year,section,item,measure,value";
    static final String MISSING = "missing";

    private final StringBuilder out = new StringBuilder();
    private final CsvWriter writer = CsvWriter.to(out).row(HEADER.split(","));
    private final String dashboard;
    private final String country;
    private final String programme;
    private final int year;
    /** The instant a dashboard as of a date shows (ADR 0021); null for the present. */
    private Instant asOf;

    private DashboardCsv(String dashboard, String country, String programme, int year) {
        this.dashboard = dashboard;
        this.country = country;
        this.programme = programme;
        this.year = year;
    }

    static String global(GlobalDashboard d, Freshness freshness, Validation validation) {
        return global(d, freshness, validation, null);
    }

    /**
     * The world's table; with a {@code validation}, its {@code validation} rows first (ADR 0019); as of a
     * date (ADR 0021) with a {@code freshness,,asOf} row.
     */
    static String global(GlobalDashboard d, Freshness freshness, Validation validation, Instant asOf) {
        DashboardCsv csv = new DashboardCsv("global", "", "", d.year());
        csv.asOf = asOf;
        if (validation != null) {
            csv.validation(validation);
        }
        csv.row("headline", "", "countryCount", d.countryCount());
        csv.beneficiaries(d.activeBeneficiaries(), d.newBeneficiaries(), d.targetPopulation(),
                d.activeBeneficiariesWithTarget(), d.coverageRate(), d.byTargetGroup(), d.sex(), d.ageGroup(),
                d.withDisability(), d.informalEconomy(), d.quarterly());
        for (GlobalDashboard.CountryRow c : d.countries()) {
            csv.row("country", c.country(), "programmes", c.programmes());
            csv.row("country", c.country(), "activeBeneficiaries", c.activeBeneficiaries());
            csv.row("country", c.country(), "newBeneficiaries", c.newBeneficiaries());
            csv.row("country", c.country(), "targetPopulation", c.targetPopulation());
            csv.row("country", c.country(), "coverageRate", c.coverageRate());
            csv.row("country", c.country(), "financingReports", c.financingReports());
            csv.row("country", c.country(), "allocatedUsd", c.allocatedUsd());
            csv.row("country", c.country(), "executedUsd", c.executedUsd());
            csv.row("country", c.country(), "executionRate", c.executionRate());
            csv.row("country", c.country(), "spendingShareOfGdp", c.spendingShareOfGdp());
            csv.row("country", c.country(), "allocatedUsdKnown", c.allocatedUsdKnown());
            csv.row("country", c.country(), "executedUsdKnown", c.executedUsdKnown());
            csv.row("country", c.country(), "spendingShareOfGovernmentExpenditure",
                    c.spendingShareOfGovernmentExpenditure());
            csv.row("country", c.country(), "executedUsdPerActiveBeneficiary", c.executedUsdPerActiveBeneficiary());
            csv.row("country", c.country(), "executedUsdPerTargetPerson", c.executedUsdPerTargetPerson());
        }
        csv.financing(d.financing());
        csv.milestonesByStatus(d.milestonesByStatus());
        csv.freshness(freshness);
        return csv.out.toString();
    }

    /** The country's table; with a {@code validation}, its {@code validation} rows first (ADR 0019). */
    static String country(CountryDashboard d, Freshness freshness, Validation validation) {
        return country(d, freshness, validation, null);
    }

    /** The country's table as of a date (ADR 0021): a {@code freshness,,asOf} row says which. */
    static String country(CountryDashboard d, Freshness freshness, Validation validation, Instant asOf) {
        DashboardCsv csv = new DashboardCsv("country", d.country(), "", d.year());
        csv.asOf = asOf;
        if (validation != null) {
            csv.validation(validation);
        }
        csv.beneficiaries(d.activeBeneficiaries(), d.newBeneficiaries(), d.targetPopulation(),
                d.activeBeneficiariesWithTarget(), d.coverageRate(), d.byTargetGroup(), d.sex(), d.ageGroup(),
                d.withDisability(), d.informalEconomy(), d.quarterly());
        for (CountryDashboard.ProgrammeFigures p : d.programmes()) {
            csv.row("programme", p.programmeId(), "name", p.name());
            csv.row("programme", p.programmeId(), "status", p.status());
            csv.row("programme", p.programmeId(), "activeBeneficiaries", p.activeBeneficiaries());
            csv.row("programme", p.programmeId(), "newBeneficiaries", p.newBeneficiaries());
            csv.row("programme", p.programmeId(), "targetPopulation", p.targetPopulation());
            csv.row("programme", p.programmeId(), "targetBeneficiaries", p.targetBeneficiaries());
            csv.row("programme", p.programmeId(), "coverageRate", p.coverageRate());
        }
        csv.financing(d.financing());
        csv.milestonesByStatus(d.milestonesByStatus());
        csv.milestones(d.milestones());
        csv.indicators(d.indicators());
        csv.freshness(freshness);
        return csv.out.toString();
    }

    /**
     * The programme's table; with a {@code validation}, its {@code validation} rows first (ADR 0019, see
     * {@link #validation}).
     */
    static String programme(ProgrammeDashboard d, Freshness freshness, Validation validation) {
        return programme(d, freshness, validation, null);
    }

    /** The programme's table as of a date (ADR 0021): a {@code freshness,,asOf} row says which. */
    static String programme(ProgrammeDashboard d, Freshness freshness, Validation validation, Instant asOf) {
        DashboardCsv csv = new DashboardCsv("programme", d.country(), d.programmeId(), d.year());
        csv.asOf = asOf;
        if (validation != null) {
            csv.validation(validation);
        }
        csv.row("programme", d.programmeId(), "name", d.name());
        csv.row("programme", d.programmeId(), "status", d.status());
        csv.row("programme", d.programmeId(), "targetBeneficiaries", d.targetBeneficiaries());
        csv.beneficiaries(d.activeBeneficiaries(), d.newBeneficiaries(), d.targetPopulation(), null, d.coverageRate(),
                d.byTargetGroup(), d.sex(), d.ageGroup(), d.withDisability(), d.informalEconomy(), d.quarterly());
        csv.financing(d.financing());
        csv.milestonesByStatus(d.milestonesByStatus());
        csv.milestones(d.milestones());
        csv.indicators(d.indicators());
        csv.freshness(freshness);
        return csv.out.toString();
    }

    private void beneficiaries(long active, long added, Long targetPopulation, Long activeWithTarget,
            BigDecimal coverage, List<CountryDashboard.GroupFigures> groups, Breakdown sex, Breakdown age,
            Breakdown disability, Breakdown informal, List<CountryDashboard.QuarterFigures> quarterly) {
        row("headline", "", "activeBeneficiaries", active);
        row("headline", "", "newBeneficiaries", added);
        row("headline", "", "targetPopulation", targetPopulation);
        if (activeWithTarget != null) {
            row("headline", "", "activeBeneficiariesWithTarget", activeWithTarget);
        }
        row("headline", "", "coverageRate", coverage);
        for (CountryDashboard.GroupFigures g : groups) {
            row("targetGroup", g.targetGroup(), "activeBeneficiaries", g.activeBeneficiaries());
            row("targetGroup", g.targetGroup(), "newBeneficiaries", g.newBeneficiaries());
            row("targetGroup", g.targetGroup(), "targetPopulation", g.targetPopulation());
            row("targetGroup", g.targetGroup(), "coverageRate", g.coverageRate());
        }
        breakdown("sex", sex);
        breakdown("ageGroup", age);
        breakdown("withDisability", disability);
        breakdown("informalEconomy", informal);
        for (CountryDashboard.QuarterFigures q : quarterly) {
            row("quarterly", q.period(), "activeBeneficiaries", q.activeBeneficiaries());
            row("quarterly", q.period(), "newBeneficiaries", q.newBeneficiaries());
            row("quarterly", q.period(), "allocatedUsd", q.allocatedUsd());
            row("quarterly", q.period(), "executedUsd", q.executedUsd());
            row("quarterly", q.period(), "allocatedUsdKnown", q.allocatedUsdKnown());
            row("quarterly", q.period(), "executedUsdKnown", q.executedUsdKnown());
            row("quarterly", q.period(), "executedUsdToDate", q.executedUsdToDate());
            row("quarterly", q.period(), "executedShareOfAllocatedToDate", q.executedShareOfAllocatedToDate());
        }
    }

    private void breakdown(String section, Breakdown breakdown) {
        breakdown.parts().forEach((part, value) -> row(section, part, "activeBeneficiaries", value));
        row(section, "notReported", "activeBeneficiaries", breakdown.notReported());
    }

    private void financing(FinancingSummary f) {
        row("financing", "", "reports", f.reports());
        row("financing", "", "currencies", String.join(" ", f.currencies()));
        row("financing", "", "localCurrency", f.localCurrency());
        row("financing", "", "allocatedLocal", f.allocatedLocal());
        row("financing", "", "executedLocal", f.executedLocal());
        row("financing", "", "allocatedUsd", f.allocatedUsd());
        row("financing", "", "executedUsd", f.executedUsd());
        row("financing", "", "executionRate", f.executionRate());
        row("financing", "", "gdpUsd", f.gdpUsd());
        row("financing", "", "spendingShareOfGdp", f.spendingShareOfGdp());
        row("financing", "", "totalGovernmentExpenditureUsd", f.totalGovernmentExpenditureUsd());
        row("financing", "", "spendingShareOfGovernmentExpenditure", f.spendingShareOfGovernmentExpenditure());
        row("financing", "", "allocatedUsdKnown", f.allocatedUsdKnown());
        row("financing", "", "executedUsdKnown", f.executedUsdKnown());
        row("financing", "", "allocatedOnlyShare", f.allocatedOnlyShare());
        row("financing", "", "reportsCovered", f.reportsCovered());
        row("financing", "", "reportsCoveredShare", f.reportsCoveredShare());
        row("financing", "", "executedUsdPerActiveBeneficiary", f.executedUsdPerActiveBeneficiary());
        row("financing", "", "executedUsdPerTargetPerson", f.executedUsdPerTargetPerson());
        f.missingRates().forEach(m -> row("financing", m.currency() + "/" + m.year(), "missingRate", "true"));
        if (f.excluded() != null) {
            f.excluded().forEach(e -> {
                String item = e.currency() + "/" + e.year();
                row("financingExcluded", item, "countries", String.join(" ", e.countries()));
                row("financingExcluded", item, "reports", e.reports());
            });
        }
        figures("financingByFunction", f.byFunction());
        figures("financingBySource", f.bySource());
    }

    private void figures(String section, List<FinancingSummary.FinancingFigures> figures) {
        for (FinancingSummary.FinancingFigures f : figures) {
            row(section, f.key(), "allocatedUsd", f.allocatedUsd());
            row(section, f.key(), "executedUsd", f.executedUsd());
            row(section, f.key(), "executionRate", f.executionRate());
            row(section, f.key(), "allocatedUsdKnown", f.allocatedUsdKnown());
            row(section, f.key(), "executedUsdKnown", f.executedUsdKnown());
        }
    }

    private void milestonesByStatus(Map<String, Long> byStatus) {
        byStatus.forEach((status, n) -> row("milestonesByStatus", status, "milestones", n));
    }

    private void milestones(List<CountryDashboard.MilestoneView> milestones) {
        for (CountryDashboard.MilestoneView m : milestones) {
            String item = m.programmeId() + "/" + m.milestoneId();
            row("milestone", item, "title", m.title());
            row("milestone", item, "dueDate", m.dueDate());
            row("milestone", item, "status", m.status());
        }
    }

    private void indicators(List<CountryDashboard.IndicatorView> indicators) {
        for (CountryDashboard.IndicatorView i : indicators) {
            String item = i.programmeId() + "/" + i.indicatorCode();
            row("indicator", item, "name", i.name());
            row("indicator", item, "unit", i.unit());
            row("indicator", item, "baselineValue", i.baselineValue());
            row("indicator", item, "baselineYear", i.baselineYear());
            row("indicator", item, "targetValue", i.targetValue());
            row("indicator", item, "targetYear", i.targetYear());
            row("indicator", item, "actualPeriod", i.actualPeriod());
            row("indicator", item, "actualValue", i.actualValue());
            row("indicator", item, "progress", i.progress());
        }
    }

    /**
     * Rows {@code validation,,view} (all or validated: which figures the file holds), {@code facts},
     * {@code validatedFacts} and {@code validatedShare} of the beneficiary counts, then the same three per
     * dataset ({@code validation,beneficiaryCounts,…}, {@code financingReports}, {@code indicatorResults})
     * and over all of them ({@code validation,overall,…}).
     */
    private void validation(Validation v) {
        row("validation", "", "view", v.view());
        row("validation", "", "facts", v.facts());
        row("validation", "", "validatedFacts", v.validatedFacts());
        row("validation", "", "validatedShare", v.validatedShare());
        share("beneficiaryCounts", v.byDataset().beneficiaryCounts());
        share("financingReports", v.byDataset().financingReports());
        share("indicatorResults", v.byDataset().indicatorResults());
        share("overall", v.overall());
    }

    private void share(String item, Validation.Share share) {
        row("validation", item, "facts", share.facts());
        row("validation", item, "validatedFacts", share.validatedFacts());
        row("validation", item, "validatedShare", share.validatedShare());
    }

    private void freshness(Freshness f) {
        row("freshness", "", "newestEventTime", f.newestEventTime());
        row("freshness", "", "projectedAt", f.projectedAt());
        row("freshness", "", "projectionLagMillis", f.projectionLagMillis());
        if (asOf != null) {
            row("freshness", "", "asOf", asOf);
        }
    }

    private void row(String section, String item, String measure, Object value) {
        writer.row(dashboard, country, programme, String.valueOf(year), section, item, measure, format(value));
    }

    private static String format(Object value) {
        if (value == null) {
            return MISSING;
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
