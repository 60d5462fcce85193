package org.spmonitor.programme.countryprogramme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spmonitor.programme.countryprogramme.ProgrammeTopic.payload;
import static org.spmonitor.programme.countryprogramme.ProgrammeTopic.type;
import static org.spmonitor.programme.countryprogramme.ProgrammeTopic.version;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A country team's work through the real HTTP API, Mongo-wire server and Kafka broker: what it
 * registers, changes and reports comes out on {@code programmes.programme-events.v1} in the
 * documented form, equal to the golden files of the contract.
 */
@SpmonitorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeLifecycleIntegrationTest {

    private static final String PROGRAMMES = "/api/v1/programmes";

    @LocalServerPort
    int port;

    private final ProgrammeTopic topic = new ProgrammeTopic();

    @AfterAll
    void closeTopic() {
        topic.close();
    }

    private ApiClient api() {
        return ApiClient.at(port);
    }

    private String register(ObjectNode body) {
        ApiClient.Response response = api().post(PROGRAMMES, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The golden payload of {@code type} with the server-assigned ids of this run. */
    private static JsonNode golden(EventType type, String programmeId, String milestoneId) {
        ObjectNode golden = RequestBodies.golden(type);
        golden.put("programmeId", programmeId);
        if (milestoneId != null) {
            golden.put("milestoneId", milestoneId);
        }
        return golden;
    }

    @Test
    void registeringPublishesTheGoldenProgrammeRegisteredAsACloudEventKeyedByCountry() {
        ApiClient.Response response = api().post(PROGRAMMES, RequestBodies.cambodiaFamilyPackage());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String id = response.json().get("id").asString();
        assertThat(id).matches("prg-[0-9a-z]{12}");
        assertThat(response.header("Location")).isEqualTo(PROGRAMMES + "/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json().get("version").asLong()).isEqualTo(1);

        ConsumerRecord<String, byte[]> record = topic.event(id, 1);
        assertThat(record.key()).isEqualTo("KHM");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.TYPE))
                .isEqualTo("org.spmonitor.programmes.ProgrammeRegistered.v1");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/spmonitor/programme-service");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(KafkaProbe.header(record, CloudEventHeaders.DATA_SCHEMA))
                .isEqualTo("https://spmonitor.org/schemas/ProgrammeRegistered.v1.schema.json");
        assertThat(KafkaProbe.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(KafkaProbe.header(record, CloudEventHeaders.ID))).isNotNull();
        assertThat(Instant.parse(KafkaProbe.header(record, CloudEventHeaders.TIME)))
                .isEqualTo(Instant.parse(response.json().get("registeredAt").asString()));
        assertThat(payload(record)).isEqualTo(golden(EventType.PROGRAMME_REGISTERED, id, null));
        assertThat(ProgrammeTopic.origin(record)).as("who and which channel (ADR 0021)")
                .containsExactly("test-admin", "api", null, null);
    }

    @Test
    void replacingDetailsPublishesProgrammeUpdatedNamingTheChangedFieldsAndAnIdenticalReplacementNothing() {
        ObjectNode senegal = RequestBodies.senegalPnbsf();
        ObjectNode v1 = senegal.deepCopy();
        v1.put("status", "PLANNED");
        v1.put("description", "Cash transfers to poor households.");
        v1.set("donors", RequestBodies.array("EU"));
        v1.withArray("annualTargets").get(0).asObject().put("targetBeneficiaries", 350_000);
        v1.remove("reportingFrequency"); // QUARTERLY by default; the golden version 4 reports MONTHLY
        String id = register(v1);

        ObjectNode v2 = v1.deepCopy();
        v2.put("status", "ACTIVE");
        assertThat(api().put(PROGRAMMES + "/" + id, v2).header("Spmonitor-Outcome")).isEqualTo("UPDATED");
        ObjectNode v3 = v2.deepCopy();
        v3.put("description", senegal.get("description").asString());
        assertThat(api().put(PROGRAMMES + "/" + id, v3).status()).isEqualTo(200);
        ApiClient.Response fourth = api().put(PROGRAMMES + "/" + id, senegal);
        assertThat(fourth.status()).as(fourth.body()).isEqualTo(200);
        assertThat(fourth.header("ETag")).isEqualTo("\"4\"");

        ApiClient.Response again = api().put(PROGRAMMES + "/" + id, senegal);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Spmonitor-Outcome")).isEqualTo("UNCHANGED");
        assertThat(again.json().get("version").asLong()).isEqualTo(4);
        assertThat(api().post(PROGRAMMES + "/" + id + "/milestones", RequestBodies.subDecreeMilestone()).status())
                .isEqualTo(201);

        List<ConsumerRecord<String, byte[]>> events = topic.eventsOf(id, 5);
        assertThat(events).extracting(ProgrammeTopic::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events).extracting(ProgrammeTopic::type).containsExactly(
                EventType.PROGRAMME_REGISTERED.typeName(), EventType.PROGRAMME_UPDATED.typeName(),
                EventType.PROGRAMME_UPDATED.typeName(), EventType.PROGRAMME_UPDATED.typeName(),
                EventType.MILESTONE_REPORTED.typeName());
        assertThat(events).allSatisfy(record -> assertThat(record.key()).isEqualTo("SEN"));
        assertThat(payload(events.get(1)).get("changedFields")).isEqualTo(RequestBodies.array("status"));
        assertThat(payload(events.get(2)).get("changedFields")).isEqualTo(RequestBodies.array("description"));
        assertThat(payload(events.get(3))).isEqualTo(golden(EventType.PROGRAMME_UPDATED, id, null));
        assertThat(events).extracting(ProgrammeTopic::origin).as("updates and milestones")
                .containsOnly(java.util.Arrays.asList("test-admin", "api", null, null));
    }

    @Test
    void aProgrammeWithoutAReportingScheduleReportsQuarterlyDue45DaysAfterEachQuarter() {
        ObjectNode body = RequestBodies.cambodiaFamilyPackage();
        body.put("name", unique("Family Package without a schedule"));
        body.remove("reportingFrequency");
        body.remove("dueLagDays");

        String id = register(body);

        ApiClient.Response read = api().get(PROGRAMMES + "/" + id);
        assertThat(read.json().get("reportingFrequency").asText()).isEqualTo("QUARTERLY");
        assertThat(read.json().get("dueLagDays").asInt()).isEqualTo(45);
        JsonNode event = payload(topic.event(id, 1));
        assertThat(event.get("reportingFrequency").asText()).isEqualTo("QUARTERLY");
        assertThat(event.get("dueLagDays").asInt()).isEqualTo(45);
    }

    @Test
    void milestonesAndIndicatorResultsPublishTheirGoldenEventsWithTheProgrammesVersion() {
        String id = register(RequestBodies.programme("KHM", unique("Social health protection")));
        String base = PROGRAMMES + "/" + id;

        ApiClient.Response defined = api().post(base + "/indicators", RequestBodies.sdg131());
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        assertThat(defined.header("Location")).isEqualTo(base + "/indicators/SDG-1.3.1");
        ApiClient.Response added = api().post(base + "/milestones", RequestBodies.subDecreeMilestone());
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String milestoneId = added.json().path("milestone").path("id").asString();
        assertThat(added.header("Location")).isEqualTo(base + "/milestones/" + milestoneId);
        String statusChanges = base + "/milestones/" + milestoneId + "/status-changes";
        assertThat(api().post(statusChanges, RequestBodies.statusChange("ON_TRACK", "2025-03-01", null)).status())
                .isEqualTo(200);
        ApiClient.Response atRisk = api().post(statusChanges,
                RequestBodies.statusChange("AT_RISK", "2025-05-15", RequestBodies.goldenMilestoneNote()));
        assertThat(atRisk.json().get("programmeVersion").asLong()).isEqualTo(5);
        ApiClient.Response reported = api().post(base + "/indicator-results",
                RequestBodies.result("SDG-1.3.1", "2025", "31.6"));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        assertThat(reported.header("Location")).isEqualTo(base + "/indicators/SDG-1.3.1/results/2025");
        assertThat(reported.json().get("programmeVersion").asLong()).isEqualTo(6);

        List<ConsumerRecord<String, byte[]>> events = topic.eventsOf(id, 6);
        assertThat(events).extracting(ProgrammeTopic::version)
                .as("defining an indicator makes version 2 but publishes nothing").containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(payload(events.get(3))).isEqualTo(golden(EventType.MILESTONE_REPORTED, id, milestoneId));
        assertThat(KafkaProbe.header(events.get(3), CloudEventHeaders.TYPE))
                .isEqualTo("org.spmonitor.programmes.MilestoneReported.v1");
        assertThat(payload(events.get(4))).isEqualTo(golden(EventType.INDICATOR_RESULT_REPORTED, id, null));
        assertThat(type(events.get(4))).isEqualTo("org.spmonitor.programmes.IndicatorResultReported.v1");
        assertThat(events.get(4).key()).isEqualTo("KHM");
        assertThat(events).extracting(ProgrammeTopic::origin).as("milestone changes and indicator results")
                .containsOnly(java.util.Arrays.asList("test-admin", "api", null, null));

        JsonNode programme = api().get(base).json();
        assertThat(programme.path("milestones").get(0).path("statusChanges")).hasSize(3);
        assertThat(programme.path("indicators").get(0).path("results").get(0).path("actualValue").asString())
                .isEqualTo("31.6");
        assertThat(programme.path("indicators").get(0).path("target").path("value").asString()).isEqualTo("40.0");
    }

    @Test
    void historyTellsWhatChangedWhenAndByWhomWithThePreviousValues() {
        ObjectNode body = RequestBodies.programme("UGA", unique("Senior Citizens' Grant"));
        String id = register(body);
        body.put("status", "SUSPENDED");
        body.withArray("annualTargets").get(0).asObject().put("targetBeneficiaries", 450_000);
        api().put(PROGRAMMES + "/" + id, body);
        api().post(PROGRAMMES + "/" + id + "/indicators", RequestBodies.sdg131());
        api().post(PROGRAMMES + "/" + id + "/indicator-results", RequestBodies.result("SDG-1.3.1", "2025", "30"));
        api().post(PROGRAMMES + "/" + id + "/indicator-results", RequestBodies.result("SDG-1.3.1", "2025", "30.5"));

        JsonNode history = api().get(PROGRAMMES + "/" + id + "/history").json();

        assertThat(history.get("version").asLong()).isEqualTo(5);
        JsonNode versions = history.get("versions");
        assertThat(versions).extracting(v -> v.get("kind").asString()).containsExactly("REGISTERED", "UPDATED",
                "INDICATOR_DEFINED", "INDICATOR_RESULT_REPORTED", "INDICATOR_RESULT_REPORTED");
        assertThat(versions).allSatisfy(v -> {
            assertThat(v.get("by").asString()).isEqualTo("test-admin");
            assertThat(Instant.parse(v.get("at").asString())).isNotNull();
        });
        assertThat(versions.get(0).get("changedFields")).contains(RequestBodies.JSON.getNodeFactory().stringNode("country"));
        JsonNode update = versions.get(1);
        assertThat(update.get("changedFields")).isEqualTo(RequestBodies.array("status", "annualTargets"));
        assertThat(update.get("changes").get(0)).isEqualTo(RequestBodies.JSON.valueToTree(
                Map.of("field", "status", "previous", "ACTIVE", "current", "SUSPENDED")));
        assertThat(update.get("changes").get(1).get("previous").get(0).get("targetBeneficiaries").asLong())
                .isEqualTo(400_000);
        assertThat(update.get("changes").get(1).get("current").get(0).get("targetBeneficiaries").asLong())
                .isEqualTo(450_000);
        JsonNode revised = versions.get(4).get("changes").get(0);
        assertThat(revised.get("field").asString()).isEqualTo("indicators.SDG-1.3.1.results.2025");
        assertThat(revised.get("previous").asString()).isEqualTo("30");
        assertThat(revised.get("current").asString()).isEqualTo("30.5");
    }
}
