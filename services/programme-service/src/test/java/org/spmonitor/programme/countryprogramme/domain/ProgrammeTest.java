package org.spmonitor.programme.countryprogramme.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spmonitor.programme.countryprogramme.domain.Programmes.NOW;
import static org.spmonitor.programme.countryprogramme.domain.Programmes.TEAM;
import static org.spmonitor.programme.countryprogramme.domain.Programmes.TODAY;
import static org.spmonitor.programme.countryprogramme.domain.Refusals.assertRefused;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.write.WriteOutcome;

/** What a programme decides for each command, without Spring or a database. */
class ProgrammeTest {

    private static final Instant LATER = NOW.plusSeconds(3600);

    @Nested
    class Registering {

        @Test
        void makesVersionOneWithAFreshIdAndPublishesTheDetails() {
            Change change = Programme.register(Programmes.cambodiaFamilyPackage(), TEAM, NOW);

            Programme programme = change.programme();
            assertThat(programme.id()).matches("prg-[0-9a-z]{12}");
            assertThat(programme.version()).isEqualTo(1);
            assertThat(programme.registeredBy()).isEqualTo(TEAM);
            assertThat(change.outcome()).isEqualTo(WriteOutcome.CREATED);
            ProgrammeRegistered event = (ProgrammeRegistered) change.event();
            assertThat(event.programmeId()).isEqualTo(programme.id());
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.key()).isEqualTo("KHM");
            assertThat(event.annualTargets()).containsExactly(new AnnualTarget(2025, 1_850_000, 1_200_000),
                    new AnnualTarget(2026, 1_900_000, 1_400_000));
        }

        @Test
        void givesEachProgrammeItsOwnId() {
            assertThat(Programmes.registered().id()).isNotEqualTo(Programmes.registered().id());
        }

        @Test
        void recordsTheRegisteredValuesAsTheFirstVersion() {
            HistoryEntry entry = Programme.register(Programmes.cambodiaFamilyPackage(), TEAM, NOW).entry();

            assertThat(entry.kind()).isEqualTo(ChangeKind.REGISTERED);
            assertThat(entry.by()).isEqualTo(TEAM);
            assertThat(entry.at()).isEqualTo(NOW);
            assertThat(entry.changedFields()).containsExactly("country", "name", "description", "partners", "donors",
                    "startDate", "endDate", "status", "floorGuarantees", "branches", "targetGroups", "annualTargets",
                    "reportingFrequency", "dueLagDays");
            assertThat(entry.changes()).allSatisfy(c -> assertThat(c.previous()).isNull());
            assertThat(entry.changes().get(5).current()).isEqualTo("2024-01-01");
        }

