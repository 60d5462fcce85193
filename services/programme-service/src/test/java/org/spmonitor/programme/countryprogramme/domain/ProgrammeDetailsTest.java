package org.spmonitor.programme.countryprogramme.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.programme.countryprogramme.domain.Refusals.fieldsRefusedIn;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

/** The rules of DESIGN.md "Country programme", without Spring. */
class ProgrammeDetailsTest {

    private static ProgrammeDetails details(String country, String name, List<String> partners, LocalDate start,
            LocalDate end, List<YearTarget> targets) {
        return new ProgrammeDetails(country, name, null, partners, List.of(), start, end, ProgrammeStatus.ACTIVE,
                List.of(), List.of(), List.of(), targets);
    }

    private static ProgrammeDetails withTargets(YearTarget... targets) {
        return Programmes.cambodiaFamilyPackageWithTargets(targets);
    }

    private static String messageFor(ProgrammeDetails details, String field) {
        Violations violations = new Violations();
        details.validate(violations);
        return violations.list().stream().filter(v -> v.field().equals(field)).map(FieldViolation::message)
                .findFirst().orElseThrow();
    }

    @Test
    void acceptsTheCambodianFamilyPackage() {
        assertThat(fieldsRefusedIn(Programmes.cambodiaFamilyPackage())).isEmpty();
    }

