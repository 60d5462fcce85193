package org.spmonitor.reporting.testdata;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads an SDMX-CSV export back, as an ingesting system would, with Commons CSV. */
public final class DashboardSdmxCsvRows {

    /** The records of an export, by column name (the header row). */
    public static List<CSVRecord> parse(String csv) {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The one observation of {@code measure} and {@code soc}. */
    public static CSVRecord row(List<CSVRecord> rows, String measure, String soc) {
        List<CSVRecord> matching = rows.stream()
                .filter(r -> r.get("MEASURE").equals(measure) && r.get("SOC").equals(soc)).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " rows " + measure + "/" + soc + " in " + rows);
        }
        return matching.get(0);
    }

    public static String value(List<CSVRecord> rows, String measure, String soc) {
        return row(rows, measure, soc).get("OBS_VALUE");
    }

    private DashboardSdmxCsvRows() {
    }
}