        @Test
        void refusesInvalidDetails() {
            assertRefused(() -> Programme.register(Programmes.programme("XXX", "Grant"), TEAM, NOW), "country");
        }
    }

    @Nested
    class ReplacingDetails {

        @Test
        void sameDetailsAreUnchangedAndMakeNoVersion() {
            Programme programme = Programmes.registered();

            Change change = programme.replaceDetails(Programmes.cambodiaFamilyPackage(), "someone", LATER);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
            assertThat(change.programme()).isSameAs(programme);
            assertThat(change.entry()).isNull();
            assertThat(change.event()).isNull();
        }

        @Test
        void annualTargetsInAnotherOrderAreTheSameDetails() {
            Programme programme = Programmes.registered();

            Change change = programme.replaceDetails(Programmes.cambodiaFamilyPackageWithTargets(
                    new YearTarget(2026, 1_900_000L, 1_400_000L), new YearTarget(2025, 1_850_000L, 1_200_000L)),
                    TEAM, LATER);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        }

        @Test
        void makesTheNextVersionNamingTheChangedFieldsWithTheirPreviousValues() {
            Programme programme = Programmes.registered();
            ProgrammeDetails suspended = Programmes.cambodiaFamilyPackageWithStatus(ProgrammeStatus.SUSPENDED);

            Change change = programme.replaceDetails(suspended, "programme-manager", LATER);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.UPDATED);
            assertThat(change.programme().version()).isEqualTo(2);
            assertThat(change.programme().updatedBy()).isEqualTo("programme-manager");
            assertThat(change.programme().registeredAt()).isEqualTo(NOW);
            assertThat(change.entry().changes()).containsExactly(new FieldChange("status", "ACTIVE", "SUSPENDED"));
            ProgrammeUpdated event = (ProgrammeUpdated) change.event();
            assertThat(event.version()).isEqualTo(2);
            assertThat(event.status()).isEqualTo(ProgrammeStatus.SUSPENDED);
            assertThat(event.changedFields()).containsExactly("status");
        }

        @Test
        void listsChangedFieldsInTheOrderOfTheEventPayload() {
            Programme programme = Programmes.registered();
            ProgrammeDetails d = Programmes.cambodiaFamilyPackageWithTargets(new YearTarget(2025, 1_850_000L, 1_300_000L));
            ProgrammeDetails changed = new ProgrammeDetails(d.country(), d.name(), d.description(), d.partners(),
                    List.of("EU", "World Bank"), d.startDate(), d.endDate(), d.status(), d.floorGuarantees(),
                    d.branches(), d.targetGroups(), d.annualTargets());

            Change change = programme.replaceDetails(changed, TEAM, LATER);

            assertThat(((ProgrammeUpdated) change.event()).changedFields()).containsExactly("donors", "annualTargets");
            FieldChange targets = change.entry().changes().get(1);
            assertThat(targets.previous()).isEqualTo(List.of(
                    Map.of("year", 2025, "targetPopulation", 1_850_000L, "targetBeneficiaries", 1_200_000L),
                    Map.of("year", 2026, "targetPopulation", 1_900_000L, "targetBeneficiaries", 1_400_000L)));
            assertThat(targets.current()).isEqualTo(List.of(
                    Map.of("year", 2025, "targetPopulation", 1_850_000L, "targetBeneficiaries", 1_300_000L)));
        }

        @Test
        void refusesToMoveTheProgrammeToAnotherCountry() {
            ProgrammeDetails d = Programmes.cambodiaFamilyPackage();
            ProgrammeDetails moved = new ProgrammeDetails("LAO", d.name(), d.description(), d.partners(), d.donors(),
                    d.startDate(), d.endDate(), d.status(), d.floorGuarantees(), d.branches(), d.targetGroups(),
                    d.annualTargets());

            assertRefused(() -> Programmes.registered().replaceDetails(moved, TEAM, LATER), "country");
        }

        @Test
        void refusesDatesThatWouldLeaveAReportedResultOutside() {
            Programme programme = Programmes.withSdg131().reportResult(Programmes.result("2024Q3", "28.0"), TEAM,
                    NOW, TODAY).programme();

            assertRefused(() -> programme.replaceDetails(Programmes.cambodiaFamilyPackageRunning(
                    LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31)), TEAM, LATER), "startDate");
            assertRefused(() -> programme.replaceDetails(Programmes.cambodiaFamilyPackageRunning(
                    LocalDate.of(2020, 1, 1), LocalDate.of(2024, 6, 30)), TEAM, LATER), "endDate");
            assertThat(programme.replaceDetails(Programmes.cambodiaFamilyPackageRunning(
                    LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 2)), TEAM, LATER).outcome())
                    .as("a period that overlaps the dates stays inside").isEqualTo(WriteOutcome.UPDATED);
        }
    }

    @Nested
    class Milestones {

        @Test
        void addingOneMakesTheNextVersionAndReportsIt() {
            Change change = Programmes.registered().addMilestone(Programmes.subDecree(), TEAM, LATER, TODAY);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.CREATED);
            assertThat(change.programme().version()).isEqualTo(2);
            Milestone milestone = change.programme().milestone(change.about()).orElseThrow();
            assertThat(milestone.id()).matches("mst-[0-9a-z]{8}");
            assertThat(milestone.statusChanges()).hasSize(1);
            MilestoneReported event = (MilestoneReported) change.event();
            assertThat(event.version()).isEqualTo(2);
            assertThat(event.milestoneId()).isEqualTo(milestone.id());
            assertThat(event.status()).isEqualTo(MilestoneStatus.PLANNED);
            assertThat(event.statusDate()).isEqualTo(LocalDate.of(2025, 1, 10));
            assertThat(change.entry().changedFields()).containsExactly("milestones." + milestone.id());
        }

        @Test
        void aMilestoneWithoutStatusIsPlannedAsOfToday() {
            NewMilestone bare = new NewMilestone("Costing study validated", LocalDate.of(2025, 12, 31), null, null,
                    null);

            Milestone milestone = added(Programmes.registered().addMilestone(bare, TEAM, LATER, TODAY));

            assertThat(milestone.status()).isEqualTo(MilestoneStatus.PLANNED);
            assertThat(milestone.statusDate()).isEqualTo(TODAY);
        }

        @Test
        void addingTheSameMilestoneAgainIsUnchangedAndAnotherUnderItsTitleIsAConflict() {
            Programme programme = Programmes.registered().addMilestone(Programmes.subDecree(), TEAM, LATER, TODAY)
                    .programme();
            NewMilestone sameTitleOtherDate = new NewMilestone(Programmes.subDecree().title().toUpperCase(),
                    LocalDate.of(2025, 9, 30), null, null, null);

            Change again = programme.addMilestone(Programmes.subDecree(), TEAM, LATER, TODAY);

            assertThat(again.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
            assertThat(again.about()).isEqualTo(programme.milestones().get(0).id());
            assertThatThrownBy(() -> programme.addMilestone(sameTitleOtherDate, TEAM, LATER, TODAY))
                    .isInstanceOf(ConflictException.class).hasMessageContaining(programme.milestones().get(0).id());
        }

        @Test
        void refusesAMilestoneWithoutTitleOrDueDateOrAssessedInTheFuture() {
            NewMilestone invalid = new NewMilestone(" ", null, null, TODAY.plusDays(2), "x".repeat(2001));

            assertRefused(() -> Programmes.registered().addMilestone(invalid, TEAM, LATER, TODAY),
                    "title", "dueDate", "statusDate", "note");
        }

        @Test
        void aStatusChangeRecordsTheDatedNoteAndTheNextVersion() {
            Programme programme = Programmes.registered().addMilestone(Programmes.subDecree(), TEAM, NOW, TODAY)
                    .programme();
            String id = programme.milestones().get(0).id();

            Change change = programme.changeMilestoneStatus(id, new MilestoneStatusReport(MilestoneStatus.DELAYED,
                    LocalDate.of(2025, 6, 20), "Council of Ministers postponed the session",
                    LocalDate.of(2025, 9, 30)), "ilo-office", LATER, TODAY);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.UPDATED);
            Milestone milestone = change.programme().milestone(id).orElseThrow();
            assertThat(milestone.status()).isEqualTo(MilestoneStatus.DELAYED);
            assertThat(milestone.dueDate()).isEqualTo(LocalDate.of(2025, 9, 30));
            assertThat(milestone.statusChanges()).extracting(MilestoneStatusChange::status)
                    .containsExactly(MilestoneStatus.PLANNED, MilestoneStatus.DELAYED);
            assertThat(milestone.statusChanges().get(1).recordedBy()).isEqualTo("ilo-office");
            assertThat(change.entry().changes()).containsExactly(
                    new FieldChange("milestones." + id + ".status", "PLANNED", "DELAYED"),
                    new FieldChange("milestones." + id + ".statusDate", "2025-01-10", "2025-06-20"),
                    new FieldChange("milestones." + id + ".note", null, "Council of Ministers postponed the session"),
                    new FieldChange("milestones." + id + ".dueDate", "2025-06-30", "2025-09-30"));
            MilestoneReported event = (MilestoneReported) change.event();
            assertThat(event.version()).isEqualTo(3);
            assertThat(event.note()).isEqualTo("Council of Ministers postponed the session");
            assertThat(event.dueDate()).isEqualTo(LocalDate.of(2025, 9, 30));
        }

        @Test
        void theSameAssessmentAgainIsUnchanged() {
            Programme programme = Programmes.registered().addMilestone(Programmes.subDecree(), TEAM, NOW, TODAY)
                    .programme();
            String id = programme.milestones().get(0).id();
            MilestoneStatusReport onTrack = new MilestoneStatusReport(MilestoneStatus.ON_TRACK, LocalDate.of(2025, 3, 1),
                    "Drafting started", null);
            Programme assessed = programme.changeMilestoneStatus(id, onTrack, TEAM, LATER, TODAY).programme();

            assertThat(assessed.changeMilestoneStatus(id, onTrack, TEAM, LATER, TODAY).outcome())
                    .isEqualTo(WriteOutcome.UNCHANGED);
        }

        @Test
        void refusesAStatusChangeWithoutStatusDatedInTheFutureOrBeforeTheCurrentStatus() {
            Programme programme = Programmes.registered().addMilestone(Programmes.subDecree(), TEAM, NOW, TODAY)
                    .programme();
            String id = programme.milestones().get(0).id();

            assertRefused(() -> programme.changeMilestoneStatus(id, new MilestoneStatusReport(null, null, null, null),
                    TEAM, LATER, TODAY), "status");
            assertRefused(() -> programme.changeMilestoneStatus(id, new MilestoneStatusReport(MilestoneStatus.ACHIEVED,
                    TODAY.plusDays(2), null, null), TEAM, LATER, TODAY), "date");
            assertRefused(() -> programme.changeMilestoneStatus(id, new MilestoneStatusReport(MilestoneStatus.ACHIEVED,
                    LocalDate.of(2025, 1, 9), null, null), TEAM, LATER, TODAY), "date");
        }

        @Test
        void aStatusChangeOfAnUnknownMilestoneIsNotFound() {
            assertThatThrownBy(() -> Programmes.registered().changeMilestoneStatus("mst-nothere",
                    new MilestoneStatusReport(MilestoneStatus.ACHIEVED, null, null, null), TEAM, LATER, TODAY))
                    .isInstanceOf(NotFoundException.class);
        }

        private Milestone added(Change change) {
            return change.programme().milestone(change.about()).orElseThrow();
        }
    }

    @Nested
    class Indicators {

        @Test
        void definingOneMakesTheNextVersionButNoEvent() {
            Change change = Programmes.registered().defineIndicator(Programmes.sdg131(), TEAM, LATER);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.CREATED);
            assertThat(change.programme().version()).isEqualTo(2);
            assertThat(change.event()).isNull();
            assertThat(change.entry().kind()).isEqualTo(ChangeKind.INDICATOR_DEFINED);
            assertThat(change.entry().changes().get(0).current()).isEqualTo(Map.of("code", "SDG-1.3.1",
                    "name", "Proportion of population covered by at least one social protection benefit", "unit", "%",
                    "baseline", Map.of("value", "24.1", "year", 2020), "target", Map.of("value", "40.0", "year", 2027)));
        }

        @Test
        void theSameDefinitionAgainIsUnchangedAndAnotherUnderItsCodeIsAConflict() {
            Programme programme = Programmes.withSdg131();
            IndicatorDefinition sameInOtherNotation = new IndicatorDefinition("sdg-1.3.1", Programmes.sdg131().name(),
                    "%", new Measurement(new BigDecimal("24.10"), 2020), new Measurement(new BigDecimal("40"), 2027));
            IndicatorDefinition otherTarget = new IndicatorDefinition("SDG-1.3.1", Programmes.sdg131().name(), "%",
                    null, new Measurement(new BigDecimal("45"), 2027));

            assertThat(programme.defineIndicator(sameInOtherNotation, TEAM, LATER).outcome())
                    .isEqualTo(WriteOutcome.UNCHANGED);
            assertThatThrownBy(() -> programme.defineIndicator(otherTarget, TEAM, LATER))
                    .isInstanceOf(ConflictException.class);
        }

        @Test
        void refusesAnIndicatorWithABadCodeMissingUnitOrTargetBeforeBaseline() {
            IndicatorDefinition invalid = new IndicatorDefinition("SDG 1.3.1", "Coverage", null,
                    new Measurement(new BigDecimal("24.1234567"), 2020), new Measurement(new BigDecimal("40"), 2019));

            assertRefused(() -> Programmes.registered().defineIndicator(invalid, TEAM, LATER),
                    "code", "unit", "baseline.value", "target.year");
        }

        @Test
        void refusesABaselineWithoutYear() {
            IndicatorDefinition invalid = new IndicatorDefinition("COV", "Coverage", "%",
                    new Measurement(new BigDecimal("1"), null), null);

            assertRefused(() -> Programmes.registered().defineIndicator(invalid, TEAM, LATER), "baseline.year");
        }

        @Test
        void revisingKeepsCodeAndResultsAndRecordsThePreviousTarget() {
            Programme programme = Programmes.withSdg131().reportResult(Programmes.result("2025", "31.6"), TEAM, NOW,
                    TODAY).programme();
            IndicatorDefinition revision = new IndicatorDefinition(null, Programmes.sdg131().name(), "%",
                    Programmes.sdg131().baseline(), new Measurement(new BigDecimal("45.0"), 2027));

            Change change = programme.reviseIndicator("sdg-1.3.1", revision, TEAM, LATER);

            Indicator indicator = change.programme().indicator("SDG-1.3.1").orElseThrow();
            assertThat(indicator.target().value()).isEqualByComparingTo("45.0");
            assertThat(indicator.results()).hasSize(1);
            assertThat(change.event()).isNull();
            assertThat(change.entry().changes()).containsExactly(new FieldChange("indicators.SDG-1.3.1.target",
                    Map.of("value", "40.0", "year", 2027), Map.of("value", "45.0", "year", 2027)));
        }

        @Test
        void refusesToChangeAnIndicatorsCode() {
            IndicatorDefinition renamed = new IndicatorDefinition("SDG-1.3.2", "Coverage", "%", null, null);

            assertRefused(() -> Programmes.withSdg131().reviseIndicator("SDG-1.3.1", renamed, TEAM, LATER), "code");
        }
    }

    @Nested
    class IndicatorResults {

        @Test
        void reportingPublishesTheValueWithTheIndicatorsDefinition() {
            Change change = Programmes.withSdg131().reportResult(Programmes.result("2025Q1", "29.75"), TEAM, LATER,
                    TODAY);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.CREATED);
            assertThat(change.programme().version()).isEqualTo(3);
            IndicatorResultReported event = (IndicatorResultReported) change.event();
            assertThat(event).isEqualTo(new IndicatorResultReported(change.programme().id(), 3, "KHM", "SDG-1.3.1",
                    "Proportion of population covered by at least one social protection benefit", "%",
                    new BigDecimal("24.1"), 2020, new BigDecimal("40.0"), 2027, "2025Q1", new BigDecimal("29.75")));
        }

        @Test
        void aNewValueForAPeriodReplacesTheOldOneWhichTheHistoryKeeps() {
            Programme programme = Programmes.withSdg131().reportResult(Programmes.result("2025", "30"), TEAM, NOW,
                    TODAY).programme();

            Change change = programme.reportResult(Programmes.result("2025", "31.6"), TEAM, LATER, TODAY);

            assertThat(change.outcome()).isEqualTo(WriteOutcome.UPDATED);
            Indicator indicator = change.programme().indicator("SDG-1.3.1").orElseThrow();
            assertThat(indicator.results()).singleElement()
                    .satisfies(r -> assertThat(r.actualValue()).isEqualByComparingTo("31.6"));
            assertThat(change.entry().changes()).containsExactly(
                    new FieldChange("indicators.SDG-1.3.1.results.2025", "30", "31.6"));
        }

        @Test
        void theSameValueAgainIsUnchangedWhateverItsNotation() {
            Programme programme = Programmes.withSdg131().reportResult(Programmes.result("2025", "31.6"), TEAM, NOW,
                    TODAY).programme();

            assertThat(programme.reportResult(Programmes.result("2025", "31.60"), TEAM, LATER, TODAY).outcome())
                    .isEqualTo(WriteOutcome.UNCHANGED);
        }

        @Test
        void keepsResultsInPeriodOrder() {
            Programme programme = Programmes.withSdg131();
            for (String period : List.of("2025-02", "2024", "2025Q1", "2024Q4")) {
                programme = programme.reportResult(Programmes.result(period, "30"), TEAM, NOW, TODAY).programme();
            }

            assertThat(programme.indicator("SDG-1.3.1").orElseThrow().results()).extracting(IndicatorResult::period)
                    .as("by end, then start: a year before its last quarter").containsExactly("2024", "2024Q4", "2025-02", "2025Q1");
        }

        @Test
        void refusesPeriodsNotInTheFormatsOfTheDesign() {
            for (String period : List.of("2025Q5", "2025-13", "202501", "25", "2025-1", "Q1 2025")) {
                assertRefused(() -> Programmes.withSdg131().reportResult(Programmes.result(period, "1"), TEAM, LATER,
                        TODAY), "period");
            }
        }

        @Test
        void refusesAPeriodOutsideTheProgrammesDatesOrNotBegunYet() {
            assertRefused(() -> Programmes.withSdg131().reportResult(Programmes.result("2023Q4", "1"), TEAM, LATER,
                    TODAY), "period");
            assertRefused(() -> Programmes.withSdg131().reportResult(Programmes.result("2028", "1"), TEAM, LATER,
                    TODAY), "period");
            assertRefused(() -> Programmes.withSdg131().reportResult(Programmes.result("2025Q4", "1"), TEAM, LATER,
                    TODAY), "period");
            assertThat(Programmes.withSdg131().reportResult(Programmes.result("2025Q3", "1"), TEAM, LATER, TODAY)
                    .outcome()).as("a quarter under way").isEqualTo(WriteOutcome.CREATED);
        }

        @Test
        void refusesAnUnknownIndicatorAndValuesThatAreNotSensibleDecimals() {
            assertRefused(() -> Programmes.withSdg131().reportResult(new ResultReport("SDG-9.9", "2025", null), TEAM,
                    LATER, TODAY), "indicatorCode", "actualValue");
            assertRefused(() -> Programmes.withSdg131().reportResult(Programmes.result("2025", "1.0000001"), TEAM,
                    LATER, TODAY), "actualValue");
            assertRefused(() -> Programmes.withSdg131().reportResult(Programmes.result("2025", "1E+20"), TEAM,
                    LATER, TODAY), "actualValue");
        }

        @Test
        void writesExponentNotationAsAPlainDecimal() {
            Change change = Programmes.withSdg131().reportResult(Programmes.result("2025", "1.5E+3"), TEAM, LATER,
                    TODAY);

            assertThat(((IndicatorResultReported) change.event()).actualValue().toPlainString()).isEqualTo("1500");
            assertThat(((IndicatorResultReported) change.event()).actualValue().scale()).isZero();
        }
    }
}
