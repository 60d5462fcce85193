package org.spmonitor.financing.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;

class ReportLinesCsvTest {

    private static final String HEADER = "Country,period,currency,programmeId,function,source,allocated,executed,gdp\n";

    private static ReportLinesCsv.Read read(String csv) {
        return ReportLinesCsv.read(new StringReader(csv));
    }

    @Test
    void assemblesTheRowsOfOneReportWhereverTheyStandWithTheirLinesAndReportFields() {
        ReportLinesCsv.Read read = read(HEADER
                + "KHM,2025,KHR,,FAMILY,DOMESTIC_TAX,100,90,\n"
                + "KHM,2025Q1,KHR,,FAMILY,DOMESTIC_TAX,,20,\n"
                + "KHM,2025,KHR,,health,external grant,50,,1900000\n"
                + "KHM,202502,KHR,prg-1,OLD_AGE,SOCIAL_CONTRIBUTIONS,5,5,\n");

        assertThat(read.received()).isEqualTo(4);
        assertThat(read.rejected()).isEmpty();
        assertThat(read.reports()).extracting(ReportLinesCsv.Assembled::lines)
                .containsExactly(List.of(2L, 4L), List.of(3L), List.of(5L));
        ReportSubmission annual = read.reports().get(0).submission();
        assertThat(annual.gdp()).isEqualByComparingTo("1900000");
        assertThat(annual.lines()).containsExactly(
                new ReportSubmission.Line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX, new BigDecimal("100"),
                        new BigDecimal("90")),
                new ReportSubmission.Line(FinancingFunction.HEALTH, FundingSource.EXTERNAL_GRANT, new BigDecimal("50"),
                        null));
        assertThat(read.reports().get(2).submission().period()).as("DHIS2 month normalised").isEqualTo("2025-02");
        assertThat(read.reports().get(2).submission().programmeId()).isEqualTo("prg-1");
    }

    @Test
    void rejectsABadRowAndEveryOtherRowOfItsReportButNotOtherReports() {
        ReportLinesCsv.Read read = read(HEADER
                + "SEN,2025,XOF,,FAMILY,DOMESTIC_TAX,1 000,,\n"
                + "SEN,2025,XOF,,HEALTH,DOMESTIC_TAX,5,,\n"
                + "SEN,2025,XAF,,OLD_AGE,DOMESTIC_TAX,5,,\n"
                + "SEN,2025,XOF,,HEALTH,DOMESTIC_TAX,6,,\n"
                + "SEN,2026,XOF,,HEALTH,DOMESTIC_TAX,6,,\n");

        Map<Long, List<FieldViolation>> rejected = read.rejected();
        assertThat(rejected.keySet()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rejected.get(2L)).extracting(FieldViolation::field).containsExactly("allocated");
        assertThat(rejected.get(3L).get(0).message()).startsWith("not imported: line 2 of the same report "
                + "(country SEN, period 2025, whole country)");
        assertThat(rejected.get(4L).get(0).message()).isEqualTo("is XAF but line 2 of the same report gives XOF; "
                + "a report has one currency");
        assertThat(rejected.get(5L).get(0).message()).contains("repeats function HEALTH and source DOMESTIC_TAX of "
                + "line 3");
        assertThat(read.reports()).singleElement().satisfies(r -> assertThat(r.lines()).containsExactly(6L));
    }

    @Test
    void placesEachRuleViolationOfAReportOnItsRowAndRejectsTheOthersForTheReport() {
        ReportLinesCsv.Assembled assembled = read(HEADER
                + "UGA,2025,UGX,,FAMILY,DOMESTIC_TAX,1,,\n"
                + "UGA,2025,UGX,,HEALTH,DOMESTIC_TAX,1.00001,,\n"
                + "UGA,2025,UGX,,OLD_AGE,DOMESTIC_TAX,1,,\n").reports().get(0);

        Map<Long, List<FieldViolation>> byLine = assembled.rejectWhole(List.of(
                new FieldViolation("lines[1].allocated", "has 5 decimal places"),
                new FieldViolation("currency", "no such currency")));

        assertThat(byLine.keySet()).containsExactly(2L, 3L, 4L);
        assertThat(byLine.get(3L)).containsExactly(new FieldViolation("allocated", "has 5 decimal places"));
        assertThat(byLine.get(2L)).containsExactly(new FieldViolation("currency", "no such currency"));
        assertThat(byLine.get(4L).get(0).message()).startsWith("not imported: line 2 of the same report");
    }

    @Test
    void refusesAFileWithoutItsRequiredColumnsOrWithoutAHeader() {
        assertThatThrownBy(() -> read("country,period,function,source\nKHM,2025,FAMILY,DOMESTIC_TAX\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.violations())
                        .containsExactly(new FieldViolation("header", "column 'currency' is missing")));
        assertThatThrownBy(() -> read("")).isInstanceOfSatisfying(InvalidInputException.class,
                ex -> assertThat(ex.violations()).extracting(FieldViolation::field).containsExactly("file"));
    }
}
