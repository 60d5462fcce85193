package org.spmonitor.reporting.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.freshId;
import static org.spmonitor.reporting.testdata.Broker.publishAt;
import static org.spmonitor.reporting.testdata.Facts.active;
import static org.spmonitor.reporting.testdata.Facts.added;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.scheduledProgramme;
import static org.spmonitor.reporting.testdata.Facts.updated;
import static org.spmonitor.reporting.testdata.Facts.validated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ReportingFrequency;
import org.spmonitor.reporting.completeness.application.OverdueCheck;
import org.spmonitor.reporting.completeness.store.OverdueNoticeDocument;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completeness and timeliness (ADR 0020) through the real broker and Mongo-wire server: received and on
 * time come from the events' times (ce_time), overdue from the clock, and an overdue period is announced
 * once on reporting.completeness-events.v1 through the outbox.
 */
@SpmonitorIntegrationTest
class CompletenessIntegrationTest {

    private static final Duration PATIENCE = Dashboards.PATIENCE;

    @LocalServerPort
    int port;

    @Autowired
    OverdueCheck overdueCheck;

    @Autowired
    MongoTemplate mongo;

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void receivedAndOnTimeComeFromTheEventsTimesAndOverdueFromTheClockThenEachOverduePeriodIsAnnouncedOnce() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        // 2024, quarterly, due 30 days after each quarter: 2024Q1 by 30 April, 2024Q2 by 30 July
        publishAt(scheduledProgramme(programmeId, country, 2024, ReportingFrequency.QUARTERLY, 30),
                at("2024-01-05T09:00:00Z"));
        publishAt(financing("fin-" + programmeId, 1, country, "2024Q1", "KHR", "1000", "900", null),
                at("2024-04-15T09:00:00Z"));
        BeneficiaryCountReported firstQuarter = active(programmeId, country, "2024Q1", 1_000);
        publishAt(firstQuarter, at("2024-04-20T09:00:00Z"));
        publishAt(added(programmeId, country, "2024Q1", 100), at("2024-05-10T09:00:00Z"));
        BeneficiaryCountReported secondQuarter = active(programmeId, country, "2024Q2", 1_100);
        publishAt(secondQuarter, at("2024-07-01T09:00:00Z"));
        publishAt(validated(secondQuarter), at("2024-08-01T09:00:00Z"));
        // a revision long after the due date: the quarter was still delivered on time
        publishAt(count(programmeId, country, "2024Q1", Measure.ACTIVE, 2, 1_050), at("2024-09-01T09:00:00Z"));

