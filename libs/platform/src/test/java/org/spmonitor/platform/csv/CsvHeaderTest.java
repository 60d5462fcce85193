package org.spmonitor.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvHeaderTest {

    private final List<String> problems = new ArrayList<>();
    private final CsvHeader.Problems collect = new CsvHeader.Problems() {
        @Override
        public void unknown(int index, String given) {
            problems.add("unknown " + index + " " + given);
        }

        @Override
        public void repeated(int index, String name) {
            problems.add("repeated " + index + " " + name);
        }

        @Override
        public void missing(String name) {
            problems.add("missing " + name);
        }
    };

    @Test
    void findsColumnsInAnyOrderAndCaseAndGivesStrippedCellsOrNull() {
        CsvHeader header = CsvHeader.read(List.of(" Total ", "ID"), List.of("id", "total", "note"), List.of("id"),
                collect);
        assertThat(problems).isEmpty();
        assertThat(header.cell(List.of(" 12 ", "a"), "total")).isEqualTo("12");
        assertThat(header.cell(List.of("  ", "a"), "total")).isNull();
        assertThat(header.cell(List.of("1", "a"), "note")).as("a known column the file lacks").isNull();
        assertThat(header.has("note")).isFalse();
    }

    @Test
    void reportsUnknownRepeatedAndMissingColumns() {
        CsvHeader.read(List.of("id", "colour", "ID"), List.of("id", "total"), List.of("id", "total"), collect);
        assertThat(problems).containsExactly("unknown 1 colour", "repeated 2 id", "missing total");
    }

    enum Colour {
        DARK_RED, BLUE
    }

    @Test
    void readsEnumCellsIgnoringCaseSpacesAndHyphensAndNamesABadValue() {
        org.spmonitor.platform.validation.Violations violations = new org.spmonitor.platform.validation.Violations();
        CsvHeader header = CsvHeader.read(List.of("colour"), List.of("colour"), List.of(), violations);
        assertThat(header.enumCell(List.of("dark-red"), "colour", Colour.class, violations)).isEqualTo(Colour.DARK_RED);
        assertThat(header.enumCell(List.of("Dark red"), "colour", Colour.class, violations)).isEqualTo(Colour.DARK_RED);
        assertThat(header.enumCell(List.of(" "), "colour", Colour.class, violations)).isNull();
        assertThat(violations.isEmpty()).isTrue();
        assertThat(header.enumCell(List.of("green"), "colour", Colour.class, violations)).isNull();
        assertThat(violations.list()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("colour");
            assertThat(v.message()).isEqualTo("has an invalid value 'green'; allowed: [DARK_RED, BLUE]");
        });
    }
}