    @Test
    void refusesACountryThatIsNotAnUpperCaseIso3Code() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        assertThat(fieldsRefusedIn(details("XYZ", "Grant", List.of(), start, null, List.of()))).containsExactly("country");
        assertThat(fieldsRefusedIn(details("khm", "Grant", List.of(), start, null, List.of()))).containsExactly("country");
        assertThat(fieldsRefusedIn(details("KH", "Grant", List.of(), start, null, List.of()))).containsExactly("country");
        assertThat(messageFor(details("XYZ", "Grant", List.of(), start, null, List.of()), "country"))
                .contains("ISO 3166-1 alpha-3").contains("'XYZ'");
    }

    @Test
    void namesEveryMissingRequiredFieldAtOnce() {
        assertThat(fieldsRefusedIn(details(null, "  ", List.of(), null, null, List.of())))
                .containsExactly("country", "name", "startDate");
    }

    @Test
    void refusesAnEndDateThatIsNotAfterTheStartDate() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        assertThat(fieldsRefusedIn(details("KHM", "Grant", List.of(), start, start, List.of()))).containsExactly("endDate");
        assertThat(fieldsRefusedIn(details("KHM", "Grant", List.of(), start, start.minusDays(1), List.of())))
                .containsExactly("endDate");
        assertThat(fieldsRefusedIn(details("KHM", "Grant", List.of(), start, start.plusDays(1), List.of()))).isEmpty();
    }

    @Test
    void acceptsAnOpenEndedProgramme() {
        assertThat(fieldsRefusedIn(details("SEN", "Bourses", List.of(), LocalDate.of(2013, 10, 1), null,
                List.of(new YearTarget(2040, 10L, 5L))))).isEmpty();
    }

    @Test
    void refusesMoreTargetBeneficiariesThanTargetPopulation() {
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 1_000L, 1_001L))))
                .containsExactly("annualTargets[0].targetBeneficiaries");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 1_000L, 1_000L)))).isEmpty();
    }

    @Test
    void refusesNegativeTargets() {
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 1_000L, -1L))))
                .containsExactly("annualTargets[0].targetBeneficiaries");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, -5L, 0L))))
                .containsExactly("annualTargets[0].targetPopulation");
    }

    @Test
    void requiresBothTargetNumbersInsteadOfTakingAMissingOneForZero() {
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, null, null))))
                .containsExactly("annualTargets[0].targetPopulation", "annualTargets[0].targetBeneficiaries");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(null, 10L, 5L)))).containsExactly("annualTargets[0].year");
    }

    @Test
    void acceptsATargetPopulationForEachOfTheProgrammesTargetGroups() {
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 1_850_000L, 1_200_000L, List.of(
                new GroupPopulation(TargetGroup.CHILDREN, 1_250_000L),
                new GroupPopulation(TargetGroup.OLDER_PERSONS, 210_000L)))))).isEmpty();
    }

    @Test
    void refusesATargetPopulationOfAGroupThatIsNotPositiveNotTheProgrammesOrGivenTwice() {
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 10L, 5L,
                List.of(new GroupPopulation(TargetGroup.CHILDREN, 0L))))))
                .containsExactly("annualTargets[0].groupTargetPopulations[0].targetPopulation");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 10L, 5L,
                List.of(new GroupPopulation(TargetGroup.CHILDREN, -3L))))))
                .containsExactly("annualTargets[0].groupTargetPopulations[0].targetPopulation");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 10L, 5L,
                List.of(new GroupPopulation(TargetGroup.UNEMPLOYED, 4L))))))
                .containsExactly("annualTargets[0].groupTargetPopulations[0].targetGroup");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 10L, 5L, List.of(
                new GroupPopulation(TargetGroup.CHILDREN, 4L), new GroupPopulation(TargetGroup.CHILDREN, 5L))))))
                .containsExactly("annualTargets[0].groupTargetPopulations[1].targetGroup");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 10L, 5L,
                Arrays.asList(new GroupPopulation(null, null), null)))))
                .containsExactly("annualTargets[0].groupTargetPopulations[0].targetGroup",
                        "annualTargets[0].groupTargetPopulations[0].targetPopulation",
                        "annualTargets[0].groupTargetPopulations[1]");
        assertThat(messageFor(withTargets(new YearTarget(2025, 10L, 5L,
                List.of(new GroupPopulation(TargetGroup.UNEMPLOYED, 4L)))),
                "annualTargets[0].groupTargetPopulations[0].targetGroup")).contains("UNEMPLOYED", "targetGroups");
    }

    @Test
    void refusesATargetYearOutsideTheProgrammesDatesOrGivenTwice() {
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2023, 10L, 5L)))).containsExactly("annualTargets[0].year");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2028, 10L, 5L)))).containsExactly("annualTargets[0].year");
        assertThat(fieldsRefusedIn(withTargets(new YearTarget(2025, 10L, 5L), new YearTarget(2025, 20L, 5L))))
                .containsExactly("annualTargets[1].year");
    }

    @Test
    void refusesANullEntryByItsIndexRatherThanFailing() {
        ProgrammeDetails details = new ProgrammeDetails("KHM", "Grant", null, Arrays.asList("ILO", null),
                List.of(), LocalDate.of(2024, 1, 1), null, null, null, Arrays.asList(Branch.FAMILY, null),
                null, Arrays.asList(new YearTarget(2025, 10L, 5L), null));

        assertThat(fieldsRefusedIn(details)).containsExactly("partners[1]", "branches[1]", "annualTargets[1]");
    }

    @Test
    void refusesAPartnerOrATargetGroupNamedTwice() {
        ProgrammeDetails details = new ProgrammeDetails("KHM", "Grant", null, List.of("ILO", "UNICEF", "ilo"),
                List.of(), LocalDate.of(2024, 1, 1), null, null, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN, TargetGroup.CHILDREN), List.of());

        assertThat(fieldsRefusedIn(details)).containsExactly("partners[2]", "targetGroups[1]");
    }

    @Test
    void refusesOverlongTexts() {
        String longName = "n".repeat(ProgrammeDetails.MAX_NAME + 1);
        assertThat(fieldsRefusedIn(details("KHM", longName, List.of("p".repeat(101)), LocalDate.of(2024, 1, 1), null,
                List.of()))).containsExactly("name", "partners[0]");
    }

    @Test
    void trimsTextsClearsBlankOnesAndDefaultsTheStatusToPlanned() {
        ProgrammeDetails details = new ProgrammeDetails(" KHM ", "  Family   Package ", "   ", null, null,
                LocalDate.of(2024, 1, 1), null, null, null, null, null, null);

        assertThat(details.status()).isEqualTo(ProgrammeStatus.PLANNED);
        assertThat(details.country()).isEqualTo("KHM");
        assertThat(details.name()).isEqualTo("Family   Package");
        assertThat(details.description()).isNull();
        assertThat(details.partners()).isEmpty();
        assertThat(details.annualTargets()).isEmpty();
    }

    @Test
    void oneNamePerCountryIgnoringCaseAndSpacing() {
        ProgrammeDetails a = Programmes.programme("KHM", "Family  Package");
        ProgrammeDetails b = Programmes.programme("KHM", "family package");
        ProgrammeDetails c = Programmes.programme("SEN", "Family Package");

        assertThat(a.nameKey()).isEqualTo(b.nameKey()).isNotEqualTo(c.nameKey());
    }

    @Test
    void normalisedFormOrdersAnnualTargetsByYear() {
        ProgrammeDetails details = withTargets(new YearTarget(2026, 20L, 10L), new YearTarget(2025, 10L, 5L));

        assertThat(details.normalised().annualTargets()).extracting(YearTarget::year).containsExactly(2025, 2026);
        assertThat(details.normalised()).isEqualTo(
                withTargets(new YearTarget(2025, 10L, 5L), new YearTarget(2026, 20L, 10L)).normalised());
    }

    @Test
    void aProgrammeThatNamesNoScheduleReportsQuarterlyDue45DaysAfterEachPeriod() {
        ProgrammeDetails details = details("KHM", "Grant", List.of(), LocalDate.of(2024, 1, 1), null, List.of());

        assertThat(details.reportingFrequency()).isEqualTo(ReportingFrequency.QUARTERLY);
        assertThat(details.dueLagDays()).isEqualTo(45);
    }

    @Test
    void refusesADueLagOutsideZeroToAYear() {
        for (int lag : new int[] { -1, 366 }) {
            ProgrammeDetails details = withSchedule(ReportingFrequency.MONTHLY, lag);
            assertThat(fieldsRefusedIn(details)).containsExactly("dueLagDays");
            assertThat(messageFor(details, "dueLagDays")).contains("between 0 and 365").contains(String.valueOf(lag));
        }
        assertThat(fieldsRefusedIn(withSchedule(ReportingFrequency.ANNUAL, 0))).isEmpty();
        assertThat(fieldsRefusedIn(withSchedule(ReportingFrequency.ANNUAL, 365))).isEmpty();
    }

    @Test
    void aChangedScheduleIsAChangedField() {
        ProgrammeDetails before = withSchedule(ReportingFrequency.QUARTERLY, 45);

        assertThat(withSchedule(ReportingFrequency.MONTHLY, 30).changesSince(before)).extracting(FieldChange::field)
                .containsExactly("reportingFrequency", "dueLagDays");
        assertThat(withSchedule(ReportingFrequency.QUARTERLY, 45).changesSince(before)).isEmpty();
    }

    private static ProgrammeDetails withSchedule(ReportingFrequency frequency, int lag) {
        ProgrammeDetails d = Programmes.cambodiaFamilyPackage();
        return new ProgrammeDetails(d.country(), d.name(), d.description(), d.partners(), d.donors(), d.startDate(),
                d.endDate(), d.status(), d.floorGuarantees(), d.branches(), d.targetGroups(), d.annualTargets(),
                frequency, lag);
    }
}
