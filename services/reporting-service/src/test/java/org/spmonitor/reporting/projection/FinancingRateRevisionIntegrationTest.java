package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Broker.publishAll;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.rate;

import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.Facts;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Issue 12 through the real broker and the Mongo-wire server: reports arrive before their currency's
 * rate; the world shows the known total and what it excludes instead of going blank; the rate arrives
 * and the excluded list empties; a revised rate changes every USD figure, cost per beneficiary included.
 */
@SpmonitorIntegrationTest
class FinancingRateRevisionIntegrationTest {

    /** Used by this test only, so the world figures are this test's countries. */
    private static final int YEAR = 2033;

    @LocalServerPort
    int port;

    @Test
    void aRateArrivingAndThenRevisedAfterTheReportsChangesTheUsdFiguresAndEmptiesTheExcludedList() {
        Dashboards dashboards = new Dashboards(port);
        String withUsd = freshCountry();
        String withXaf = freshCountry();
        String programme = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        // withUsd: 1,000 USD executed of 2,000. withXaf: 500,000 XAF executed of 1,000,000, for 100 active people
        publishAll(Facts.programmeWithTarget(programme, withXaf, YEAR, 400), active(programme, withXaf, YEAR + "Q4", 100),
                financing("fin-" + withUsd, 1, withUsd, Integer.toString(YEAR), "USD", "2000", "1000", null),
                financing("fin-" + withXaf, 1, withXaf, Integer.toString(YEAR), "XAF", "1000000", "500000", null));

        awaitWorld(dashboards, world -> {
            JsonNode f = world.get("financing");
            assertThat(f.get("reports").asInt()).isEqualTo(2);
            assertThat(f.get("executedUsd").isNull()).as("the whole total depends on the XAF rate").isTrue();
            assertThat(f.get("executedUsdKnown").decimalValue()).as("never blank: the USD known")
                    .isEqualByComparingTo("1000");
            assertThat(f.get("excluded").get(0).get("currency").asString()).isEqualTo("XAF");
            assertThat(f.get("excluded").get(0).get("countries").get(0).asString()).isEqualTo(withXaf);
            assertThat(f.get("reportsCoveredShare").decimalValue()).isEqualByComparingTo("0.5");
        });
        dashboards.awaitCountry(withXaf, YEAR, d -> assertThat(d.get("financing").get("executedUsdPerActiveBeneficiary")
                .isNull()).as("no rate: missing, not 0").isTrue());

        publish(rate("XAF", YEAR, 1, "500"));

        dashboards.awaitCountry(withXaf, YEAR, d -> {
            assertThat(d.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("1000");
            assertThat(d.get("financing").get("executedUsdPerActiveBeneficiary").decimalValue())
                    .isEqualByComparingTo("10.00");
            assertThat(d.get("financing").get("excluded").size()).isZero();
        });
        awaitWorld(dashboards, world -> {
            JsonNode f = world.get("financing");
            assertThat(f.get("executedUsd").decimalValue()).isEqualByComparingTo("2000");
            assertThat(f.get("excluded").size()).as("the missing rate arrived").isZero();
            assertThat(f.get("missingRates").size()).isZero();
            assertThat(f.get("reportsCoveredShare").decimalValue()).isEqualByComparingTo("1");
        });

        publish(rate("XAF", YEAR, 2, "625"));

        // 500,000 / 625 = 800 for 100 people; the world 1,000 + 800
        dashboards.awaitCountry(withXaf, YEAR, d -> {
            assertThat(d.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("800");
            assertThat(d.get("financing").get("executedUsdPerActiveBeneficiary").decimalValue())
                    .isEqualByComparingTo("8.00");
            assertThat(d.get("financing").get("executedUsdPerTargetPerson").decimalValue()).isEqualByComparingTo("2.00");
        });
        awaitWorld(dashboards, world -> {
            assertThat(world.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("1800");
            assertThat(world.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("3600");
            assertThat(world.get("financing").get("executedUsdPerActiveBeneficiary").decimalValue())
                    .as("over the country with people: 800 / 100").isEqualByComparingTo("8.00");
        });
        String csv = dashboards.api().get("/api/v1/dashboards/global?year=" + YEAR + "&format=csv").body();
        assertThat(csv.lines()).contains("global,,," + YEAR + ",financing,,executedUsdKnown,1800.00",
                "global,,," + YEAR + ",country," + withXaf + ",executedUsdPerActiveBeneficiary,8.00");
    }

    private static void awaitWorld(Dashboards dashboards, Consumer<JsonNode> assertion) {
        await().atMost(Dashboards.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertion.accept(dashboards.global(YEAR)));
    }
}