        String path = "/api/v1/dashboards/countries/" + country + "/completeness?year=2024";
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode counts = dashboards.api().get(path).json().get("datasets").get("BENEFICIARY_COUNTS");
            assertThat(counts.get("validated").asInt()).isEqualTo(1);
            assertThat(counts.get("received").asInt()).isEqualTo(3);
        });
        JsonNode completeness = dashboards.api().get(path).json();
        JsonNode counts = completeness.get("datasets").get("BENEFICIARY_COUNTS");
        assertThat(counts.get("expected").asInt()).as("4 quarters x CHILDREN x (ACTIVE, NEW)").isEqualTo(8);
        assertThat(counts.get("onTime").asInt()).as("Q1 ACTIVE and Q2 ACTIVE").isEqualTo(2);
        assertThat(counts.get("receivedLate").asInt()).as("Q1 NEW, on 10 May").isEqualTo(1);
        assertThat(counts.get("overdue").asInt()).as("every quarter is past due by today's clock").isEqualTo(5);
        assertThat(counts.get("onTimeShare").decimalValue()).isEqualByComparingTo("0.25");
        JsonNode financing = completeness.get("datasets").get("FINANCING");
        assertThat(financing.get("expected").asInt()).isEqualTo(4);
        assertThat(financing.get("onTime").asInt()).as("the whole country's report serves the programme").isEqualTo(1);
        assertThat(completeness.get("datasets").get("INDICATOR_RESULTS").get("expected").asInt()).isZero();
        assertThat(completeness.get("owed").findValuesAsString("period")).contains("2024Q2", "2024Q3", "2024Q4")
                .doesNotContain("2024Q1");

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode world = dashboards.api().get("/api/v1/dashboards/completeness?year=2024").json();
            JsonNode row = world.get("countries").valueStream().filter(r -> r.get("country").asString().equals(country))
                    .findFirst().orElseThrow();
            assertThat(row.get("total")).isEqualTo(completeness.get("total"));
        });
        String csv = dashboards.api().get(path + "&format=csv").body();
        assertThat(csv).startsWith("country,year,programmeId,period,dataset,dueDate,status")
                .contains(country + ",2024," + programmeId + ",2024Q1,BENEFICIARY_COUNTS,2024-04-30,COMPLETE,2,2,0,1,1,0");
        JsonNode total = completeness.get("total");
        ApiClient.Response worldCsv = dashboards.api().get("/api/v1/dashboards/completeness?year=2024&format=csv");
        assertThat(worldCsv.header("Content-Disposition")).contains("completeness-2024.csv");
        assertThat(worldCsv.body()).startsWith("country,year,expected,received,validated,onTime,late,overdue,onTimeShare,"
                + "owed,asOf").contains(country + ",2024," + total.get("expected").asInt() + "," + total.get("received").asInt()
                + "," + total.get("validated").asInt() + "," + total.get("onTime").asInt() + "," + total.get("late").asInt()
                + "," + total.get("overdue").asInt() + "," + total.get("onTimeShare").decimalValue().setScale(4).toPlainString() + ","
                + completeness.get("owed").size() + ",");

        // by the clock of 1 October 2024: only Q2 is past due with something missing
        Clock october = Clock.fixed(at("2024-10-01T00:00:00Z"), ZoneOffset.UTC);
        try (KafkaProbe topic = KafkaProbe.from(Topics.COMPLETENESS_EVENTS)) {
            overdueCheck.check(october);
            overdueCheck.check(october);
            String countsSubject = programmeId + "/2024Q2/BENEFICIARY_COUNTS";
            String financingSubject = programmeId + "/2024Q2/FINANCING";
            topic.awaitRecord(r -> countsSubject.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT)), PATIENCE);
            List<ConsumerRecord<String, byte[]>> seen = topic.awaitRecord(
                    r -> financingSubject.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT)), PATIENCE);
            List<ConsumerRecord<String, byte[]>> mine = seen.stream()
                    .filter(r -> KafkaProbe.header(r, CloudEventHeaders.SUBJECT).startsWith(programmeId + "/")).toList();
            assertThat(mine).extracting(r -> KafkaProbe.header(r, CloudEventHeaders.SUBJECT))
                    .containsExactlyInAnyOrder(countsSubject, financingSubject);
            ConsumerRecord<String, byte[]> countsEvent = mine.stream()
                    .filter(r -> countsSubject.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT))).findFirst()
                    .orElseThrow();
            assertThat(countsEvent.key()).isEqualTo(country);
            assertThat(KafkaProbe.header(countsEvent, CloudEventHeaders.TYPE))
                    .isEqualTo("org.spmonitor.reporting.ReportingPeriodOverdue.v1");
            JsonNode payload = JsonMapper.shared().readTree(KafkaProbe.value(countsEvent));
            assertThat(payload.get("dueDate").asString()).isEqualTo("2024-07-30");
            assertThat(payload.get("expected").asInt()).isEqualTo(2);
            assertThat(payload.get("received").asInt()).isEqualTo(1);
            assertThat(payload.get("missing").size()).isEqualTo(1);
            assertThat(payload.get("missing").get(0).asString()).isEqualTo("CHILDREN/NEW");
        }
        Document notice = mongo.getCollection(OverdueNoticeDocument.COLLECTION)
                .find(new Document("_id", programmeId + "/2024Q2/BENEFICIARY_COUNTS")).first();
        assertThat(notice).isNotNull();
        assertThat(((Number) notice.get("version")).longValue()).as("the second check changed nothing").isEqualTo(1);
    }

    @Test
    void completenessAsOfADateCountsWhatHadArrivedThenUnderTheScheduleOfThenAndJudgesOverdueThen() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = freshId("prg");
        // 2024, quarterly, due 30 days after each quarter (2024Q1 by 30 April); monthly from 15 July
        ProgrammeRegistered registered = scheduledProgramme(programmeId, country, 2024, ReportingFrequency.QUARTERLY,
                30);
        publishAt(registered, at("2024-01-05T09:00:00Z"));
        BeneficiaryCountReported firstQuarter = active(programmeId, country, "2024Q1", 1_000);
        publishAt(firstQuarter, at("2024-04-20T09:00:00Z"));
        publishAt(added(programmeId, country, "2024Q1", 100), at("2024-05-10T09:00:00Z"));
        publishAt(validated(firstQuarter), at("2024-06-01T09:00:00Z"));
        publishAt(updated(registered, 2, registered.donors(), ReportingFrequency.MONTHLY, 30),
                at("2024-07-15T09:00:00Z"));
        String path = "/api/v1/dashboards/countries/" + country + "/completeness?year=2024";
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(dashboards.api().get(path).json()
                .get("datasets").get("BENEFICIARY_COUNTS").get("expected").asInt()).as("12 months x 2").isEqualTo(24));

        JsonNode may = dashboards.api().get(path + "&asOf=2024-05-01T00:00:00Z").json();
        assertThat(may.get("asOf").asString()).isEqualTo("2024-05-01T00:00:00Z");
        JsonNode counts = may.get("datasets").get("BENEFICIARY_COUNTS");
        assertThat(counts.get("expected").asInt()).as("4 quarters x CHILDREN x (ACTIVE, NEW)").isEqualTo(8);
        assertThat(counts.get("received").asInt()).isEqualTo(1);
        assertThat(counts.get("validated").asInt()).isZero();
        assertThat(counts.get("onTime").asInt()).isEqualTo(1);
        assertThat(counts.get("overdue").asInt()).as("2024Q1 NEW, past 30 April").isEqualTo(1);
        assertThat(counts.get("onTimeShare").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(may.get("owed").findValuesAsString("period")).containsOnly("2024Q1");

        JsonNode june = dashboards.api().get(path + "&asOf=2024-06-02T00:00:00Z").json()
                .get("datasets").get("BENEFICIARY_COUNTS");
        assertThat(june.get("received").asInt()).isEqualTo(2);
        assertThat(june.get("validated").asInt()).isEqualTo(1);
        assertThat(june.get("receivedLate").asInt()).as("2024Q1 NEW, on 10 May").isEqualTo(1);
        assertThat(june.get("overdue").asInt()).as("2024Q2 is due on 30 July").isZero();

        JsonNode july = dashboards.api().get(path + "&asOf=2024-07-16T00:00:00Z").json()
                .get("datasets").get("BENEFICIARY_COUNTS");
        assertThat(july.get("expected").asInt()).as("monthly by then").isEqualTo(24);
        assertThat(july.get("received").asInt()).as("quarters serve no month").isZero();
        assertThat(july.get("overdue").asInt()).as("January to May, due 30 days after each").isEqualTo(10);

        ApiClient.Response csv = dashboards.api().get(path + "&format=csv&asOf=2024-05-01T00:00:00Z");
        assertThat(csv.header("Content-Disposition")).contains("completeness-" + country + "-2024-asof-20240501T000000Z");
        assertThat(csv.body()).contains(country + ",2024," + programmeId
                + ",2024Q1,BENEFICIARY_COUNTS,2024-04-30,OVERDUE,2,1,0,1,1,1,0.5000,CHILDREN/NEW,2024-05-01T00:00:00Z");
        JsonNode world = dashboards.api().get("/api/v1/dashboards/completeness?year=2024&asOf=2024-05-01T00:00:00Z")
                .json();
        JsonNode row = world.get("countries").valueStream().filter(r -> r.get("country").asString().equals(country))
                .findFirst().orElseThrow();
        assertThat(row.get("total")).isEqualTo(may.get("total"));
        assertThat(row.get("owed").asInt()).isEqualTo(may.get("owed").size());
        JsonNode beforeRegistration = dashboards.api()
                .get("/api/v1/dashboards/completeness?year=2024&asOf=2024-01-01T00:00:00Z").json();
        assertThat(beforeRegistration.get("countries").findValuesAsString("country")).doesNotContain(country);

        for (String bad : List.of("/api/v1/dashboards/completeness?year=2024&asOf=yesterday",
                path + "&format=csv&asOf=2024-13-01T00:00:00Z")) {
            var refused = dashboards.api().get(bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("errors").findValuesAsString("field")).as(bad).containsExactly("asOf");
        }
    }

    @Test
    void aBadYearOrCountryIsRefusedNamingTheParameter() {
        Dashboards dashboards = new Dashboards(port);

        var badYear = dashboards.api().get("/api/v1/dashboards/completeness?year=1800");
        var badCountry = dashboards.api().get("/api/v1/dashboards/countries/XX/completeness?year=2025&format=xml");

        assertThat(badYear.status()).isEqualTo(400);
        assertThat(badYear.json().get("errors").findValuesAsString("field")).containsExactly("year");
        assertThat(badCountry.status()).isEqualTo(400);
        assertThat(badCountry.json().get("errors").findValuesAsString("field")).containsExactly("iso3", "format");
    }
}
