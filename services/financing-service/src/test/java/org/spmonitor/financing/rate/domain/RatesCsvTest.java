package org.spmonitor.financing.rate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;

class RatesCsvTest {

    private static List<RatesCsv.Row> parse(String csv) {
        return RatesCsv.parse(new StringReader(csv));
    }

    private static List<FieldViolation> violationsOf(String csv) {
        try {
            parse(csv);
        }
        catch (InvalidInputException ex) {
            return ex.violations();
        }
        throw new AssertionError("expected the table to be refused");
    }

    @Test
    void readsTheDocumentedExample() {
        List<RatesCsv.Row> rows = parse("""
                currency,year,unitsPerUsd,source
                XOF,2025,601.2350,BCEAO annual average
                KHR,2025,4102.75,"National Bank of Cambodia, official rate"
                """);

        assertThat(rows).extracting(RatesCsv.Row::rate).containsExactly(
                new ExchangeRate("XOF", 2025, new BigDecimal("601.2350"), "BCEAO annual average"),
                new ExchangeRate("KHR", 2025, new BigDecimal("4102.75"), "National Bank of Cambodia, official rate"));
        assertThat(rows).extracting(RatesCsv.Row::line).containsExactly(2, 3);
    }

    @Test
    void readsASemicolonTableFromASpreadsheetWithABomCrLfAnyColumnOrderAndBlankLines() {
        List<RatesCsv.Row> rows = parse("\uFEFFYear;UnitsPerUSD;Currency\r\n\r\n2024;583.5;XOF\r\n"
                + "2024;4098.1;KHR\r\n");

        assertThat(rows).extracting(RatesCsv.Row::rate).containsExactly(
                new ExchangeRate("XOF", 2024, new BigDecimal("583.5"), null),
                new ExchangeRate("KHR", 2024, new BigDecimal("4098.1"), null));
        assertThat(rows).extracting(RatesCsv.Row::line).containsExactly(3, 4);
    }

    @Test
    void readsAQuotedSourceWithQuotesAndALineBreak() {
        List<RatesCsv.Row> rows = parse("currency,year,unitsPerUsd,source\n"
                + "UGX,2025,3700,\"Bank of Uganda \"\"mid\"\"\nrate\"\nXOF,2025,600,\n");

        assertThat(rows.get(0).rate().source()).isEqualTo("Bank of Uganda \"mid\"\nrate");
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(1).rate().source()).isNull();
    }

    @Test
    void namesEveryBadCellWithItsRowAndLine() {
        List<FieldViolation> violations = violationsOf("""
                currency,year,unitsPerUsd
                XOF,2025,601.2350
                xof,25,"601,2350"
                KHR,2025,-4102
                """);

        assertThat(violations).extracting(FieldViolation::field)
                .containsExactly("rows[1].year", "rows[1].unitsPerUsd", "rows[1].currency", "rows[2].unitsPerUsd");
        assertThat(violations.get(0).message()).startsWith("line 3: must be a four-digit year");
        assertThat(violations.get(1).message()).contains("with a point");
        assertThat(violations.get(3).message()).isEqualTo("line 4: must be greater than 0");
    }

    @Test
    void refusesTheSameCurrencyAndYearTwice() {
        assertThat(violationsOf("currency,year,unitsPerUsd\nXOF,2025,601\nKHR,2025,4100\nXOF,2025,602\n"))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("rows[2]");
                    assertThat(v.message()).contains("line 4", "repeats XOF 2025 of line 2");
                });
    }

    @Test
    void refusesUnknownAndMissingColumns() {
        assertThat(violationsOf("currency,yr,rate\nXOF,2025,601\n")).extracting(FieldViolation::message)
                .containsExactly("line 1: unknown column 'yr'; the columns are currency, year, unitsPerUsd, source",
                        "line 1: unknown column 'rate'; the columns are currency, year, unitsPerUsd, source",
                        "line 1: column 'year' is missing; the columns are currency, year, unitsPerUsd, source",
                        "line 1: column 'unitsPerUsd' is missing; the columns are currency, year, unitsPerUsd, source");
    }

    @Test
    void refusesARowWithMoreCellsThanTheHeader() {
        assertThat(violationsOf("currency,year,unitsPerUsd\nXOF,2025,601,BCEAO\n")).extracting(FieldViolation::field)
                .containsExactly("rows[0]");
    }

    @Test
    void refusesAnEmptyTableAndAHeaderWithoutRows() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the table is empty");
        assertThatThrownBy(() -> parse("currency,year,unitsPerUsd\n\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no rates");
    }

    @Test
    void refusesUsdRowsLikeTheJsonForm() {
        assertThat(violationsOf("currency,year,unitsPerUsd\nUSD,2025,1\n")).extracting(FieldViolation::field)
                .containsExactly("rows[0].currency");
    }
}
