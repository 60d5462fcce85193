package org.spmonitor.reporting.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Facts.active;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.Excluded;
import org.spmonitor.reporting.dashboard.domain.FinancingSummary.FinancingFigures;
import org.spmonitor.reporting.testdata.Facts;

/**
 * The financing rollup rules of DESIGN.md (issue 12) as a finance officer would check them, with
 * figures computed by hand: per amount the coarsest period reported, whole country as the total and
 * programmes as its breakdown, known totals beside missing ones, execution rate over lines reporting
 * both amounts, the quarterly view, and money set against results.
 */
class FinancingRollupRulesTest {

    private static final ReportingPeriod YEAR_2025 = ReportingPeriod.parse("2025").orElseThrow();
    private static final FinancingFunction FAMILY = FinancingFunction.FAMILY;
    private static final FinancingFunction HEALTH = FinancingFunction.HEALTH;
    private static final FundingSource TAX = FundingSource.DOMESTIC_TAX;
    private static final FundingSource GRANT = FundingSource.EXTERNAL_GRANT;

    private static FinancingLine line(FinancingFunction function, FundingSource source, String allocated,
            String executed) {
        return new FinancingLine(function, source, allocated == null ? null : new BigDecimal(allocated),
                executed == null ? null : new BigDecimal(executed));
    }

    private static FinancingFact report(String id, String country, String programmeId, String period, String currency,
            FinancingLine... lines) {
        return FinancingFact.of(new FinancingReportSubmitted(id, 1, country, period, currency, null, null, programmeId,
                List.of(lines)));
    }

    private static FinancingFact reportWithGdp(String id, String country, String period, String currency, String gdp,
            String tge, FinancingLine... lines) {
        return FinancingFact.of(new FinancingReportSubmitted(id, 1, country, period, currency, new BigDecimal(gdp),
                tge == null ? null : new BigDecimal(tge), null, List.of(lines)));
    }

    private static FinancingSummary year(ExchangeRates rates, FinancingFact... facts) {
        return FinancingCalculator.summarise(YEAR_2025, Arrays.asList(facts), rates);
    }

    private static FinancingSummary year(FinancingFact... facts) {
        return year(ExchangeRates.none(), facts);
    }

    // rule 1: per amount, the annual figure where reported, else the sum of the finer periods

    @Test
    void anAnnualBudgetAndQuarterlyExecutionReportsGiveAllocatedExecutedAndTheirRate() {
        FinancingSummary f = year(report("budget", "KHM", null, "2025", "USD", line(FAMILY, TAX, "1000", null)),
                report("q1", "KHM", null, "2025Q1", "USD", line(FAMILY, TAX, null, "100")),
                report("q2", "KHM", null, "2025Q2", "USD", line(FAMILY, TAX, null, "200")),
                report("q3", "KHM", null, "2025Q3", "USD", line(FAMILY, TAX, null, "150")));

        assertThat(f.allocatedUsd()).isEqualByComparingTo("1000");
        assertThat(f.executedUsd()).as("100 + 200 + 150: the budget law hides no execution report")
                .isEqualByComparingTo("450");
        assertThat(f.executionRate()).isEqualByComparingTo("0.45");
        assertThat(f.allocatedOnlyShare()).isEqualByComparingTo("0");
        assertThat(f.reports()).isEqualTo(4);
    }

    @Test
    void anAnnualExecutedFigureWinsOverQuarterlyOnesAndAQuarterOverItsMonths() {
        FinancingSummary annual = year(report("y", "KHM", null, "2025", "USD", line(FAMILY, TAX, "1000", "800")),
                report("q1", "KHM", null, "2025Q1", "USD", line(FAMILY, TAX, "250", "300")));
        FinancingSummary quarters = year(report("q1", "KHM", null, "2025Q1", "USD", line(FAMILY, TAX, null, "300")),
                report("jan", "KHM", null, "2025-01", "USD", line(FAMILY, TAX, null, "100")),
                report("apr", "KHM", null, "2025-04", "USD", line(FAMILY, TAX, null, "50")));

        assertThat(annual.executedUsd()).isEqualByComparingTo("800");
        assertThat(annual.allocatedUsd()).isEqualByComparingTo("1000");
        assertThat(annual.reports()).as("the quarter adds nothing to the year").isEqualTo(1);
        assertThat(quarters.executedUsd()).as("Q1 300 (January inside it is not added again) + April 50")
                .isEqualByComparingTo("350");
    }

