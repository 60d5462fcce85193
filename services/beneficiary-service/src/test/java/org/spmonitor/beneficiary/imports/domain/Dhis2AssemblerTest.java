package org.spmonitor.beneficiary.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.count.domain.CountKey;
import org.spmonitor.beneficiary.imports.domain.Dhis2DataValueSet.DataValue;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

class Dhis2AssemblerTest {

    private static final Dhis2Mapping MAPPING = new Dhis2Mapping(Map.of("OU_KHM", "prg-1"), List.of(
            new Dhis2Mapping.Entry("DE_ACTIVE", "COC_TOTAL", TargetGroup.CHILDREN, Measure.ACTIVE, "total"),
            new Dhis2Mapping.Entry("DE_ACTIVE", "COC_F", TargetGroup.CHILDREN, Measure.ACTIVE, "sex.female"),
            new Dhis2Mapping.Entry("DE_ACTIVE", "COC_M", TargetGroup.CHILDREN, Measure.ACTIVE, "sex.male"),
            new Dhis2Mapping.Entry("DE_NEW_OLD", null, TargetGroup.OLDER_PERSONS, Measure.NEW, "ageGroup.65+")));

    private final List<String> rejected = new ArrayList<>();
    private final List<Integer> ignored = new ArrayList<>();
    private final List<Dhis2Assembler.Deletion> deleted = new ArrayList<>();
    private final Dhis2Assembler.Sink sink = new Dhis2Assembler.Sink() {
        @Override
        public void rejected(int value, List<FieldViolation> violations) {
            violations.forEach(v -> rejected.add(value + ":" + v.field() + ":" + v.message()));
        }

        @Override
        public void ignored(int value, String dataElement) {
            ignored.add(value);
        }

        @Override
        public void deleted(Dhis2Assembler.Deletion deletion) {
            deleted.add(deletion);
        }
    };

    private static DataValue value(String dataElement, String coc, String value) {
        return new DataValue(dataElement, null, null, coc, null, value, null);
    }

    @Test
    void groupsTheValuesOfOneProgrammePeriodGroupAndMeasureIntoOneCount() {
        Dhis2DataValueSet set = new Dhis2DataValueSet("ds", "202501", "OU_KHM", List.of(
                value("DE_ACTIVE", "COC_TOTAL", "100"), value("DE_ACTIVE", "COC_F", "60"),
                value("DE_ACTIVE", "COC_M", "40.0"), value("DE_NEW_OLD", "ANY_COMBO", "7")));
        List<Dhis2Assembler.Assembled> counts = Dhis2Assembler.assemble(set, MAPPING, sink);
        assertThat(rejected).isEmpty();
        assertThat(counts).extracting(Dhis2Assembler.Assembled::submission).containsExactly(
                new BeneficiaryCountSubmission("prg-1", "2025-01", TargetGroup.CHILDREN, Measure.ACTIVE, 100L,
                        new org.spmonitor.events.beneficiary.SexBreakdown(60L, 40L, null), null, null, null),
                new BeneficiaryCountSubmission("prg-1", "2025-01", TargetGroup.OLDER_PERSONS, Measure.NEW, 7L, null,
                        new org.spmonitor.events.beneficiary.AgeBreakdown(null, null, 7L, null), null, null));
        assertThat(counts.get(1).firstValue()).isEqualTo(3);
    }

    @Test
    void takesTheTotalFromTheBreakdownWhenNoTotalValueIsMapped() {
        Dhis2DataValueSet set = new Dhis2DataValueSet(null, "2025Q2", "OU_KHM", List.of(
                value("DE_ACTIVE", "COC_F", "30"), value("DE_ACTIVE", "COC_M", "20")));
        assertThat(Dhis2Assembler.assemble(set, MAPPING, sink)).singleElement()
                .extracting(a -> a.submission().total()).isEqualTo(50L);
    }

