package org.spmonitor.platform.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of every export: Apache Commons CSV in RFC 4180 form (CRLF line ends, a field
 * quoted when it holds the separator, a quote or a line break) with a guard against formula injection:
 * a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is
 * prefixed with {@code '}, so a spreadsheet shows it as text and never runs it (OWASP "CSV
 * injection"). A negative number ({@code -12.5}) is left as it is.
 */
public final class CsvWriter {

    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9.]+");
    private static final String DANGEROUS_FIRST = "=+@\t\r";

    private final CSVPrinter printer;

    private CsvWriter(Appendable out) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A writer appending rows to {@code out} (a {@code StringBuilder}, a servlet writer...). */
    public static CsvWriter to(Appendable out) {
        return new CsvWriter(out);
    }

    /** Appends one row; a null cell is empty. */
    public CsvWriter row(String... cells) {
        try {
            printer.printRecord(Arrays.stream(cells).map(CsvWriter::guard));
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes what is buffered to the underlying output. */
    public void flush() {
        try {
            printer.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code value} made safe to open in a spreadsheet; null becomes empty. */
    public static String guard(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = DANGEROUS_FIRST.indexOf(first) >= 0
                || first == '-' && !NEGATIVE_NUMBER.matcher(value).matches();
        return formula ? "'" + value : value;
    }
}
