package org.spmonitor.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> rows(String text) {
        return rows(new StringReader(text));
    }

    private static List<CsvReader.Row> rows(Reader text) {
        CsvReader reader = CsvReader.open(text);
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
    void readsALineBreakInsideQuotesAsLfWhateverTheFileUses() {
        List<CsvReader.Row> rows = rows("a,b\r\n\"one\r\ntwo\",\"three\rfour\"\r\nnext,row\r\n");
        assertThat(rows.get(1).fields()).containsExactly("one\ntwo", "three\nfour");
        assertThat(rows.get(2).line()).as("CRLF and a lone CR each end a line").isEqualTo(5);
    }

    @Test
    void numbersRecordsByTheirFirstPhysicalLineSkippingBlankLines() {
        List<CsvReader.Row> rows = rows("h1,h2\r\n\r\n1,2\r\n   \r\n3,4");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1L, 3L, 5L);
        assertThat(rows.get(2).fields()).containsExactly("3", "4");
        assertThat(rows).allMatch(CsvReader.Row::ok);
    }

    @Test
    void skipsAUtf8ByteOrderMarkAndUsesSemicolonsWhenTheHeaderHasNoCommas() {
        CsvReader reader = CsvReader.open(new StringReader("\uFEFFprogrammeId;total;note\nprg-1;12;\"a;b, c\"\n"));
        assertThat(reader.separator()).isEqualTo(';');
        assertThat(reader.next().fields()).containsExactly("programmeId", "total", "note");
        assertThat(reader.next().fields()).containsExactly("prg-1", "12", "a;b, c");
        assertThat(reader.next()).isNull();
    }

    @Test
    void keepsCommasWhenTheHeaderHasBoth() {
        CsvReader reader = CsvReader.open(new StringReader("name,comment;x\na,b;c\n"));
        assertThat(reader.separator()).isEqualTo(',');
        reader.next();
        assertThat(reader.next().fields()).containsExactly("a", "b;c");
    }

    @Test
    void dropsSpacesAroundFieldsButKeepsThemInsideQuotes() {
        List<CsvReader.Row> rows = rows("a,b\n  KHM , \" two words \"\n");
        assertThat(rows.get(1).fields()).containsExactly("KHM", " two words ");
    }

    @Test
    void reportsARowWithMoreOrFewerFieldsThanTheHeaderAndReadsOn() {
        List<CsvReader.Row> rows = rows("a,b,c\n1,2,3,4\n1,2\n1,2,3\n");
        assertThat(rows.get(1).error()).isEqualTo("has 4 fields but the header has 3");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(2).error()).isEqualTo("has 2 fields but the header has 3");
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(3).ok()).isTrue();
        assertThat(rows.get(3).fields()).containsExactly("1", "2", "3");
    }

    @Test
    void reportsAQuoteLeftOpenUntilTheEndOfTheFile() {
        List<CsvReader.Row> rows = rows("a,b\n\"open,1\n2,3\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).error()).contains("not closed");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }

    @Test
    void cutsAnOverlongFieldShortAndReadsOn() {
        String longField = "x".repeat(CsvReader.MAX_FIELD_LENGTH + 5);
        List<CsvReader.Row> rows = rows("a\n" + longField + "\nnext\n");
        assertThat(rows.get(1).error()).contains("longer than");
        assertThat(rows.get(1).fields()).isEmpty();
        assertThat(rows.get(2).fields()).containsExactly("next");
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void stopsAtAnUnclosedQuoteThatWouldHoldTheRestOfAHugeFileInMemory() {
        // a quote opened on line 2 of a file far longer than one record may be: never held whole
        Reader endless = new Reader() {
            private long served;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (served == 0) {
                    String start = "a,b\n\"open,";
                    start.getChars(0, start.length(), buffer, offset);
                    served = start.length();
                    return start.length();
                }
                if (served > 50L * CsvReader.MAX_RECORD_LENGTH) {
                    throw new AssertionError("the reader kept reading an unclosed quote");
                }
                java.util.Arrays.fill(buffer, offset, offset + length, 'y');
                served += length;
                return length;
            }

            @Override
            public void close() {
            }
        };
        List<CsvReader.Row> rows = rows(endless);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).error()).contains("longer than " + CsvReader.MAX_RECORD_LENGTH, "not read");
    }

    @Test
    void anEmptyInputHasNoRows() {
        assertThat(rows("")).isEmpty();
        assertThat(rows("\uFEFF\n\n")).isEmpty();
    }

    @Test
    void readsALastRecordWithoutALineBreak() {
        List<CsvReader.Row> rows = rows("a,b\n1,\"2\"");
        assertThat(rows.get(1).fields()).containsExactly("1", "2");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }
}
