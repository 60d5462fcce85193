package org.spmonitor.financing.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spmonitor.financing.FinancingReports.cambodia2025;
import static org.spmonitor.financing.FinancingReports.forProgramme;
import static org.spmonitor.financing.FinancingReports.line;
import static org.spmonitor.financing.FinancingReports.withLines;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.financing.Programmes;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;

class FinancingReportRulesTest {

    private static List<FieldViolation> violationsOf(ReportSubmission submission, Optional<KnownProgramme> programme) {
        try {
            FinancingReportRules.check(submission, programme);
        }
        catch (InvalidInputException ex) {
            return ex.violations();
        }
        throw new AssertionError("expected the submission to be refused");
    }

    private static List<String> fieldsOf(ReportSubmission submission) {
        return violationsOf(submission, Optional.empty()).stream().map(FieldViolation::field).toList();
    }

    @Test
    void acceptsAWholeCountryReportAndKeepsItsAmountsExactly() {
        FinancingReport report = FinancingReportRules.check(cambodia2025(), Optional.empty());

        assertThat(report.country()).isEqualTo("KHM");
        assertThat(report.period().toString()).isEqualTo("2025");
        assertThat(report.gdp().toPlainString()).isEqualTo("190500000000000.00");
        assertThat(report.lines()).hasSize(2);
        assertThat(report.lines().get(0).executed().toPlainString()).isEqualTo("987654321000.25");
        assertThat(report.lines().get(1).executed()).isNull();
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        ReportSubmission bad = new ReportSubmission("Cambodia", "2025Q5", "RIEL", new BigDecimal("-1"),
                new BigDecimal("0"), null, List.of(
                        line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "-5", "1.00001"),
                        new ReportSubmission.Line(null, null, new BigDecimal("1"), null)));

        assertThat(fieldsOf(bad)).containsExactlyInAnyOrder("country", "period", "currency", "gdp",
                "totalGovernmentExpenditure", "lines[0].allocated", "lines[0].executed", "lines[1].function",
                "lines[1].source");
    }

    @Test
    void requiresCountryPeriodCurrencyAndLines() {
        ReportSubmission empty = new ReportSubmission(null, null, null, null, null, null, null);

        assertThat(violationsOf(empty, Optional.empty())).containsExactlyInAnyOrder(
                new FieldViolation("country", "is required"), new FieldViolation("period", "is required"),
                new FieldViolation("currency", "is required"), new FieldViolation("lines", "is required"));
    }

    @Test
    void refusesAReportWithoutLines() {
        assertThat(fieldsOf(withLines(cambodia2025()))).containsExactly("lines");
    }

    @Test
    void refusesADuplicateFunctionAndSourceNamingBothLines() {
        ReportSubmission duplicated = withLines(cambodia2025(),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "10", "5"),
                line(FinancingFunction.FAMILY, FundingSource.EXTERNAL_GRANT, "10", "5"),
                line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, "20", null));

        assertThat(violationsOf(duplicated, Optional.empty())).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("lines[2]");
            assertThat(v.message()).contains("FAMILY", "DOMESTIC_TAX", "lines[0]");
        });
    }

    @Test
    void refusesALineWithNeitherAllocatedNorExecuted() {
        ReportSubmission empty = withLines(cambodia2025(), line(FinancingFunction.HEALTH, FundingSource.EXTERNAL_LOAN,
                null, null));

        assertThat(violationsOf(empty, Optional.empty())).containsExactly(
                new FieldViolation("lines[0]", "must give allocated, executed or both"));
    }

    @Test
    void acceptsExecutedAboveAllocated() {
        FinancingReport report = FinancingReportRules.check(withLines(cambodia2025(),
                line(FinancingFunction.SICKNESS, FundingSource.DOMESTIC_TAX, "100", "120")), Optional.empty());

        assertThat(report.lines().get(0).overspent()).isTrue();
    }

    @Test
    void normalisesTheDhis2MonthForm() {
        ReportSubmission monthly = new ReportSubmission("SEN", "202503", "XOF", null, null, null,
                cambodia2025().lines());

        assertThat(FinancingReportRules.check(monthly, Optional.empty()).period().toString()).isEqualTo("2025-03");
    }

    @Test
    void refusesAnUnknownProgrammeWithAHintToRetry() {
        assertThat(violationsOf(forProgramme(cambodia2025(), "prg-unknown"), Optional.empty())).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("programmeId");
                    assertThat(v.message()).contains("unknown programme 'prg-unknown'", "retry shortly");
                });
    }

    @Test
    void refusesAProgrammeOfAnotherCountry() {
        KnownProgramme senegalese = new KnownProgramme("prg-sen", 3, "SEN", LocalDate.of(2020, 1, 1), null,
                ProgrammeStatus.ACTIVE);

        assertThat(violationsOf(forProgramme(cambodia2025(), "prg-sen"), Optional.of(senegalese))).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("programmeId");
                    assertThat(v.message()).contains("belongs to SEN, not to KHM");
                });
    }

    @Test
    void acceptsAProgrammeOfTheReportsCountry() {
        FinancingReport report = FinancingReportRules.check(forProgramme(cambodia2025(), "prg-fp"),
                Optional.of(Programmes.familyPackage("prg-fp")));

        assertThat(report.programmeId()).isEqualTo("prg-fp");
        assertThat(report.key().reportId()).isNotEqualTo(
                FinancingReportRules.check(cambodia2025(), Optional.empty()).key().reportId());
    }

    @Test
    void refusesAProgrammeIdWithSpaces() {
        assertThat(fieldsOf(forProgramme(cambodia2025(), "prg 1"))).containsExactly("programmeId");
    }

    @Test
    void refusesAMissingBody() {
        assertThatThrownBy(() -> FinancingReportRules.check(null, Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
    }
}
