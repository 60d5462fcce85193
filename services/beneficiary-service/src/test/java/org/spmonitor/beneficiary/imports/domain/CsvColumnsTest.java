package org.spmonitor.beneficiary.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

class CsvColumnsTest {

    private static CsvColumns columns(String... header) {
        return CsvColumns.fromHeader(List.of(header), new Violations()).orElseThrow();
    }

    @Test
    void refusesAnUnknownColumnAndNamesEveryMissingRequiredOne() {
        Violations violations = new Violations();
        assertThat(CsvColumns.fromHeader(List.of("programmeId", "colour"), violations)).isEmpty();
        assertThat(violations.list()).extracting(FieldViolation::field)
                .containsExactly("header[1]", "header", "header", "header", "header");
        assertThat(violations.list().get(0).message()).contains("unknown column 'colour'");
    }

    @Test
    void acceptsColumnsInAnyOrderAndAnyCase() {
        CsvColumns columns = columns("TOTAL", "measure", "targetgroup", "Period", "programmeID", "Sex.Female");
        Optional<BeneficiaryCountSubmission> submission = columns.toSubmission(
                List.of("12", "new", "children", "2025Q3", "prg-1", "12"), new Violations());
        assertThat(submission).get().satisfies(s -> {
            assertThat(s.total()).isEqualTo(12L);
            assertThat(s.measure()).isEqualTo(Measure.NEW);
            assertThat(s.targetGroup()).isEqualTo(TargetGroup.CHILDREN);
            assertThat(s.sex().female()).isEqualTo(12L);
            assertThat(s.ageGroup()).as("a breakdown with no cell given is absent").isNull();
        });
    }

    @Test
    void normalisesDhis2MonthPeriods() {
        CsvColumns columns = columns(CsvColumns.REQUIRED.toArray(String[]::new));
        assertThat(columns.toSubmission(List.of("prg-1", "202503", "CHILDREN", "ACTIVE", "5"), new Violations()))
                .get().extracting(BeneficiaryCountSubmission::period).isEqualTo("2025-03");
    }

    @Test
    void namesTheColumnOfACellThatIsNotAWholeNumber() {
        CsvColumns columns = columns(CsvColumns.ALL.toArray(String[]::new));
        List<String> row = new ArrayList<>(Collections.nCopies(CsvColumns.ALL.size(), ""));
        row.set(0, "prg-1");
        row.set(1, "2025");
        row.set(2, "CHILDREN");
        row.set(3, "ACTIVE");
        row.set(4, "10");
        row.set(CsvColumns.ALL.indexOf("ageGroup.65+"), "2.5");
        row.set(CsvColumns.ALL.indexOf("measure"), "SOMETIMES");
        Violations violations = new Violations();
        assertThat(columns.toSubmission(row, violations)).isEmpty();
        assertThat(violations.list()).extracting(FieldViolation::field).containsExactly("measure", "ageGroup.65+");
    }

    @Test
    void refusesARowWithMoreFieldsThanTheHeader() {
        Violations violations = new Violations();
        assertThat(columns("programmeId", "period", "targetGroup", "measure", "total")
                .toSubmission(List.of("prg-1", "2025", "CHILDREN", "ACTIVE", "5", "extra"), violations)).isEmpty();
        assertThat(violations.list()).singleElement().extracting(FieldViolation::message)
                .isEqualTo("has 6 fields but the header has 5");
    }
}
