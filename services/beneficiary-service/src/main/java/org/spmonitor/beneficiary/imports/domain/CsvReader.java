package org.spmonitor.beneficiary.imports.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180) one record at a time, so a file of any length needs memory for one row only.
 * Quoted fields may hold separators, quotes ({@code ""}) and line breaks; lines end in LF, CRLF or CR;
 * a UTF-8 byte order mark is skipped; blank lines are skipped. The separator is a comma, or a semicolon
 * when the header line has semicolons and no commas (spreadsheets in many locales save so).
 */
public final class CsvReader {

    /** Longest field accepted; longer ones are reported, usually an unclosed quote. */
    public static final int MAX_FIELD_LENGTH = 10_000;
    private static final int EOF = -1;

    /** One record: its first physical line (1 = the header), its fields, or why it could not be read. */
    public record Row(long line, List<String> fields, String error) {
    }

    private final BufferedReader in;
    private final char separator;
    private long line = 1;
    private int pushedBack = -2;

    private CsvReader(BufferedReader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** Opens {@code reader}, choosing the separator from the first line. */
    public static CsvReader open(Reader reader) {
        BufferedReader in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, 1 << 16);
        try {
            in.mark(1 << 16);
            int first = in.read();
            if (first != '\uFEFF') {
                in.reset();
                in.mark(1 << 16);
            }
            else {
                in.mark(1 << 16);
            }
            int commas = 0;
            int semicolons = 0;
            for (int i = 0, c = in.read(); c != EOF && c != '\n' && c != '\r' && i < (1 << 15); i++, c = in.read()) {
                if (c == ',') {
                    commas++;
                }
                else if (c == ';') {
                    semicolons++;
                }
            }
            in.reset();
            return new CsvReader(in, semicolons > 0 && commas == 0 ? ';' : ',');
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public char separator() {
        return separator;
    }

    /** The next record, or {@code null} at the end of the input. */
    public Row next() {
        try {
            while (true) {
                int c = read();
                if (c == EOF) {
                    return null;
                }
                if (c == '\n' || c == '\r') {
                    endOfLine(c);
                    continue; // blank line
                }
                unread(c);
                return record();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Row record() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == EOF) {
                    return new Row(start, fields, "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    }
                    else {
                        quoted = false;
                        unread(following);
                    }
                }
                else {
                    if (c == '\n' || (c == '\r')) {
                        endOfLine(c);
                        field.append('\n');
                    }
                    else {
                        field.append((char) c);
                    }
                }
            }
            else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            }
            else if (c == '\n' || c == '\r' || c == EOF) {
                if (c != EOF) {
                    endOfLine(c);
                }
                fields.add(field.toString());
                return new Row(start, fields, null);
            }
            else {
                field.append((char) c);
            }
            if (field.length() > MAX_FIELD_LENGTH) {
                skipRestOfLine();
                return new Row(start, List.of(), "a field is longer than " + MAX_FIELD_LENGTH
                        + " characters (an unclosed quote?); the rest of the line was skipped");
            }
        }
    }

    private void skipRestOfLine() throws IOException {
        for (int c = read(); c != EOF; c = read()) {
            if (c == '\n' || c == '\r') {
                endOfLine(c);
                return;
            }
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int following = read();
            if (following != '\n') {
                unread(following);
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
