package org.spmonitor.programme.countryprogramme.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.write.WriteOutcome;

/** The use cases over a real in-memory repository: concurrency, retries, one name per country. */
class ProgrammeServiceTest {

    private final InMemoryProgrammeRepository repository = new InMemoryProgrammeRepository();
    private final ProgrammeService service = new ProgrammeService(repository, Programmes.clock());

    private String registered() {
        return service.register(Programmes.cambodiaFamilyPackage(), "team").programme().id();
    }

    @Test
    void registeringTheSameDetailsTwiceKeepsOneProgramme() {
        Change first = service.register(Programmes.cambodiaFamilyPackage(), "team");
        Change second = service.register(Programmes.cambodiaFamilyPackage(), "team");

        assertThat(second.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(second.programme().id()).isEqualTo(first.programme().id());
        assertThat(repository.list(new ProgrammeFilter(null, null, null, null), 0, 10).totalItems()).isEqualTo(1);
        assertThat(repository.events()).hasSize(1);
    }

    @Test
    void otherDetailsUnderANameTheCountryUsesAreAConflict() {
        service.register(Programmes.programme("KHM", "Family Package"), "team");

        ProgrammeDetails sameNameOtherCase = new ProgrammeDetails("KHM", "family  PACKAGE", "other", List.of(),
                List.of(), LocalDate.of(2020, 1, 1), null, null, null, null, null, null);
        assertThatThrownBy(() -> service.register(sameNameOtherCase, "team")).isInstanceOf(ConflictException.class);
        assertThat(service.register(Programmes.programme("SEN", "Family Package"), "team").outcome())
                .as("another country may use the name").isEqualTo(WriteOutcome.CREATED);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String id = registered();
        service.replaceDetails(id, Programmes.cambodiaFamilyPackageWithStatus(ProgrammeStatus.SUSPENDED), 1L, "a");

        assertThatThrownBy(() -> service.replaceDetails(id,
                Programmes.cambodiaFamilyPackageWithStatus(ProgrammeStatus.COMPLETED), 1L, "b"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("version 2");
        assertThat(service.get(id).details().status()).isEqualTo(ProgrammeStatus.SUSPENDED);
        assertThat(service.history(id)).hasSize(2);
    }

    @Test
    void repeatingASuccessfulReplacementIsUnchangedEvenWithItsNowStaleVersion() {
        String id = registered();
        ProgrammeDetails suspended = Programmes.cambodiaFamilyPackageWithStatus(ProgrammeStatus.SUSPENDED);
        service.replaceDetails(id, suspended, 1L, "a");

        Change retry = service.replaceDetails(id, suspended, 1L, "a");

        assertThat(retry.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(retry.programme().version()).isEqualTo(2);
    }

    @Test
    void aVersionedReplacementThatLosesARaceIsAConflict() {
        String id = registered();
        repository.beforeNextUpdate(() -> service.addMilestone(id, Programmes.subDecree(), "someone else"));

        assertThatThrownBy(() -> service.replaceDetails(id,
                Programmes.cambodiaFamilyPackageWithStatus(ProgrammeStatus.SUSPENDED), 1L, "a"))
                .isInstanceOf(ConflictException.class);
        assertThat(service.get(id).details().status()).isEqualTo(ProgrammeStatus.ACTIVE);
        assertThat(service.get(id).milestones()).hasSize(1);
    }

    @Test
    void aWriteThatLosesARaceIsDecidedAgainOnTheNewerVersionSoNeitherChangeIsLost() {
        String id = registered();
        repository.beforeNextUpdate(() -> service.replaceDetails(id,
                Programmes.cambodiaFamilyPackageWithStatus(ProgrammeStatus.SUSPENDED), null, "someone else"));

        Change added = service.addMilestone(id, Programmes.subDecree(), "team");

        assertThat(added.programme().version()).isEqualTo(3);
        Programme programme = service.get(id);
        assertThat(programme.details().status()).isEqualTo(ProgrammeStatus.SUSPENDED);
        assertThat(programme.milestones()).hasSize(1);
        assertThat(repository.events()).extracting(DomainEvent::version).containsExactly(1L, 2L, 3L);
    }

    @Test
    void everyChangeMakesTheNextVersionAndItsEventCarriesIt() {
        String id = registered();
        service.defineIndicator(id, Programmes.sdg131(), "team");
        String milestone = service.addMilestone(id, Programmes.subDecree(), "team").about();
        service.changeMilestoneStatus(id, milestone, new MilestoneStatusReport(MilestoneStatus.AT_RISK, null,
                "Review pending", null), "team");
        service.reportResult(id, Programmes.result("2025Q1", "29.8"), "team");
        service.reportResult(id, Programmes.result("2025Q1", "29.8"), "team");

        assertThat(service.history(id)).extracting(HistoryEntry::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(repository.events()).extracting(DomainEvent::version).containsExactly(1L, 3L, 4L, 5L);
        assertThat(service.get(id).version()).isEqualTo(5);
    }

    @Test
    void statusChangesAreDatedTodayWhenNoDateIsGiven() {
        String id = registered();
        String milestone = service.addMilestone(id, Programmes.subDecree(), "team").about();

        service.changeMilestoneStatus(id, milestone, new MilestoneStatusReport(MilestoneStatus.ACHIEVED, null, null,
                null), "team");

        assertThat(service.get(id).milestone(milestone).orElseThrow().statusDate()).isEqualTo(Programmes.TODAY);
    }

    @Test
    void listsByCountryStatusPartnerAndTargetGroupOnePageAtATime() {
        service.register(Programmes.cambodiaFamilyPackage(), "team");
        service.register(Programmes.programme("KHM", "Social health protection"), "team");
        service.register(Programmes.programme("SEN", "Bourses"), "team");

        assertThat(service.list(new ProgrammeFilter("KHM", null, null, null), 0, 10).totalItems()).isEqualTo(2);
        assertThat(service.list(new ProgrammeFilter(null, null, "unicef", null), 0, 10).items()).singleElement()
                .satisfies(p -> assertThat(p.details().country()).isEqualTo("KHM"));
        assertThat(service.list(new ProgrammeFilter(null, null, null, TargetGroup.OLDER_PERSONS), 0, 10).totalItems())
                .isEqualTo(1);
        Page<Programme> second = service.list(new ProgrammeFilter(null, ProgrammeStatus.ACTIVE, null, null), 1, 2);
        assertThat(second.totalItems()).isEqualTo(3);
        assertThat(second.totalPages()).isEqualTo(2);
        assertThat(second.items()).singleElement()
                .satisfies(p -> assertThat(p.details().country()).isEqualTo("SEN"));
    }

    @Test
    void anUnknownProgrammeIsNotFound() {
        assertThatThrownBy(() -> service.get("prg-nothere")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.history("prg-nothere")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.addMilestone("prg-nothere", Programmes.subDecree(), "team"))
                .isInstanceOf(NotFoundException.class);
    }
}
