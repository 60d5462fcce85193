package org.spmonitor.reporting.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.line;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.platform.reference.ReportingPeriod;

/** The financing rules of DESIGN.md, with hand-computed figures. */
class FinancingCalculatorTest {

    private static final ReportingPeriod YEAR_2025 = ReportingPeriod.parse("2025").orElseThrow();

    private static FinancingSummary summarise(ExchangeRates rates, FinancingFact... facts) {
        return FinancingCalculator.summarise(YEAR_2025, List.of(facts), rates);
    }

    @Test
    void convertsToUsdWithTheRateOfTheReportsYear() {
        ExchangeRates rates = ExchangeRates.none().with("KHR", 2024, new BigDecimal("4000"))
                .with("KHR", 2025, new BigDecimal("4100"));

        FinancingSummary f = summarise(rates,
                FinancingFact.of(financing("r1", 1, "KHM", "2025", "KHR", "8200000", "4100000", null)));

        // 8,200,000 / 4,100 and 4,100,000 / 4,100; the 2024 rate would give 2,050 and 1,025
        assertThat(f.allocatedUsd()).isEqualByComparingTo("2000.00");
        assertThat(f.executedUsd()).isEqualByComparingTo("1000.00");
        assertThat(f.missingRates()).isEmpty();
    }

    @Test
    void aMissingRateLeavesTheUsdFiguresMissingNotZeroAndKeepsTheLocalOnes() {
        ExchangeRates rates = ExchangeRates.none().with("XOF", 2024, new BigDecimal("610"));

        FinancingSummary f = summarise(rates,
                FinancingFact.of(financing("r1", 1, "SEN", "2025", "XOF", "600000", "300000", "60000000")));

        assertThat(f.allocatedUsd()).isNull();
        assertThat(f.executedUsd()).isNull();
        assertThat(f.gdpUsd()).isNull();
        assertThat(f.missingRates()).containsExactly(new FinancingSummary.MissingRate("XOF", 2025));
        assertThat(f.executedLocal()).isEqualByComparingTo("300000");
        // ratios in the one local currency need no rate: 300,000 / 600,000 and 300,000 / 60,000,000
        assertThat(f.executionRate()).isEqualByComparingTo("0.5");
        assertThat(f.spendingShareOfGdp()).isEqualByComparingTo("0.005");
    }

    @Test
    void executionRateIsTheRatioOfSumsNotTheAverageOfLineRates() {
        // line rates 50 % and 100 % average 75 %; the ratio of sums is 350 / 400
        FinancingSummary f = summarise(ExchangeRates.none(), FinancingFact.of(financing("r1", "UGA", "2025", "USD", null,
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "100", "50"),
                line(FinancingFunction.OLD_AGE, FundingSource.EXTERNAL_GRANT, "300", "300"))));

        assertThat(f.executionRate()).isEqualByComparingTo("0.875");
        assertThat(f.byFunction()).extracting(FinancingSummary.FinancingFigures::key)
                .containsExactly("FAMILY", "OLD_AGE");
        assertThat(f.byFunction().get(0).executionRate()).isEqualByComparingTo("0.5");
        assertThat(f.bySource()).extracting(FinancingSummary.FinancingFigures::executedUsd)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("50"), new BigDecimal("300"));
    }

    @Test
    void spendingShareOfGdpIsExecutedOverGdpAndMissingWithoutAGdp() {
        ExchangeRates rates = ExchangeRates.none().with("KHR", 2025, new BigDecimal("4100"));

        FinancingSummary withGdp = summarise(rates,
                FinancingFact.of(financing("r1", 1, "KHM", "2025", "KHR", "8200000", "4100000", "410000000")));
        FinancingSummary withoutGdp = summarise(rates,
                FinancingFact.of(financing("r1", 1, "KHM", "2025", "KHR", "8200000", "4100000", null)));

        assertThat(withGdp.spendingShareOfGdp()).isEqualByComparingTo("0.01");
        assertThat(withGdp.gdpUsd()).isEqualByComparingTo("100000.00");
        assertThat(withoutGdp.spendingShareOfGdp()).isNull();
    }

    @Test
    void reportsOfTheYearAreSummedButAQuarterInsideAnAnnualReportIsNotAddedAgain() {
        FinancingSummary f = summarise(ExchangeRates.none(),
                FinancingFact.of(financing("annual", 1, "UGA", "2025", "USD", "1000", "800", null)),
                FinancingFact.of(financing("q1", 1, "UGA", "2025Q1", "USD", "250", "200", null)),
                FinancingFact.of(financing("last-year", 1, "UGA", "2024", "USD", "999", "999", null)));

        assertThat(f.executedUsd()).isEqualByComparingTo("800");
        assertThat(f.reports()).isEqualTo(1);
    }

    @Test
    void worldFinancingIsMissingWhenAnyCountryLacksARateAndNamesTheRate() {
        FinancingSummary usd = summarise(ExchangeRates.none(),
                FinancingFact.of(financing("a", 1, "UGA", "2025", "USD", "2000", "1000", "100000")));
        FinancingSummary khr = summarise(ExchangeRates.none().with("KHR", 2025, new BigDecimal("4100")),
                FinancingFact.of(financing("b", 1, "KHM", "2025", "KHR", "8200000", "4100000", "410000000")));
        FinancingSummary xof = summarise(ExchangeRates.none(),
                FinancingFact.of(financing("c", 1, "SEN", "2025", "XOF", "600000", "300000", null)));

        FinancingSummary complete = FinancingCalculator.combine(List.of(usd, khr));
        FinancingSummary incomplete = FinancingCalculator.combine(List.of(usd, khr, xof));

        // 1,000 + 1,000 executed of 2,000 + 2,000 allocated; GDP 100,000 + 100,000
        assertThat(complete.executedUsd()).isEqualByComparingTo("2000");
        assertThat(complete.executionRate()).isEqualByComparingTo("0.5");
        assertThat(complete.spendingShareOfGdp()).isEqualByComparingTo("0.01");
        assertThat(incomplete.executedUsd()).isNull();
        assertThat(incomplete.missingRates()).containsExactly(new FinancingSummary.MissingRate("XOF", 2025));
    }
}
