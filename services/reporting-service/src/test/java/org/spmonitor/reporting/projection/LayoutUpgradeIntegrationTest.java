package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.programme;

import java.time.Instant;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.spmonitor.reporting.projection.store.GenerationStore;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

/**
 * A database holding read models in an earlier layout (before ADR 0004; before the fact history of ADR
 * 0021) is never projected on: at start the service rebuilds them from offset 0 into a new generation and
 * drops the old one.
 */
@SpmonitorIntegrationTest
@TestPropertySource(properties = "spmonitor.test.context=layout-upgrade") // its own context: it restarts the projection
class LayoutUpgradeIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ProjectionGenerations generations;

    @Autowired
    GenerationStore store;

    @Autowired
    MongoTemplate mongo;

    /** A programme of a fresh country with one count, projected: its country, id and the count's event time. */
    private record Projected(String country, String programmeId, Instant last) {
    }

    private Projected projectedCount(Dashboards dashboards, String period, long active) {
        String country = freshCountry();
        String p = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        publish(programme(p, country, 1_000L));
        Instant last = publish(active(p, country, period, active));
        dashboards.countryOnceProjected(country, 2025, last);
        return new Projected(country, p, last);
    }

    private void restartOn(Update pointer) {
        mongo.updateFirst(new Query(Criteria.where("_id").is("pointer")), pointer, "reporting_generations");
        generations.stop();
        generations.start();
    }

    @Test
    void readModelsInTheEarlierLayoutAreRebuiltFromOffsetZeroIntoANewGeneration() {
        Dashboards dashboards = new Dashboards(port);
        Projected projected = projectedCount(dashboards, "2025Q4", 250);
        String country = projected.country();
        Instant last = projected.last();
        String old = generations.serving().generation();
        // what the earlier version left: a pointer without a layout, and a collection of its facts
        mongo.save(new Document("_id", "cnt-1").append("country", country), old + "_beneficiary_facts");

        restartOn(new Update().unset("layout"));

        assertThat(store.pointer().orElseThrow().layout()).isEqualTo(GenerationStore.LAYOUT);
        assertThat(generations.serving().generation()).isNotEqualTo(old);
        assertThat(mongo.collectionExists(old + "_beneficiary_facts")).as("the old generation is dropped").isFalse();
        assertThat(mongo.collectionExists(old + "_country_dashboards")).isFalse();
        assertThat(dashboards.countryOnceProjected(country, 2025, last).get("activeBeneficiaries").asLong())
                .as("rebuilt from offset 0").isEqualTo(250);
    }

    @Test
    void readModelsWithoutTheFactHistoryAreRebuiltSoTheAuditTrailCoversWhatWasProjectedBefore() {
        Dashboards dashboards = new Dashboards(port);
        Projected projected = projectedCount(dashboards, "2025Q3", 400);
        String old = generations.serving().generation();
        // what layout 6 left: the same read models without the history of the facts (ADR 0021)
        mongo.dropCollection(old + "_fact_history");
        String audit = "/api/v1/dashboards/countries/" + projected.country() + "/audit?year=2025&programmeId="
                + projected.programmeId();
        assertThat(dashboards.api().get(audit).json().get("counts")).as("no history before the upgrade").isEmpty();

        restartOn(new Update().set("layout", 6));

        assertThat(store.pointer().orElseThrow().layout()).isEqualTo(7);
        assertThat(generations.serving().generation()).isNotEqualTo(old);
        assertThat(dashboards.countryOnceProjected(projected.country(), 2025, projected.last())
                .get("activeBeneficiaries").asLong()).isEqualTo(400);
        assertThat(dashboards.api().get(audit).json().get("counts")).singleElement()
                .satisfies(count -> assertThat(count.get("steps")).extracting(step -> step.get("event").asString())
                        .containsExactly("BeneficiaryCountReported"));
    }
}
