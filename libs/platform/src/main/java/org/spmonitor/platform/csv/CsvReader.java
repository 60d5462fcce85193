package org.spmonitor.platform.csv;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV reader of every import: Apache Commons CSV (RFC 4180) read one record at a time, so a
 * file of any length needs memory for one record only, wrapped for what imports need:
 * <ul>
 * <li>each record carries the physical line it starts on (1 = the header; a line break inside quotes
 * counts), which rejection reports show to the user;</li>
 * <li>the separator is a comma, or a semicolon when the header line has semicolons and no commas
 * (spreadsheets in many locales save so);</li>
 * <li>a UTF-8 byte order mark is skipped; blank lines are skipped; lines end in LF, CRLF or CR, and a
 * line break inside a quoted field reads as LF; spaces around a field are dropped;</li>
 * <li>a record is never a failure of the whole file: a record with another number of fields than the
 * header, or a field longer than {@link #MAX_FIELD_LENGTH}, comes back with an {@link Row#error()}
 * and reading goes on. A quote left open is reported on the record it opens, and ends the file (what
 * follows cannot be told apart from the quoted field); so does a record longer than
 * {@link #MAX_RECORD_LENGTH} characters, which bounds the memory an unclosed quote can take.</li>
 * </ul>
 */
public final class CsvReader {

    /** Longest field accepted; longer ones are reported. */
    public static final int MAX_FIELD_LENGTH = 10_000;
    /** Longest record read; a longer one (usually an unclosed quote) ends the reading. */
    public static final int MAX_RECORD_LENGTH = 1 << 20;
    private static final int SNIFF = 1 << 16;
    private static final int EOF = -1;

    /**
     * One record: its first physical line (1 = the header), its fields, or why it could not be read
     * ({@code null} when it could; then the fields may be empty).
     */
    public record Row(long line, List<String> fields, String error) {

        public boolean ok() {
            return error == null;
        }
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Budget budget;
    private final char separator;
    private long linesBefore;
    private int width = -1;
    private boolean ended;

    private CsvReader(CSVParser parser, Budget budget, char separator) {
        this.parser = parser;
        this.records = parser.iterator();
        this.budget = budget;
        this.separator = separator;
    }

    /** Opens {@code reader}, choosing the separator from the first line. The caller closes {@code reader}. */
    public static CsvReader open(Reader reader) {
        BufferedReader in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, SNIFF);
        try {
            in.mark(SNIFF);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            in.mark(SNIFF);
            int commas = 0;
            int semicolons = 0;
            for (int i = 0, c = in.read(); c != EOF && c != '\n' && c != '\r' && i < SNIFF / 2; i++, c = in.read()) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
            in.reset();
            char separator = semicolons > 0 && commas == 0 ? ';' : ',';
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(true).setTrailingData(true).get();
            Budget budget = new Budget(in);
            return new CsvReader(CSVParser.parse(budget, format), budget, separator);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public char separator() {
        return separator;
    }

    /**
     * The next record that is not blank, or {@code null} at the end of the input. The first one is the
     * header: later ones with another number of fields come with an error.
     */
    public Row next() {
        while (!ended) {
            long line = linesBefore + 1;
            budget.newRecord();
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    ended = true;
                    return null;
                }
                record = records.next();
            }
            catch (UncheckedIOException ex) {
                ended = true;
                return new Row(line, List.of(), problem(ex));
            }
            linesBefore = parser.getCurrentLineNumber();
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue; // a blank line
            }
            return row(line, record);
        }
        return null;
    }

    private Row row(long line, CSVRecord record) {
        List<String> fields = new ArrayList<>(record.size());
        for (String value : record) {
            if (value.length() > MAX_FIELD_LENGTH) {
                return new Row(line, List.of(), "a field is longer than " + MAX_FIELD_LENGTH
                        + " characters (an unclosed quote?)");
            }
            fields.add(value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n").replace('\r', '\n'));
        }
        if (width < 0) {
            width = fields.size();
        }
        else if (fields.size() != width) {
            return new Row(line, List.copyOf(fields), "has " + fields.size() + " fields but the header has " + width);
        }
        return new Row(line, List.copyOf(fields), null);
    }

    private static String problem(UncheckedIOException ex) {
        if (ex.getCause() instanceof Budget.Exceeded) {
            return "a record is longer than " + MAX_RECORD_LENGTH
                    + " characters (an unclosed quote?); the rest of the file was not read";
        }
        if (ex.getCause() instanceof CSVException csv && csv.getMessage().contains("EOF")) {
            return "a quoted field is not closed before the end of the file";
        }
        if (ex.getCause() instanceof CSVException csv) {
            return "cannot be read: " + csv.getMessage() + "; the rest of the file was not read";
        }
        throw ex;
    }

    /**
     * Counts the characters handed to the parser since the current record began. The parser buffers
     * ahead, so the count is the record's length plus at most one buffer.
     */
    private static final class Budget extends FilterReader {

        static final class Exceeded extends IOException {
            private static final long serialVersionUID = 1L;

            Exceeded() {
                super("record too long");
            }
        }

        private long used;

        Budget(Reader in) {
            super(in);
        }

        void newRecord() {
            used = 0;
        }

        private void spend(long n) throws Exceeded {
            used += Math.max(n, 0);
            if (used > MAX_RECORD_LENGTH + 2L * SNIFF) {
                throw new Exceeded();
            }
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            spend(c == EOF ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            spend(n);
            return n;
        }
    }
}
