package org.spmonitor.platform.csv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.spmonitor.platform.validation.Violations;

/**
 * The columns of an import file named by its header row: names ignore case and surrounding spaces
 * and may come in any order. Unknown, repeated and missing columns are handed to {@link Problems}, so
 * each import words them in its own report.
 */
public final class CsvHeader {

    /** Where the header's problems go. */
    public interface Problems {

        /** Column {@code index} has a name that is not one of the known columns. */
        void unknown(int index, String given);

        /** Column {@code index} repeats the known column {@code name}. */
        void repeated(int index, String name);

        /** The required column {@code name} is absent. */
        void missing(String name);
    }

    private final Map<String, Integer> indexOf;

    private CsvHeader(Map<String, Integer> indexOf) {
        this.indexOf = indexOf;
    }

    /**
     * Reads a header row.
     *
     * @param known every column, as spelt canonically
     * @param required the columns every file must have
     * @return the header; usable only when {@code problems} heard of nothing
     */
    public static CsvHeader read(List<String> names, List<String> known, List<String> required, Problems problems) {
        Map<String, String> canonical = new HashMap<>();
        known.forEach(name -> canonical.put(name.toLowerCase(Locale.ROOT), name));
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String given = names.get(i).strip();
            String name = canonical.get(given.toLowerCase(Locale.ROOT));
            if (name == null) {
                problems.unknown(i, given);
            }
            else if (indexOf.putIfAbsent(name, i) != null) {
                problems.repeated(i, name);
            }
        }
        for (String name : required) {
            if (!indexOf.containsKey(name)) {
                problems.missing(name);
            }
        }
        return new CsvHeader(indexOf);
    }

    /**
     * Reads a header row, reporting problems in the import-report wording: {@code header[i]} for an
     * unknown or repeated column, {@code header} for a missing one.
     */
    public static CsvHeader read(List<String> names, List<String> known, List<String> required,
            Violations violations) {
        return read(names, known, required, new Problems() {
            @Override
            public void unknown(int index, String given) {
                violations.add("header[" + index + "]", "unknown column '" + given + "'; columns are " + known);
            }

            @Override
            public void repeated(int index, String name) {
                violations.add("header[" + index + "]", "column '" + name + "' appears twice");
            }

            @Override
            public void missing(String name) {
                violations.add("header", "column '" + name + "' is missing");
            }
        });
    }

    /**
     * The cell of {@code column} as a constant of {@code type}, ignoring case and reading spaces and
     * hyphens as underscores ({@code external grant}); null when blank; an unknown value is reported on
     * {@code column} with the allowed ones.
     */
    public <E extends Enum<E>> E enumCell(List<String> row, String column, Class<E> type, Violations violations) {
        String value = cell(row, column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        }
        catch (IllegalArgumentException ex) {
            violations.add(column, "has an invalid value '" + value + "'; allowed: "
                    + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public boolean has(String column) {
        return indexOf.containsKey(column);
    }

    /** The stripped cell of {@code column} in {@code row}, or null when the column is absent or the cell blank. */
    public String cell(List<String> row, String column) {
        Integer index = indexOf.get(column);
        if (index == null || index >= row.size()) {
            return null;
        }
        String value = row.get(index).strip();
        return value.isEmpty() ? null : value;
    }
}
