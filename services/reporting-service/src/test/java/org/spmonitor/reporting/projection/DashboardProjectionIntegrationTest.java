package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.reporting.testdata.Broker;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Events published to the real broker reach the dashboard through the projection and Mongo. */
@SpmonitorIntegrationTest
class DashboardProjectionIntegrationTest {

    private final EventCodec producer = new EventCodec("/spmonitor/test-producer");

    @LocalServerPort
    int port;

    private JsonNode dashboard(String country, int year) {
        ApiClient.Response response = ApiClient.at(port).get("/api/v1/dashboards/countries/" + country + "?year=" + year);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** A fresh country per test, so tests sharing the broker never see each other's figures. */
    private static String freshCountry() {
        return Broker.freshCountry();
    }

    private void publish(Object event) {
        ProducerRecord<String, byte[]> record = producer.toRecord(
                (org.spmonitor.events.DomainEvent) event, Instant.now());
        KafkaProbe.send(record);
    }

    private static ProgrammeRegistered programme(String id, String country, long targetPopulation) {
        return new ProgrammeRegistered(id, 1, country, "Family Package", null, List.of("ILO"), List.of("EU"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE, List.of(), List.of(),
                List.of(TargetGroup.CHILDREN), List.of(new AnnualTarget(2025, targetPopulation, 400_000)));
    }

    private static BeneficiaryCountReported active(String programmeId, String country, String period, long version,
            long total) {
        String countId = "cnt-" + programmeId + "-" + period;
        return new BeneficiaryCountReported(countId, version, programmeId, country, period, TargetGroup.CHILDREN,
                Measure.ACTIVE, total, new SexBreakdown(total / 2, total - total / 2, null), null, null, null);
    }

    @Test
    void showsAReportedCountAndItsCoverageOnTheCountryDashboard() {
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 12);
        publish(programme(programmeId, country, 1_000_000));
        publish(active(programmeId, country, "2025Q2", 1, 250_000));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode dashboard = dashboard(country, 2025);
            assertThat(dashboard.get("activeBeneficiaries").asLong()).isEqualTo(250_000);
            assertThat(dashboard.get("coverageRate").decimalValue()).isEqualByComparingTo("0.25");
            assertThat(dashboard.path("freshness").path("newestEventTime").isString()).isTrue();
        });
    }

    @Test
    void deliveringTheSameEventTwiceChangesNothing() {
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 12);
        publish(programme(programmeId, country, 1_000_000));
        BeneficiaryCountReported count = active(programmeId, country, "2025Q1", 1, 100_000);
        publish(count);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                dashboard(country, 2025).get("activeBeneficiaries").asLong()).isEqualTo(100_000));

        publish(count);
        BeneficiaryCountReported marker = new BeneficiaryCountReported("cnt-marker-" + programmeId, 1, programmeId,
                country, "2025-01", TargetGroup.CHILDREN, Measure.NEW, 7, null, null, null, null);
        publish(marker);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode dashboard = dashboard(country, 2025);
            assertThat(dashboard.get("newBeneficiaries").asLong())
                    .as("the marker published after the duplicate has been projected").isEqualTo(7);
            assertThat(dashboard.get("activeBeneficiaries").asLong()).isEqualTo(100_000);
        });
    }

    @Test
    void anOlderVersionArrivingLateNeverOverwritesANewerOne() {
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 12);
        publish(programme(programmeId, country, 1_000_000));
        publish(active(programmeId, country, "2025Q3", 2, 300_000));
        publish(active(programmeId, country, "2025Q3", 1, 999_999));
        BeneficiaryCountReported marker = new BeneficiaryCountReported("cnt-marker-" + programmeId, 1, programmeId,
                country, "2025-02", TargetGroup.CHILDREN, Measure.NEW, 11, null, null, null, null);
        publish(marker);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode dashboard = dashboard(country, 2025);
            assertThat(dashboard.get("newBeneficiaries").asLong()).isEqualTo(11);
            assertThat(dashboard.get("activeBeneficiaries").asLong()).isEqualTo(300_000);
        });
    }

    @Test
    void aRecordThatCanNeverBeReadGoesToTheDeadLetterTopicAndLaterEventsStillArrive() {
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 12);
        ProducerRecord<String, byte[]> poison = producer.toRecord(active(programmeId, country, "2025Q2", 1, 5), Instant.now());
        String badPeriod = new String(poison.value(), java.nio.charset.StandardCharsets.UTF_8).replace("2025Q2", "2025Q5");
        KafkaProbe.send(new ProducerRecord<>(poison.topic(), null, country,
                badPeriod.getBytes(java.nio.charset.StandardCharsets.UTF_8), poison.headers()));
        publish(programme(programmeId, country, 1_000_000));
        publish(active(programmeId, country, "2025Q2", 1, 123_000));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                dashboard(country, 2025).get("activeBeneficiaries").asLong()).isEqualTo(123_000));
        try (KafkaProbe deadLetters = KafkaProbe.from(org.spmonitor.events.Topics.deadLetterTopicOf(
                org.spmonitor.events.Topics.BENEFICIARY_COUNT_EVENTS))) {
            deadLetters.awaitRecord(r -> country.equals(r.key()) && KafkaProbe.value(r).contains("2025Q5"),
                    Duration.ofSeconds(30));
        }
    }
}
