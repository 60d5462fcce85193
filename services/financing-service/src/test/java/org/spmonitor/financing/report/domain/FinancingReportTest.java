package org.spmonitor.financing.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.financing.FinancingReports.cambodia2025;
import static org.spmonitor.financing.FinancingReports.line;
import static org.spmonitor.financing.FinancingReports.withLines;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;

class FinancingReportTest {

    private static FinancingReport valid(ReportSubmission submission) {
        return FinancingReportRules.check(submission, Optional.empty());
    }

    @Test
    void sameFiguresWrittenWithOtherTrailingZerosInAnotherLineOrderAreTheSameContent() {
        FinancingReport first = valid(withLines(cambodia2025(),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "10.50", "7"),
                line(FinancingFunction.HEALTH, FundingSource.EXTERNAL_GRANT, "3", null)));
        FinancingReport again = valid(withLines(cambodia2025(),
                line(FinancingFunction.HEALTH, FundingSource.EXTERNAL_GRANT, "3.0000", null),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "10.5", "7.00")));

        assertThat(first.sameContentAs(again)).isTrue();
    }

    @Test
    void aChangedAmountAMissingLineOrAnotherCurrencyIsNewContent() {
        FinancingReport first = valid(cambodia2025());
        FinancingReport changedAmount = valid(withLines(cambodia2025(),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "1250000000000.51", "987654321000.25"),
                cambodia2025().lines().get(1)));
        FinancingReport lineDropped = valid(withLines(cambodia2025(), cambodia2025().lines().get(0)));
        ReportSubmission s = cambodia2025();
        FinancingReport inUsd = valid(new ReportSubmission(s.country(), s.period(), "USD", s.gdp(),
                s.totalGovernmentExpenditure(), null, s.lines()));

        assertThat(first.sameContentAs(changedAmount)).isFalse();
        assertThat(first.sameContentAs(lineDropped)).isFalse();
        assertThat(first.sameContentAs(inUsd)).isFalse();
    }

    @Test
    void theReportIdFollowsFromTheNaturalKeyOnly() {
        ReportKey key = new ReportKey("KHM", "2025", null);

        assertThat(key.reportId()).isEqualTo(new ReportKey("KHM", "2025", null).reportId()).matches("fin-[0-9a-f]{20}");
        assertThat(key.reportId()).isNotEqualTo(new ReportKey("KHM", "2025Q1", null).reportId())
                .isNotEqualTo(new ReportKey("KHM", "2025", "prg-1").reportId())
                .isNotEqualTo(new ReportKey("SEN", "2025", null).reportId());
    }

    @Test
    void sumsTheExecutedAmountsExactly() {
        FinancingReport report = valid(withLines(cambodia2025(),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, null, "999999999999999.9999"),
                line(FinancingFunction.HEALTH, FundingSource.DOMESTIC_TAX, null, "0.0001")));

        assertThat(report.totalExecuted().toPlainString()).isEqualTo("1000000000000000.0000");
    }
}
