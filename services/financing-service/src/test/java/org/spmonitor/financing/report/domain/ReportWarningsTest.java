package org.spmonitor.financing.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.financing.FinancingReports.cambodia2025;
import static org.spmonitor.financing.FinancingReports.forProgramme;
import static org.spmonitor.financing.FinancingReports.line;
import static org.spmonitor.financing.FinancingReports.withLines;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.financing.Programmes;
import org.spmonitor.financing.figures.domain.Warning;

class ReportWarningsTest {

    private static FinancingReport valid(ReportSubmission submission) {
        return FinancingReportRules.check(submission, Optional.of(Programmes.familyPackage("prg-fp")));
    }

    @Test
    void aCleanReportWithARateHasNoWarnings() {
        assertThat(ReportWarnings.of(valid(cambodia2025()), Optional.empty(), true)).isEmpty();
    }

    @Test
    void warnsAboutExecutedAboveAllocatedOnThatLine() {
        FinancingReport report = valid(withLines(cambodia2025(),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "100", "100"),
                line(FinancingFunction.SICKNESS, FundingSource.DOMESTIC_TAX, "100", "100.0001")));

        assertThat(ReportWarnings.of(report, Optional.empty(), true)).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("lines[1].executed");
            assertThat(w.message()).contains("100.0001", "above allocated 100");
        });
    }

    @Test
    void warnsThatAReportInACurrencyWithoutARateShowsAsMissingInUsd() {
        assertThat(ReportWarnings.of(valid(cambodia2025()), Optional.empty(), false))
                .extracting(Warning::field).containsExactly("currency");
    }

    @Test
    void aUsdReportNeedsNoRate() {
        ReportSubmission s = cambodia2025();
        FinancingReport inUsd = valid(new ReportSubmission(s.country(), s.period(), "USD", null, null, null, s.lines()));

        assertThat(ReportWarnings.of(inUsd, Optional.empty(), false)).isEmpty();
    }

    @Test
    void warnsWhenTheLinesExecuteMoreThanTheTotalGovernmentExpenditure() {
        ReportSubmission s = cambodia2025();
        FinancingReport report = valid(new ReportSubmission(s.country(), s.period(), s.currency(), null,
                new BigDecimal("1000"), null, s.lines()));

        assertThat(ReportWarnings.of(report, Optional.empty(), true)).extracting(Warning::field)
                .containsExactly("totalGovernmentExpenditure");
    }

    @Test
    void warnsWhenTheReportedPeriodIsOutsideTheProgrammesDates() {
        ReportSubmission s = forProgramme(cambodia2025(), "prg-fp");
        FinancingReport report2030 = valid(new ReportSubmission(s.country(), "2030", s.currency(), null, null,
                s.programmeId(), s.lines()));

        assertThat(ReportWarnings.of(report2030, Optional.of(Programmes.familyPackage("prg-fp")), true))
                .extracting(Warning::field).containsExactly("period");
    }
}
