package org.spmonitor.reporting.dashboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.reporting.dashboard.domain.CountFact;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;
import org.spmonitor.reporting.dashboard.store.DashboardStore.ComputedGlobal;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Stored;
import org.spmonitor.reporting.dashboard.store.DashboardStore.World;
import org.spmonitor.reporting.testdata.Facts;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The guarded writes that let several instances project side by side (ADR 0012), on the Mongo-wire
 * server: two writers of one read model (each with its own store objects, as two instances have)
 * never overwrite each other's change unseen, the world node keeps every country merged into it
 * concurrently and never takes an older summary of a country over a newer one, and the world
 * dashboard is never replaced by one computed from an older world node.
 */
@SpmonitorIntegrationTest
class GuardedRollupsIntegrationTest {

    private static final int YEAR = 2094;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventCodec codec;

    private JsonMapper json;
    private String generation;
    private ReadModel instanceA;
    private ReadModel instanceB;

    @BeforeEach
    void twoWritersOfOneGeneration() {
        json = codec.mapper();
        generation = "gt-" + UUID.randomUUID().toString().substring(0, 6);
        instanceA = new ReadModel(mongo, json, generation);
        instanceA.prepareForWrites();
        instanceB = new ReadModel(mongo, json, generation);
    }

    @AfterEach
    void drop() {
        instanceA.drop();
    }

    @Test
    void aRateAndTheCountryReportingInItAreBothKeptWhenTwoInstancesWriteTheRateDocument() {
        String id = RateNode.id("XAF", YEAR);
        RateNode seenByA = instanceA.facts().rates(List.of(id)).get(id);
        RateNode seenByB = instanceB.facts().rates(List.of(id)).get(id);

        seenByA.addCountry("SEN");
        instanceA.facts().save(List.of(), List.of(), List.of(), List.of(seenByA));
        seenByB.rate().apply(rateFact(id, 1, "600"));

        assertThatThrownBy(() -> instanceB.facts().save(List.of(), List.of(), List.of(), List.of(seenByB)))
                .as("B created the document A created first").isInstanceOf(WriteConflictException.class);
        RateNode again = instanceB.facts().rates(List.of(id)).get(id);
        again.rate().apply(rateFact(id, 1, "600"));
        instanceB.facts().save(List.of(), List.of(), List.of(), List.of(again));

        RateNode readByA = instanceA.facts().rates(List.of(id)).get(id);
        readByA.addCountry("CMR");
        RateNode staleB = instanceB.facts().rates(List.of(id)).get(id);
        instanceA.facts().save(List.of(), List.of(), List.of(), List.of(readByA));
        staleB.rate().apply(rateFact(id, 2, "610"));
        assertThatThrownBy(() -> instanceB.facts().save(List.of(), List.of(), List.of(), List.of(staleB)))
                .as("B changed the document A changed since B read it").isInstanceOf(WriteConflictException.class);

        RateNode stored = instanceA.facts().rates(List.of(id)).get(id);
        assertThat(stored.countries()).containsExactlyInAnyOrder("SEN", "CMR");
        assertThat(stored.rate().live()).singleElement().satisfies(f -> assertThat(f.version()).isEqualTo(1));
    }

    @Test
    void aCountryNodeChangedByAnotherInstanceSinceItWasReadIsNotOverwritten() {
        var key = new org.spmonitor.reporting.dashboard.domain.CountryYear("KHM", YEAR);
        CountryNode seenByA = instanceA.dashboards().countryNodes(List.of(key)).get(key);
        CountryNode seenByB = instanceB.dashboards().countryNodes(List.of(key)).get(key);
        Instant now = Instant.now();
        instanceA.dashboards().saveCountries(List.of(seenByA), Map.of(key, instanceA.dashboards()
                .changeOf(seenByA, dashboard("KHM", 100), freshness(now)).orElseThrow()), now, false);

        assertThatThrownBy(() -> instanceB.dashboards().saveCountries(List.of(seenByB), Map.of(key, instanceB
                .dashboards().changeOf(seenByB, dashboard("KHM", 200), freshness(now)).orElseThrow()), now, false))
                .isInstanceOf(WriteConflictException.class);
        assertThat(instanceB.dashboards().findCountry(key).orElseThrow().dashboard().activeBeneficiaries())
                .isEqualTo(100);
    }