    @Test
    void aBudgetOnlyLineNeverHidesAnotherLinesExecution() {
        // HEALTH has only its budget so far; FAMILY reports both
        FinancingSummary f = year(report("y", "KHM", null, "2025", "USD", line(FAMILY, TAX, "1000", "500"),
                line(HEALTH, GRANT, "1000", null)));

        assertThat(f.allocatedUsd()).isEqualByComparingTo("2000");
        assertThat(f.executedUsd()).isEqualByComparingTo("500");
        assertThat(f.executionRate()).as("over the FAMILY line only, not 500 / 2000").isEqualByComparingTo("0.5");
        assertThat(f.allocatedOnlyShare()).isEqualByComparingTo("0.5");
        assertThat(f.byFunction()).extracting(FinancingFigures::key).containsExactly("FAMILY", "HEALTH");
        assertThat(f.byFunction().get(1).executedUsd()).as("nothing executed reported: missing, not 0").isNull();
        assertThat(f.byFunction().get(1).executionRate()).isNull();
    }

    // rule 2: whole country is the total, programmes its breakdown

    @Test
    void aWholeCountryFigureIsTheTotalAndProgrammeFiguresAreItsBreakdown() {
        FinancingFact whole = report("whole", "KHM", null, "2025", "USD", line(FAMILY, TAX, "1000", "600"));
        FinancingFact p1 = report("p1", "KHM", "p1", "2025", "USD", line(FAMILY, TAX, "400", "300"),
                line(HEALTH, GRANT, "200", "100"));
        FinancingFact p2 = report("p2", "KHM", "p2", "2025", "USD", line(FAMILY, TAX, "500", "250"));

        FinancingSummary country = year(whole, p1, p2);
        FinancingSummary programme = year(p1);

        // FAMILY/DOMESTIC_TAX: the whole-country 1,000 / 600, not 1,900 / 1,150; HEALTH has no whole-country
        // figure, so it is the programme's
        assertThat(country.allocatedUsd()).isEqualByComparingTo("1200");
        assertThat(country.executedUsd()).isEqualByComparingTo("700");
        assertThat(country.bySource()).extracting(FinancingFigures::executedUsd)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("600"), new BigDecimal("100"));
        assertThat(programme.allocatedUsd()).isEqualByComparingTo("600");
        assertThat(programme.executedUsd()).isEqualByComparingTo("400");
    }

    @Test
    void withoutAWholeCountryFigureTheCountryIsTheSumOfItsProgrammesPerAmount() {
        // the whole-country report gives the budget only: executed is the programmes' sum
        FinancingSummary f = year(report("whole", "KHM", null, "2025", "USD", line(FAMILY, TAX, "2000", null)),
                report("p1", "KHM", "p1", "2025Q1", "USD", line(FAMILY, TAX, "900", "300")),
                report("p2", "KHM", "p2", "2025Q2", "USD", line(FAMILY, TAX, "900", "200")));

        assertThat(f.allocatedUsd()).as("the whole country's budget, not 2,000 + 900 + 900").isEqualByComparingTo("2000");
        assertThat(f.executedUsd()).isEqualByComparingTo("500");
        assertThat(f.executionRate()).isEqualByComparingTo("0.25");
    }

    // rule 3: missing rates

    @Test
    void aMissingRateLeavesTheTotalMissingAndGivesTheKnownTotalAndWhatItExcludes() {
        ExchangeRates rates = ExchangeRates.none().with("KHR", 2025, new BigDecimal("4000"));

        FinancingSummary f = year(rates, report("khr", "KHM", "p1", "2025", "KHR", line(FAMILY, TAX, "8000000", "4000000")),
                report("usd", "KHM", "p2", "2025", "USD", line(HEALTH, GRANT, "1000", "1000")),
                report("eur", "KHM", "p3", "2025", "EUR", line(HEALTH, GRANT, "500", "500")));

        assertThat(f.executedUsd()).as("depends on the missing EUR rate").isNull();
        assertThat(f.allocatedUsd()).isNull();
        assertThat(f.executedUsdKnown()).as("1,000 from KHR + 1,000 USD").isEqualByComparingTo("2000");
        assertThat(f.allocatedUsdKnown()).isEqualByComparingTo("3000");
        assertThat(f.excluded()).containsExactly(new Excluded("EUR", 2025, List.of("KHM"), 1));
        assertThat(f.reportsCovered()).isEqualTo(2);
        assertThat(f.reportsCoveredShare()).isEqualByComparingTo("0.6667");
        assertThat(f.byFunction().get(1).executedUsd()).as("HEALTH includes the EUR line").isNull();
        assertThat(f.byFunction().get(1).executedUsdKnown()).isEqualByComparingTo("1000");
        assertThat(f.byFunction().get(0).executedUsd()).as("FAMILY needs no EUR rate").isEqualByComparingTo("1000");
        assertThat(f.executionRate()).as("in USD over the lines with a rate: 2,000 / 3,000")
                .isEqualByComparingTo("0.6667");
    }

    // the world: countries' resolved lines together

    @Test
    void aBudgetOnlyCountryLeavesTheWorldsExecutedFiguresIntact() {
        FinancingSummary uga = year(reportWithGdp("a", "UGA", "2025", "USD", "100000", null,
                line(FAMILY, TAX, "2000", "1000")));
        FinancingSummary ken = year(reportWithGdp("b", "KEN", "2025", "USD", "900000", null,
                line(FAMILY, TAX, "5000", null)));

        FinancingSummary world = FinancingCalculator.combine(List.of(uga, ken));

        assertThat(world.executedUsd()).isEqualByComparingTo("1000");
        assertThat(world.allocatedUsd()).isEqualByComparingTo("7000");
        assertThat(world.executionRate()).as("over UGA's line, the one reporting both").isEqualByComparingTo("0.5");
        assertThat(world.allocatedOnlyShare()).isEqualByComparingTo("0.7143");
        assertThat(world.byFunction().get(0).executedUsd()).isEqualByComparingTo("1000");
        assertThat(world.spendingShareOfGdp()).as("over the countries with an executed figure: 1,000 / 100,000")
                .isEqualByComparingTo("0.01");
    }

    @Test
    void oneCountryWithoutARateNeverBlanksTheWorldsKnownTotal() {
        FinancingSummary uga = year(report("a", "UGA", null, "2025", "USD", line(FAMILY, TAX, "2000", "1000")));
        FinancingSummary khm = year(ExchangeRates.none().with("KHR", 2025, new BigDecimal("4000")),
                report("b", "KHM", null, "2025", "KHR", line(FAMILY, TAX, "8000000", "2000000")));
        FinancingSummary sen = year(report("c", "SEN", null, "2025", "XOF", line(FAMILY, TAX, "600000", "300000")),
                report("d", "SEN", null, "2025Q1", "XOF", line(HEALTH, TAX, "1000", "1000")));

        FinancingSummary world = FinancingCalculator.combine(List.of(uga, khm, sen));

        assertThat(world.executedUsd()).as("the whole total depends on the XOF rate").isNull();
        assertThat(world.executedUsdKnown()).as("UGA 1,000 + KHM 500").isEqualByComparingTo("1500");
        assertThat(world.allocatedUsdKnown()).isEqualByComparingTo("4000");
        assertThat(world.excluded()).containsExactly(new Excluded("XOF", 2025, List.of("SEN"), 2));
        assertThat(world.missingRates()).containsExactly(new FinancingSummary.MissingRate("XOF", 2025));
        assertThat(world.reports()).isEqualTo(4);
        assertThat(world.reportsCoveredShare()).isEqualByComparingTo("0.5");
        assertThat(world.executionRate()).as("1,500 / 4,000 over the lines with rates").isEqualByComparingTo("0.375");
    }

    // the quarterly execution view

    @Test
    void quartersShowExecutionAgainstTheYearsBudgetToDate() {
        ExchangeRates rates = ExchangeRates.none().with("KHR", 2025, new BigDecimal("4000"));
        List<FinancingFact> facts = List.of(report("budget", "KHM", null, "2025", "KHR", line(FAMILY, TAX, "4800000", null)),
                report("q1", "KHM", null, "2025Q1", "KHR", line(FAMILY, TAX, null, "800000")),
                report("jan", "KHM", null, "2025-01", "KHR", line(FAMILY, TAX, null, "999999")),
                report("q2", "KHM", null, "2025Q2", "KHR", line(FAMILY, TAX, null, "1600000")));
        FinancingSummary ofYear = FinancingCalculator.summarise(YEAR_2025, facts, rates);

        List<FinancingCalculator.QuarterMoney> q = FinancingCalculator.quarters(2025, facts, rates, ofYear);

        assertThat(q).extracting(FinancingCalculator.QuarterMoney::executedUsd)
                .usingElementComparator((a, b) -> a == null || b == null ? (a == b ? 0 : 1) : a.compareTo(b))
                .containsExactly(new BigDecimal("200"), new BigDecimal("400"), null, null);
        assertThat(q.get(1).executedUsdToDate()).isEqualByComparingTo("600");
        // 800,000 of 4,800,000 by March, 2,400,000 by June
        assertThat(q.get(0).executedShareOfAllocatedToDate()).isEqualByComparingTo("0.1667");
        assertThat(q.get(1).executedShareOfAllocatedToDate()).isEqualByComparingTo("0.5");
        assertThat(q.get(0).allocatedUsd()).as("the budget is annual, no quarter has one").isNull();
    }

    @Test
    void theWorldsQuartersAreSummedAndKeepTheKnownPartWhenACountryLacksARate() {
        CountryDashboard uga = countryWith("UGA", ExchangeRates.none(), 0,
                report("u1", "UGA", null, "2025Q1", "USD", line(FAMILY, TAX, "400", "100")));
        CountryDashboard sen = countryWith("SEN", ExchangeRates.none(), 0,
                report("s1", "SEN", null, "2025Q1", "XOF", line(FAMILY, TAX, "600000", "300000")));
        CountryDashboard khm = countryWith("KHM", ExchangeRates.none().with("KHR", 2025, new BigDecimal("4000")), 0,
                report("k1", "KHM", null, "2025Q1", "KHR", line(FAMILY, TAX, "1600000", "400000")));

        GlobalDashboard complete = GlobalCalculator.global(2025, List.of(uga, khm));
        GlobalDashboard partial = GlobalCalculator.global(2025, List.of(uga, khm, sen));

        assertThat(complete.quarterly().get(0).executedUsd()).isEqualByComparingTo("200");
        assertThat(complete.quarterly().get(0).executedShareOfAllocatedToDate()).isEqualByComparingTo("0.25");
        assertThat(complete.quarterly().get(1).executedUsd()).isNull();
        assertThat(partial.quarterly().get(0).executedUsd()).isNull();
        assertThat(partial.quarterly().get(0).executedUsdKnown()).isEqualByComparingTo("200");
        assertThat(partial.financing().executedUsdKnown()).isEqualByComparingTo("200");
    }

    // money against results

    @Test
    void executedUsdIsSetAgainstActiveBeneficiariesAndTheTargetPopulation() {
        ExchangeRates rates = ExchangeRates.none().with("KHR", 2025, new BigDecimal("4000"));
        // 200,000,000 KHR = 50,000 USD for 1,000 active people of a 4,000 target population
        CountryDashboard khm = countryWith("KHM", rates, 1_000,
                reportWithGdp("k", "KHM", "2025", "KHR", "20000000000", "4000000000", line(FAMILY, TAX, "400000000",
                        "200000000")));
        CountryDashboard withoutRate = countryWith("KHM", ExchangeRates.none(), 1_000,
                report("k", "KHM", null, "2025", "KHR", line(FAMILY, TAX, "400000000", "200000000")));
        CountryDashboard withoutPeople = countryWith("KHM", rates, 0,
                report("k", "KHM", null, "2025", "KHR", line(FAMILY, TAX, "400000000", "200000000")));

        assertThat(khm.financing().executedUsdPerActiveBeneficiary()).isEqualByComparingTo("50.00");
        assertThat(khm.financing().executedUsdPerTargetPerson()).isEqualByComparingTo("12.50");
        assertThat(khm.financing().spendingShareOfGdp()).isEqualByComparingTo("0.01");
        assertThat(khm.financing().spendingShareOfGovernmentExpenditure()).isEqualByComparingTo("0.05");
        assertThat(withoutRate.financing().executedUsdPerActiveBeneficiary()).as("no rate: missing, never 0").isNull();
        assertThat(withoutPeople.financing().executedUsdPerActiveBeneficiary()).as("nobody active").isNull();
    }

    @Test
    void theWorldsCostPerBeneficiaryIsOverTheCountriesWithKnownSpending() {
        // UGA: 30,000 USD for 1,000; SEN: no rate, 500 people, left out (listed in excluded)
        CountryDashboard uga = countryWith("UGA", ExchangeRates.none(), 1_000,
                report("u", "UGA", null, "2025", "USD", line(FAMILY, TAX, "60000", "30000")));
        CountryDashboard sen = countryWith("SEN", ExchangeRates.none(), 500,
                report("s", "SEN", null, "2025", "XOF", line(FAMILY, TAX, "600000", "300000")));

        GlobalDashboard world = GlobalCalculator.global(2025, List.of(uga, sen));

        assertThat(world.financing().executedUsdPerActiveBeneficiary()).isEqualByComparingTo("30.00");
        assertThat(world.financing().executedUsdPerTargetPerson()).as("30,000 / UGA's 4,000").isEqualByComparingTo("7.50");
        assertThat(world.countries()).extracting(GlobalDashboard.CountryRow::country).containsExactly("SEN", "UGA");
        assertThat(world.countries().get(0).executedUsdPerActiveBeneficiary()).isNull();
        assertThat(world.countries().get(1).executedUsdPerActiveBeneficiary()).isEqualByComparingTo("30.00");
    }

    @Test
    void theProgrammeDashboardSetsItsOwnSpendingAgainstItsOwnBeneficiaries() {
        ProgrammeFact p = ProgrammeFact.of(Facts.programme("p1", "KHM", 2_000L));
        CountryFacts facts = new CountryFacts(List.of(CountFact.of(active("p1", "KHM", "2025Q4", 400))), List.of(p),
                List.of(report("p1-2025", "KHM", "p1", "2025", "USD", line(FAMILY, TAX, "20000", "10000"))),
                ExchangeRates.none(), List.of(), List.of());

        ProgrammeDashboard d = DashboardCalculator.programme(p, 2025, facts);

        assertThat(d.financing().executedUsdPerActiveBeneficiary()).isEqualByComparingTo("25.00");
        assertThat(d.financing().executedUsdPerTargetPerson()).isEqualByComparingTo("5.00");
    }

    @Test
    void aProgrammesSpendingIsSetAgainstItsCountrysGdpWhenItsOwnReportsGiveNone() {
        ProgrammeFact p = ProgrammeFact.of(Facts.programme("p1", "KHM", 2_000L));
        ExchangeRates rates = ExchangeRates.none().with("KHR", 2025, new BigDecimal("4000"));
        CountryFacts facts = new CountryFacts(List.of(), List.of(p),
                List.of(report("p1-2025", "KHM", "p1", "2025", "KHR", line(FAMILY, TAX, "8000000", "4000000"))), rates,
                List.of(), List.of());
        // the ministry's whole-country report gives GDP 400,000,000 and expenditure 80,000,000 KHR
        List<FinancingFact> country = List.of(reportWithGdp("whole", "KHM", "2025", "KHR", "400000000", "80000000",
                line(FAMILY, TAX, "9000000", null)));

        ProgrammeDashboard d = DashboardCalculator.programme(p, 2025, facts, country);

        assertThat(d.financing().spendingShareOfGdp()).isEqualByComparingTo("0.01");
        assertThat(d.financing().spendingShareOfGovernmentExpenditure()).isEqualByComparingTo("0.05");
        assertThat(d.financing().gdpUsd()).isEqualByComparingTo("100000");
        assertThat(d.financing().executedUsd()).as("the programme's own money").isEqualByComparingTo("1000");
        assertThat(DashboardCalculator.programme(p, 2025, facts).financing().spendingShareOfGdp())
                .as("no GDP anywhere: missing").isNull();
    }

    /** A country dashboard with one programme of {@code active} people (target population 4 x that) and these reports. */
    private static CountryDashboard countryWith(String country, ExchangeRates rates, long active,
            FinancingFact... reports) {
        ProgrammeFact p = ProgrammeFact.of(Facts.programme("p-" + country, country, active == 0 ? null : active * 4));
        List<CountFact> counts = active == 0 ? List.of()
                : List.of(CountFact.of(active("p-" + country, country, "2025Q4", active)));
        return DashboardCalculator.country(country, 2025, new CountryFacts(counts, List.of(p), List.of(reports), rates,
                List.of(), List.of()));
    }
}
