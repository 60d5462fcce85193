package org.spmonitor.beneficiary.count.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryCounts;
import org.spmonitor.beneficiary.Programmes;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

class CountRulesTest {

    private static final Optional<KnownProgramme> KHM = Optional.of(Programmes.known("prg-1", "KHM"));

    private static Violations check(BeneficiaryCountSubmission submission, Optional<KnownProgramme> programme) {
        Violations violations = new Violations();
        CountRules.prepare(submission, programme, violations);
        return violations;
    }

    @Test
    void acceptsACountWhoseEveryBreakdownSumsToItsTotal() {
        Violations violations = new Violations();
        Optional<PreparedCount> prepared = CountRules.prepare(BeneficiaryCounts.activeFemaleHeavy("prg-1"), KHM,
                violations);
        assertThat(violations.list()).isEmpty();
        assertThat(prepared).get().satisfies(p -> {
            assertThat(p.country()).isEqualTo("KHM");
            assertThat(p.year()).isEqualTo(2025);
            assertThat(p.countId()).startsWith("cnt-");
        });
    }

    @Test
    void rejectsCountWhoseSexBreakdownExceedsTotal() {
        assertThat(check(BeneficiaryCounts.sexBreakdownExceedingTotal("prg-1"), KHM).list())
                .containsExactly(new FieldViolation("sex", "parts sum to 110 but total is 100"));
    }

    @Test
    void acceptsABreakdownThatGivesOnlySomeParts() {
        BeneficiaryCountSubmission partial = new BeneficiaryCountSubmission("prg-1", "2025", TargetGroup.CHILDREN,
                Measure.NEW, 10L, new SexBreakdown(10L, null, null), null, null, null);
        assertThat(check(partial, KHM).list()).isEmpty();
    }

    @Test
    void rejectsNegativeCountsInTotalAndBreakdowns() {
        BeneficiaryCountSubmission negative = new BeneficiaryCountSubmission("prg-1", "2025", TargetGroup.CHILDREN,
                Measure.NEW, -1L, null, null, null, null);
        assertThat(check(negative, KHM).list()).extracting(FieldViolation::field).containsExactly("total");
        BeneficiaryCountSubmission negativePart = new BeneficiaryCountSubmission("prg-1", "2025", TargetGroup.CHILDREN,
                Measure.NEW, 0L, null, null, new YesNoBreakdown(-5L, 5L, null), null);
        assertThat(check(negativePart, KHM).list()).extracting(FieldViolation::field).containsExactly("withDisability");
    }

    @Test
    void namesEveryMissingRequiredField() {
        BeneficiaryCountSubmission empty = new BeneficiaryCountSubmission(null, null, null, null, null, null, null,
                null, null);
        assertThat(check(empty, Optional.empty()).list()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("programmeId", "period", "targetGroup", "measure", "total");
    }

    @Test
    void rejectsAPeriodInDhis2FormOrWithAFifthQuarter() {
        assertThat(check(BeneficiaryCounts.withPeriod(BeneficiaryCounts.activeFemaleHeavy("prg-1"), "202501"), KHM)
                .list()).extracting(FieldViolation::field).containsExactly("period");
        assertThat(check(BeneficiaryCounts.withPeriod(BeneficiaryCounts.activeFemaleHeavy("prg-1"), "2025Q5"), KHM)
                .list()).extracting(FieldViolation::field).containsExactly("period");
    }

    @Test
    void rejectsAPeriodOutsideTheProgrammesDates() {
        Violations violations = check(BeneficiaryCounts.withPeriod(BeneficiaryCounts.activeFemaleHeavy("prg-1"),
                "2023Q4"), KHM);
        assertThat(violations.list()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("period");
            assertThat(v.message()).contains("outside the programme's dates 2024-01-01..2027-12-31");
        });
    }

    @Test
    void acceptsAPeriodThatOverlapsTheProgrammesFirstYear() {
        assertThat(check(BeneficiaryCounts.withPeriod(BeneficiaryCounts.activeFemaleHeavy("prg-1"), "2024"), KHM)
                .list()).isEmpty();
    }

    @Test
    void refusesAnUnknownProgrammeWithAMessageSayingToRetryIfJustRegistered() {
        assertThat(check(BeneficiaryCounts.activeFemaleHeavy("prg-nope"), Optional.empty()).list()).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("programmeId");
                    assertThat(v.message()).contains("unknown programme 'prg-nope'").contains("retry shortly");
                });
    }

    @Test
    void validatesEachItemOfABatchOnItsOwnEvenWhenTheViolationsAreShared() {
        Violations shared = new Violations();
        CountRules.prepare(BeneficiaryCounts.sexBreakdownExceedingTotal("prg-1"), KHM, shared.nested("items", 0));
        Optional<PreparedCount> second = CountRules.prepare(BeneficiaryCounts.activeFemaleHeavy("prg-1"), KHM,
                shared.nested("items", 1));
        assertThat(second).isPresent();
        assertThat(shared.list()).extracting(FieldViolation::field).containsExactly("items[0].sex");
    }

    @Test
    void givesTheSameIdToTheSameNaturalKeyAndAnotherToAnotherKey() {
        BeneficiaryCountSubmission count = BeneficiaryCounts.activeFemaleHeavy("prg-1");
        assertThat(CountKey.of(count).countId()).isEqualTo(CountKey.of(BeneficiaryCounts.withTotal(count, 5))
                .countId()).matches("cnt-[0-9a-f]{20}");
        assertThat(CountKey.of(count).countId())
                .isNotEqualTo(CountKey.of(BeneficiaryCounts.withPeriod(count, "2025Q2")).countId());
    }
}
