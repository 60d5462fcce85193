package org.spmonitor.programme.countryprogramme.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.programme.countryprogramme.domain.Change;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;
import org.spmonitor.programme.countryprogramme.domain.Programmes;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The Mongo store keeps its promises on the real Mongo-wire server: one name per country, version checks. */
@SpmonitorIntegrationTest
class MongoProgrammeRepositoryIntegrationTest {

    private static final Instant NOW = Instant.parse("2025-07-01T09:00:00Z");

    @Autowired
    MongoProgrammeRepository repository;

    @Autowired
    MongoTemplate mongo;

    private static ProgrammeDetails named(String name) {
        return Programmes.programme("KHM", name);
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    @Test
    void refusesASecondProgrammeUnderANameTheCountryUses() {
        String name = unique("Family Package");
        Change first = Programme.register(named(name), "team", NOW);
        Change sameNameOtherCase = Programme.register(named(name.toUpperCase()), "team", NOW);

        assertThat(repository.insert(first)).isTrue();
        assertThat(repository.insert(sameNameOtherCase)).isFalse();
        assertThat(repository.find(sameNameOtherCase.programme().id())).isEmpty();
        assertThat(repository.findByNameKey(first.programme().details().nameKey())).map(Programme::id)
                .contains(first.programme().id());
    }

    @Test
    void writesAChangeOnlyOverTheVersionItWasDecidedOn() {
        Change registered = Programme.register(named(unique("Grant")), "team", NOW);
        repository.insert(registered);
        Programme v1 = registered.programme();
        Change suspend = v1.replaceDetails(withStatus(v1.details(), ProgrammeStatus.SUSPENDED), "a", NOW);
        Change complete = v1.replaceDetails(withStatus(v1.details(), ProgrammeStatus.COMPLETED), "b", NOW);

        assertThat(repository.update(suspend, 1)).isTrue();
        assertThat(repository.update(complete, 1)).as("decided on version 1, which is gone").isFalse();

        Programme stored = repository.find(v1.id()).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.details().status()).isEqualTo(ProgrammeStatus.SUSPENDED);
        assertThat(repository.history(v1.id()).orElseThrow()).hasSize(2);
    }

    @Test
    void renamingOntoANameAnotherProgrammeUsesIsAConflict() {
        String taken = unique("Social health protection");
        repository.insert(Programme.register(named(taken), "team", NOW));
        Change other = Programme.register(named(unique("Other")), "team", NOW);
        repository.insert(other);

        Change rename = other.programme().replaceDetails(named(taken), "team", NOW);

        assertThatThrownBy(() -> repository.update(rename, 1)).isInstanceOf(ConflictException.class);
        assertThat(repository.find(other.programme().id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void keepsStateHistoryAndPendingEventsInOneDocument() {
        Change registered = Programme.register(named(unique("Grant")), "team", NOW);
        repository.insert(registered);

        Document stored = mongo.findById(registered.programme().id(), Document.class, "programmes");

        assertThat(stored.getLong("version")).isEqualTo(1);
        assertThat(stored.getList("history", Document.class)).singleElement()
                .satisfies(entry -> assertThat(entry.getString("kind")).isEqualTo("REGISTERED"));
        assertThat(stored.containsKey("outbox")).isTrue();
        assertThat(stored.get("details", Document.class).getString("country")).isEqualTo("KHM");
    }

    private static ProgrammeDetails withStatus(ProgrammeDetails d, ProgrammeStatus status) {
        return new ProgrammeDetails(d.country(), d.name(), d.description(), d.partners(), d.donors(), d.startDate(),
                d.endDate(), status, d.floorGuarantees(),
                d.branches(), d.targetGroups(), d.annualTargets());
    }
}