    @Test
    void theWorldNodeKeepsEveryCountryMergedConcurrentlyByTwoInstances() throws Exception {
        List<String> countries = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3).stream().sorted()
                .filter(Countries::isIso3).limit(40).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> merges = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                ReadModel instance = writer == 0 ? instanceA : instanceB;
                List<String> own = countries.subList(writer * 20, writer * 20 + 20);
                merges.add(pool.submit((Callable<Void>) () -> {
                    for (String country : own) {
                        instance.dashboards().mergeIntoWorld(List.of(stored(country, 10, 1, Instant.now())));
                    }
                    return null;
                }));
            }
            for (Future<?> merge : merges) {
                merge.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        World world = instanceA.dashboards().mergeIntoWorld(List.of()).get(YEAR);
        assertThat(world).as("a merge of nothing reads nothing").isNull();
        World after = instanceA.dashboards().mergeIntoWorld(List.of(stored(countries.get(0), 10, 1, Instant.now())))
                .get(YEAR);
        assertThat(after.summaries().dashboards()).extracting(CountryDashboard::country)
                .containsExactlyInAnyOrderElementsOf(countries);
        assertThat(after.version()).as("one version per merge that changed the node").isEqualTo(40);
    }

    @Test
    void anOlderSummaryOfACountryNeverReplacesANewerOneInTheWorldNode() {
        instanceA.dashboards().mergeIntoWorld(List.of(stored("SEN", 500, 7, Instant.now())));
        World world = instanceB.dashboards().mergeIntoWorld(List.of(stored("SEN", 300, 6, Instant.now())))
                .get(YEAR);

        assertThat(world.summaries().dashboards()).singleElement()
                .satisfies(d -> assertThat(d.activeBeneficiaries()).isEqualTo(500));
    }

    @Test
    void aWorldDashboardFromAnOlderWorldNodeNeverReplacesOneFromANewerNode() {
        Instant now = Instant.now();
        ComputedGlobal newer = new ComputedGlobal(GlobalCalculator.global(YEAR, List.of(dashboard("SEN", 500))),
                freshness(now), 5);
        ComputedGlobal older = new ComputedGlobal(GlobalCalculator.global(YEAR, List.of(dashboard("SEN", 300))),
                freshness(now), 4);

        assertThat(instanceA.dashboards().saveGlobals(List.of(newer), now)).containsExactly(YEAR);
        assertThat(instanceB.dashboards().saveGlobals(List.of(older), now)).isEmpty();

        assertThat(instanceA.dashboards().findGlobal(YEAR).orElseThrow().dashboard().activeBeneficiaries())
                .isEqualTo(500);
    }

    @Test
    void theTalliesOfFactsValidatedGoUpTheRollupAndComeBackWithTheDashboards() {
        Instant now = Instant.now();
        CountryYear sen = new CountryYear("SEN", YEAR);
        CountryNode node = instanceA.dashboards().countryNodes(List.of(sen)).get(sen);
        node.put(new CountryNode.Part("p1", json.writeValueAsString(dashboard("SEN", 10)), now, "{}",
                ValidationTally.ofCountsAndIndicators(4, 3, 2, 1)));
        ValidationTally senTally = node.tally().plus(ValidationTally.ofFinancing(2, 1));
        node.tally(senTally);
        Freshness fresh = freshness(now);
        var written = instanceA.dashboards().saveCountries(List.of(node),
                Map.of(sen, instanceA.dashboards().changeOf(node, dashboard("SEN", 10), fresh).orElseThrow()), now, false);

        CountryNode read = instanceB.dashboards().countryNodes(List.of(sen)).get(sen);
        assertThat(read.parts()).singleElement().satisfies(
                p -> assertThat(p.tally()).isEqualTo(ValidationTally.ofCountsAndIndicators(4, 3, 2, 1)));
        assertThat(read.tally()).as("the node's, financing included").isEqualTo(new ValidationTally(4, 3, 2, 1, 2, 1));
        assertThat(instanceB.dashboards().findCountryRollup(sen).orElseThrow().tally()).contains(senTally);

        ValidationTally khmTally = new ValidationTally(1, 1, 0, 0, 3, 0);
        instanceA.dashboards().mergeWrittenIntoWorld(written);
        World world = instanceA.dashboards().mergeIntoWorld(List.of(stored("KHM", 5, 1, now)),
                Map.of(new CountryYear("KHM", YEAR), khmTally)).get(YEAR);
        ValidationTally both = new ValidationTally(5, 4, 2, 1, 5, 1);
        assertThat(world.summaries().tally()).contains(both);
        instanceA.dashboards().saveGlobals(List.of(new ComputedGlobal(GlobalCalculator.global(YEAR,
                world.summaries().dashboards()), fresh, world.version(), world.summaries().tally())), now);
        assertThat(instanceB.dashboards().findGlobalRollup(YEAR).orElseThrow().tally())
                .as("read with the world dashboard, no country node read").contains(both);

        // a country summarised without a tally (a world node of an earlier layout): the world's is unknown
        World older = instanceA.dashboards().mergeIntoWorld(List.of(stored("UGA", 1, 1, now))).get(YEAR);
        assertThat(older.summaries().tally()).isEmpty();
        instanceA.dashboards().saveGlobals(List.of(new ComputedGlobal(GlobalCalculator.global(YEAR,
                older.summaries().dashboards()), fresh, older.version(), older.summaries().tally())), now);
        assertThat(instanceB.dashboards().findGlobalRollup(YEAR).orElseThrow().tally()).isEmpty();
    }

    private CountryDashboard dashboard(String country, long active) {
        CountryDashboard programme = CountryRollup.programmeYear(country, YEAR,
                List.of(CountFact.of(Facts.active("prg-" + country, country, YEAR + "Q4", active))), null, List.of(),
                List.of());
        return CountryRollup.country(country, YEAR, List.of(programme), List.of(),
                org.spmonitor.reporting.dashboard.domain.ExchangeRates.none());
    }

    private Stored<CountryDashboard> stored(String country, long active, long version, Instant time) {
        CountryDashboard d = dashboard(country, active);
        return new Stored<>(d, json.writeValueAsString(d), freshness(time), version);
    }

    private static Freshness freshness(Instant time) {
        return new Freshness(time, time, 0L);
    }

    private StoredFact rateFact(String id, long version, String unitsPerUsd) {
        return new StoredFact(id, version, Instant.now(), false, json.writeValueAsString(
                new ExchangeRatePublished("XAF", YEAR, version, new BigDecimal(unitsPerUsd), "test")));
    }
}
