package org.spmonitor.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void neutralisesCellsThatASpreadsheetWouldRunAsAFormula() {
        assertThat(CsvWriter.guard("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvWriter.guard("+1+2")).isEqualTo("'+1+2");
        assertThat(CsvWriter.guard("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.guard("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.guard("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvWriter.guard("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void leavesNegativeNumbersPlainTextAndEmptyCellsAlone() {
        assertThat(CsvWriter.guard("-12.50")).isEqualTo("-12.50");
        assertThat(CsvWriter.guard("KHM")).isEqualTo("KHM");
        assertThat(CsvWriter.guard("a=b")).isEqualTo("a=b");
        assertThat(CsvWriter.guard("")).isEmpty();
        assertThat(CsvWriter.guard(null)).isEmpty();
    }

    @Test
    void writesRfc4180RowsWithCrLfAndQuotesOnlyWhereNeeded() {
        StringBuilder out = new StringBuilder();
        CsvWriter.to(out).row("h1", "h2", "h3").row("plain", "", "1,5").row("say \"hi\"", "two\nlines", null)
                .row("=cmd", "-1", "x");
        assertThat(out.toString()).isEqualTo("h1,h2,h3\r\nplain,,\"1,5\"\r\n\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
                + "'=cmd,-1,x\r\n");
    }

    @Test
    void whatItWritesTheReaderReadsBack() {
        StringBuilder out = new StringBuilder();
        CsvWriter.to(out).row("a", "b").row("x, \"y\"", "line\r\nbreak");
        CsvReader reader = CsvReader.open(new StringReader(out.toString()));
        reader.next();
        CsvReader.Row row = reader.next();
        assertThat(row.fields()).containsExactly("x, \"y\"", "line\nbreak");
        assertThat(reader.next()).isNull();
    }
}
