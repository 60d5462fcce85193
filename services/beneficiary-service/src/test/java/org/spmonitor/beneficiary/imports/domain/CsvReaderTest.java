package org.spmonitor.beneficiary.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> rows(String text) {
        CsvReader reader = CsvReader.open(new StringReader(text));
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsQuotedFieldsHoldingSeparatorsQuotesAndLineBreaks() {
        List<CsvReader.Row> rows = rows("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).fields()).containsExactly("x,1", "say \"hi\"", "two\nlines");
        assertThat(rows.get(2).fields()).containsExactly("last", "", "");
        assertThat(rows.get(2).line()).as("a line break inside quotes is a physical line").isEqualTo(4);
    }

    @Test
    void numbersRecordsByTheirFirstPhysicalLineSkippingBlankLines() {
        List<CsvReader.Row> rows = rows("h1,h2\r\n\r\n1,2\r\n3,4");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1L, 3L, 4L);
        assertThat(rows.get(2).fields()).containsExactly("3", "4");
    }

    @Test
    void skipsAUtf8ByteOrderMarkAndUsesSemicolonsWhenTheHeaderHasNoCommas() {
        CsvReader reader = CsvReader.open(new StringReader("\uFEFFprogrammeId;total\nprg-1;12\n"));
        assertThat(reader.separator()).isEqualTo(';');
        assertThat(reader.next().fields()).containsExactly("programmeId", "total");
        assertThat(reader.next().fields()).containsExactly("prg-1", "12");
    }

    @Test
    void reportsAQuoteLeftOpenUntilTheEndOfTheFile() {
        List<CsvReader.Row> rows = rows("a,b\n\"open,1\n2,3\n");
        assertThat(rows.get(1).error()).contains("not closed");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }

    @Test
    void cutsAnOverlongFieldShortInsteadOfHoldingItInMemory() {
        String longField = "x".repeat(CsvReader.MAX_FIELD_LENGTH + 5);
        List<CsvReader.Row> rows = rows("a\n" + longField + "\nnext\n");
        assertThat(rows.get(1).error()).contains("longer than");
        assertThat(rows.get(2).fields()).containsExactly("next");
        assertThat(rows.get(2).line()).isEqualTo(3);
    }
}
