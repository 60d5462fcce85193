package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.publish;
import static org.spmonitor.reporting.testdata.Dashboards.figures;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.programmeWithTarget;
import static org.spmonitor.reporting.testdata.Facts.rate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.spmonitor.reporting.ReportingServiceApplication;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.reporting.testdata.LiveStream;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;
import org.spmonitor.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of reporting-service on the same broker and MongoDB (two Spring contexts in this JVM,
 * ADR 0012): the projection's consumer group spreads the partitions over both; an exchange rate,
 * published before, between and after the reports of countries the other instance owns (and a revision
 * of it out of order), converts every one of them; the world dashboard holds every country; both
 * instances' live streams carry every update; a replay requested on one instance is carried out and
 * switched over by both; and the dashboards equal those a single instance rebuilds from offset 0.
 */
@SpmonitorIntegrationTest
@TestPropertySource(properties = "spmonitor.test.context=multi-instance") // its own context: it replays
class MultiInstanceProjectionIntegrationTest {

    /** A year only this test writes, so the world dashboard holds its countries only. */
    private static final int YEAR = 2093;
    private static final String CURRENCY = "XAF";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    ProjectionGenerations generations;

    @Autowired
    ConfigurableApplicationContext context;

    @AfterAll
    static void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    /** Starts a second instance of the service on the first one's database and the shared broker. */
    private int startSecondInstance() {
        // arguments, not default properties: they must win over reporting-service.yml as the test's do
        second = new SpringApplicationBuilder(ReportingServiceApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"),
                "--spmonitor.outbox.poll-interval=200ms",
                "--spmonitor.security.public-key-location=" + TestTokens.publicKeyLocation(),
                "--server.port=0");
        return ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @Test
    void twoInstancesProjectStreamAndReplayAsOne() throws Exception {
        int secondPort = startSecondInstance();
        Dashboards one = new Dashboards(port);
        Dashboards two = new Dashboards(secondPort);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers()))) {
            String generation = generations.serving().generation();
            assertThat(two.api().get("/api/v1/dashboards/years").json().get("generation").asString())
                    .as("both instances serve the generation the pointer names").isEqualTo(generation);
            awaitMembersWithPartitions(admin, generation, 2);

            // countries on every partition of the country-keyed topics: both instances own some of them
            List<String> countries = new ArrayList<>();
            TreeSet<Integer> partitions = new TreeSet<>();
            while (partitions.size() < 3 || countries.size() < 6) {
                String country = freshCountry();
                countries.add(country);
                partitions.add(Utils.toPositive(Utils.murmur2(country.getBytes())) % 3);
            }
            Map<String, String> programmes = new LinkedHashMap<>();
            countries.forEach(c -> programmes.put(c, "prg-" + UUID.randomUUID().toString().substring(0, 8)));

            try (LiveStream streamOne = LiveStream.subscribe(port); LiveStream streamTwo = LiveStream.subscribe(secondPort)) {
                for (int i = 0; i < countries.size(); i++) {
                    String c = countries.get(i);
                    publish(programmeWithTarget(programmes.get(c), c, YEAR, 10_000L * (i + 1)));
                    publish(active(programmes.get(c), c, YEAR + "Q4", 1_000L * (i + 1)));
                }
                // reports before the rate, between its first version and its revision, and after both;
                // a stale version of the rate arrives last
                int third = countries.size() / 3;
                for (int i = 0; i < countries.size(); i++) {
                    if (i == third) {
                        publish(rate(CURRENCY, YEAR, 1, "500"));
                    }
                    if (i == 2 * third) {
                        publish(rate(CURRENCY, YEAR, 3, "600"));
                    }
                    String c = countries.get(i);
                    publish(financing("fin-" + programmes.get(c), 1, c, Integer.toString(YEAR), CURRENCY,
                            Long.toString(1_200_000L * (i + 1)), Long.toString(600_000L * (i + 1)), null));
                }
                publish(rate(CURRENCY, YEAR, 2, "550"));

                for (int i = 0; i < countries.size(); i++) {
                    String c = countries.get(i);
                    long expected = 1_000L * (i + 1);
                    for (Dashboards instance : List.of(one, two)) {
                        instance.awaitCountry(c, YEAR, d -> {
                            assertThat(d.get("activeBeneficiaries").asLong()).isEqualTo(expected);
                            assertThat(d.get("coverageRate").decimalValue()).isEqualByComparingTo("0.1");
                            assertThat(d.get("financing").get("executedUsd").decimalValue()).as("%s at 600 %s/USD", c,
                                    CURRENCY).isEqualByComparingTo(BigDecimal.valueOf(expected));
                            assertThat(d.get("financing").get("allocatedUsd").decimalValue())
                                    .isEqualByComparingTo(BigDecimal.valueOf(2 * expected));
                        });
                    }
                }
                long total = 1_000L * countries.size() * (countries.size() + 1) / 2;
                await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
                    JsonNode world = one.global(YEAR);
                    assertThat(world.get("countries").findValuesAsString("country")).as("no country lost by the world")
                            .containsExactlyInAnyOrderElementsOf(countries);
                    assertThat(world.get("activeBeneficiaries").asLong()).isEqualTo(total);
                    assertThat(world.get("financing").get("executedUsd").decimalValue())
                            .isEqualByComparingTo(BigDecimal.valueOf(total));
                });
                assertThat(figures(two.global(YEAR))).isEqualTo(figures(one.global(YEAR)));

                for (LiveStream stream : List.of(streamOne, streamTwo)) {
                    await().atMost(Dashboards.PATIENCE).untilAsserted(() -> {
                        for (int i = 0; i < countries.size(); i++) {
                            JsonNode latest = latestUpdate(stream, countries.get(i));
                            assertThat(latest).as("an update of %s on every instance's stream", countries.get(i))
                                    .isNotNull();
                            assertThat(latest.get("activeBeneficiaries").asLong()).isEqualTo(1_000L * (i + 1));
                            assertThat(new BigDecimal(latest.get("executedUsd").asString()))
                                    .isEqualByComparingTo(BigDecimal.valueOf(1_000L * (i + 1)));
                        }
                        assertThat(stream.data("global-updated")).anyMatch(d -> d.contains("\"year\":" + YEAR));
                    });
                }
                Map<String, JsonNode> projectedByTwo = snapshot(one, countries);

                // a replay requested on the second instance is built by both and switches both
                ApiClient.Response requested = two.api().post("/api/v1/admin/replays", "");
                assertThat(requested.status()).isEqualTo(202);
                String rebuilt = requested.json().get("generation").asString();
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(one.api()
                        .get(requested.header("Location")).json().get("status").asString()).isEqualTo("COMPLETED"));
                JsonNode replay = one.api().get(requested.header("Location")).json();
                replay.get("targetOffsets").properties().forEach(target -> assertThat(
                        replay.get("progress").path(target.getKey()).asLong(0)).as("progress of %s, in MongoDB",
                                target.getKey()).isGreaterThanOrEqualTo(target.getValue().asLong()));
                for (Dashboards instance : List.of(one, two)) {
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(instance.api()
                            .get("/api/v1/dashboards/years").json().get("generation").asString()).isEqualTo(rebuilt));
                }
                for (LiveStream stream : List.of(streamOne, streamTwo)) {
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            stream.data("read-models-switched")).anyMatch(d -> d.contains(rebuilt)));
                }
                awaitMembersWithPartitions(admin, rebuilt, 2);
                assertThat(snapshot(two, countries)).as("replayed by two instances").isEqualTo(projectedByTwo);

                // the same input rebuilt by one instance alone gives the same dashboards
                second.close();
                second = null;
                ApiClient.Response alone = one.api().post("/api/v1/admin/replays", "");
                assertThat(alone.status()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(one.api()
                        .get(alone.header("Location")).json().get("status").asString()).isEqualTo("COMPLETED"));
                assertThat(snapshot(one, countries)).as("rebuilt by one instance").isEqualTo(projectedByTwo);
                // the watcher unbinds the generation replaced soon after the switch, removing its binding's
                // beans: wait for that, so that no bean goes away while the test framework walks them
                await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(
                        context.getBeanDefinitionNames()).noneMatch(name -> name.contains(rebuilt)));
            }
        }
    }

    /** Waits until the generation's consumer group has {@code members} members, each owning partitions. */
    private static void awaitMembersWithPartitions(Admin admin, String generation, int members) {
        String group = "reporting-service.projection." + generation;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            assertThat(description.members()).as("members of %s", group).hasSize(members)
                    .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
        });
    }

    /** The newest DashboardUpdated of a country (this test's year) a stream received, or null. */
    private static JsonNode latestUpdate(LiveStream stream, String country) {
        JsonNode latest = null;
        for (String data : stream.data("dashboard-updated")) {
            JsonNode update = JSON.readTree(data);
            if (country.equals(update.get("country").asString()) && update.get("year").asInt() == YEAR
                    && (latest == null || update.get("version").asLong() > latest.get("version").asLong())) {
                latest = update;
            }
        }
        return latest;
    }

    /** The figures of this test's country dashboards and world dashboard. */
    private static Map<String, JsonNode> snapshot(Dashboards dashboards, List<String> countries) {
        Map<String, JsonNode> snapshot = new LinkedHashMap<>();
        countries.forEach(c -> snapshot.put(c, figures(dashboards.country(c, YEAR))));
        snapshot.put("world", figures(dashboards.global(YEAR)));
        return snapshot;
    }
}