    @Test
    void rejectsValuesOfAnUnmappedOrgUnitOrComboAndIgnoresUnmappedDataElements() {
        Dhis2DataValueSet set = new Dhis2DataValueSet(null, "2025", null, List.of(
                new DataValue("DE_ACTIVE", null, "OU_ELSEWHERE", "COC_TOTAL", null, "5", null),
                new DataValue("DE_ACTIVE", null, "OU_KHM", "COC_UNKNOWN", null, "5", null),
                new DataValue("DE_BUDGET", null, "OU_KHM", "COC_TOTAL", null, "999", true)));
        assertThat(Dhis2Assembler.assemble(set, MAPPING, sink)).isEmpty();
        assertThat(rejected).containsExactly(
                "0:orgUnit:org unit 'OU_ELSEWHERE' is not in the mapping's orgUnits",
                "1:categoryOptionCombo:category option combo 'COC_UNKNOWN' of data element 'DE_ACTIVE' is not in the mapping");
        assertThat(ignored).as("an unmapped data element, deleted or not").containsExactly(2);
        assertThat(deleted).isEmpty();
    }

    @Test
    void aCountOnlyDeletedValuesMentionIsHandedOverOnceForWithdrawal() {
        Dhis2DataValueSet set = new Dhis2DataValueSet(null, "2025", "OU_KHM", List.of(
                new DataValue("DE_ACTIVE", null, null, "COC_F", null, "60", true),
                new DataValue("DE_ACTIVE", null, null, "COC_M", null, null, true),
                new DataValue("DE_NEW_OLD", "2024", null, "x", null, "3", true)));
        assertThat(Dhis2Assembler.assemble(set, MAPPING, sink)).isEmpty();
        assertThat(rejected).isEmpty();
        assertThat(deleted).containsExactly(
                new Dhis2Assembler.Deletion(0, new CountKey("prg-1", "2025", TargetGroup.CHILDREN, Measure.ACTIVE)),
                new Dhis2Assembler.Deletion(2, new CountKey("prg-1", "2024", TargetGroup.OLDER_PERSONS,
                        Measure.NEW)));
    }

    @Test
    void aDeletedValueBesideLiveValuesOfTheSameCountOnlyDropsItsSlot() {
        Dhis2DataValueSet set = new Dhis2DataValueSet(null, "2025", "OU_KHM", List.of(
                new DataValue("DE_ACTIVE", null, null, "COC_F", null, "60", null),
                new DataValue("DE_ACTIVE", null, null, "COC_M", null, "40", true),
                new DataValue("DE_ACTIVE", null, "OU_NOWHERE", "COC_TOTAL", null, null, true)));
        assertThat(Dhis2Assembler.assemble(set, MAPPING, sink)).singleElement()
                .extracting(a -> a.submission().total()).isEqualTo(60L);
        assertThat(deleted).isEmpty();
        assertThat(rejected).as("a deleted value that names no programme").singleElement().asString()
                .startsWith("2:orgUnit:");
    }

    @Test
    void rejectsAValueThatFillsASlotAlreadyFilledAndOneThatIsNotAWholeNumber() {
        Dhis2DataValueSet set = new Dhis2DataValueSet(null, "2025", "OU_KHM", List.of(
                value("DE_ACTIVE", "COC_TOTAL", "5"), value("DE_ACTIVE", "COC_TOTAL", "6"),
                value("DE_ACTIVE", "COC_F", "1.5")));
        assertThat(Dhis2Assembler.assemble(set, MAPPING, sink)).singleElement()
                .extracting(a -> a.submission().total()).isEqualTo(5L);
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0)).startsWith("1::fills total of the same count as value 0");
        assertThat(rejected.get(1)).startsWith("2:value:must be a whole number");
    }

    @Test
    void aMappingNamesItsOwnMistakes() {
        Dhis2Mapping bad = new Dhis2Mapping(Map.of(), List.of(
                new Dhis2Mapping.Entry("DE", null, TargetGroup.CHILDREN, null, "sex.other"),
                new Dhis2Mapping.Entry("DE", null, TargetGroup.CHILDREN, Measure.NEW, "total")));
        Violations violations = new Violations();
        assertThat(bad.validate(violations)).isFalse();
        assertThat(violations.list()).extracting(FieldViolation::field).containsExactly("mapping.orgUnits",
                "mapping.dataElements[0].measure", "mapping.dataElements[0].breakdown", "mapping.dataElements[1]");
    }
}
