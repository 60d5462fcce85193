package org.spmonitor.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spmonitor.reporting.testdata.Broker.freshCountry;
import static org.spmonitor.reporting.testdata.Broker.freshId;
import static org.spmonitor.reporting.testdata.Broker.publishAt;
import static org.spmonitor.reporting.testdata.Broker.publishTwiceAt;
import static org.spmonitor.reporting.testdata.Dashboards.figures;
import static org.spmonitor.reporting.testdata.Facts.count;
import static org.spmonitor.reporting.testdata.Facts.financing;
import static org.spmonitor.reporting.testdata.Facts.indicator;
import static org.spmonitor.reporting.testdata.Facts.milestone;
import static org.spmonitor.reporting.testdata.Facts.programme;
import static org.spmonitor.reporting.testdata.Facts.programmeFundedBy;
import static org.spmonitor.reporting.testdata.Facts.rate;
import static org.spmonitor.reporting.testdata.Facts.returned;
import static org.spmonitor.reporting.testdata.Facts.updated;
import static org.spmonitor.reporting.testdata.Facts.validated;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.reporting.testdata.DashboardSdmxCsvRows;
import org.spmonitor.reporting.testdata.Dashboards;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dashboards as of a date, their changes between two dates and the audit trail of a figure (ADR 0021),
 * through the real broker and Mongo-wire server, with event times the test sets: a count reported,
 * returned, corrected through an import and validated, a financing report converted with a rate that is
 * revised later.
 */
@SpmonitorIntegrationTest
class AsOfAndAuditIntegrationTest {

    private static final Instant REGISTERED = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant REPORTED = Instant.parse("2025-04-01T09:00:00Z");
    private static final Instant RETURNED = Instant.parse("2025-04-02T09:00:00Z");
    private static final Instant CORRECTED = Instant.parse("2025-04-03T09:00:00Z");
    private static final Instant VALIDATED = Instant.parse("2025-04-04T09:00:00Z");
    private static final Instant RATE_REVISED = Instant.parse("2025-04-05T09:00:00Z");
    private static final Instant INBOUND = Instant.parse("2025-04-06T09:00:00Z");

    private static final EventOrigin REPORTER = new EventOrigin("khm-team", "api", null, null);
    private static final EventOrigin VALIDATOR = new EventOrigin("khm-validator", "api", null, null);
    private static final EventOrigin IMPORT = new EventOrigin("khm-team", "import-csv", "imp-42", null);
    private static final EventOrigin MIS = new EventOrigin("khm-mosvy-mis", "kafka", "rec-7",
            "beneficiaries.beneficiary-count-submissions.v1/1/42");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aDashboardAsOfADateShowsTheVersionsAndReviewStatesKnownThen() {
        Dashboards dashboards = new Dashboards(port);
        Story story = tellStory(dashboards);
        String country = story.country();

        JsonNode live = dashboards.country(country, 2025);
        JsonNode now = asOf(dashboards, "/api/v1/dashboards/countries/" + country + "?year=2025", Instant.now());
        assertThat(withoutAsOf(now)).as("as of now: the dashboard served").isEqualTo(figures(live));
        assertThat(withoutAsOf(asOf(dashboards, "/api/v1/dashboards/countries/" + country
                + "?year=2025&validation=validated", Instant.now())))
                .isEqualTo(figures(dashboards.country(country, 2025, "validated")));

        JsonNode beforeAnything = asOf(dashboards, countryPath(country), REGISTERED.minusSeconds(1));
        assertThat(beforeAnything.get("activeBeneficiaries").asLong()).isZero();
        assertThat(beforeAnything.get("programmes").size()).isZero();
        assertThat(beforeAnything.get("freshness").get("newestEventTime").isNull()).isTrue();

        JsonNode reported = asOf(dashboards, countryPath(country), REPORTED.plusSeconds(60));
        assertThat(reported.get("activeBeneficiaries").asLong()).as("version 1, just reported").isEqualTo(100_000);
        assertThat(reported.get("validation").get("validatedFacts").asLong()).isZero();
        assertThat(reported.get("asOf").asString()).isEqualTo(REPORTED.plusSeconds(60).toString());
        assertThat(reported.get("freshness").get("newestEventTime").asString()).isEqualTo(REPORTED.toString());
        assertThat(reported.get("financing").get("executedUsd").decimalValue()).as("6,500,000 MNT at 3,250")
                .isEqualByComparingTo("2000");

        JsonNode exactlyAtTheCorrection = asOf(dashboards, countryPath(country), CORRECTED);
        assertThat(exactlyAtTheCorrection.get("activeBeneficiaries").asLong()).as("an event is known at its own time")
                .isEqualTo(120_000);
        assertThat(asOf(dashboards, countryPath(country) + "&validation=validated", CORRECTED)
                .get("activeBeneficiaries").asLong()).as("corrected but not validated yet").isZero();
        JsonNode validatedThen = asOf(dashboards, countryPath(country) + "&validation=validated", VALIDATED);
        assertThat(validatedThen.get("activeBeneficiaries").asLong()).isEqualTo(120_000);
        assertThat(validatedThen.get("validation").get("validatedShare").decimalValue()).isEqualByComparingTo("1");
        assertThat(asOf(dashboards, countryPath(country), RATE_REVISED).get("financing").get("executedUsd")
                .decimalValue()).as("6,500,000 MNT at the revised 3,250 x 2").isEqualByComparingTo("1000");

        // the programme and the world, as of a date
        JsonNode programmeThen = asOf(dashboards, "/api/v1/dashboards/programmes/" + story.programmeId()
                + "?year=2025", REPORTED.plusSeconds(60));
        assertThat(programmeThen.get("activeBeneficiaries").asLong()).isEqualTo(100_000);
        assertThat(dashboards.api().get("/api/v1/dashboards/programmes/" + story.programmeId() + "?year=2025&asOf="
                + REGISTERED.minusSeconds(1)).status()).as("not registered yet").isEqualTo(404);
        JsonNode worldThen = asOf(dashboards, "/api/v1/dashboards/global?year=2025", REPORTED.plusSeconds(60));
        assertThat(countryRow(worldThen, country).get("activeBeneficiaries").asLong()).isEqualTo(100_000);
        assertThat(asOf(dashboards, "/api/v1/dashboards/global?year=2025", REGISTERED.minusSeconds(1))
                .get("countries").findValuesAsString("country")).doesNotContain(country);

        // the CSV says which instant it shows
        ApiClient.Response csv = dashboards.api().get(countryPath(country) + "&format=csv&asOf=" + CORRECTED);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("dashboard-" + country + "-2025-asof-20250403T090000Z.csv");
        assertThat(csv.body()).contains(",freshness,,asOf," + CORRECTED).contains(",headline,,activeBeneficiaries,120000");
    }

    @Test
    void theAuditTrailListsEveryStepWithWhoWhenAndWhichChannelAndChangesCompareTwoDates() {
        Dashboards dashboards = new Dashboards(port);
        Story story = tellStory(dashboards);
        String country = story.country();

        JsonNode trail = ok(dashboards, "/api/v1/dashboards/countries/" + country + "/audit?year=2025&programmeId="
                + story.programmeId() + "&targetGroup=CHILDREN&measure=ACTIVE");
        assertThat(trail.get("counts").size()).as("the 2025Q2 count and the inbound 2025Q3 one").isEqualTo(2);
        JsonNode count = trail.get("counts").get(0);
        assertThat(count.get("period").asString()).isEqualTo("2025Q2");
        assertThat(count.get("state").asString()).isEqualTo("VALIDATED");
        assertThat(count.get("figures").get("total").asLong()).isEqualTo(120_000);
        JsonNode steps = count.get("steps");
        assertThat(steps.findValuesAsString("event")).containsExactly("BeneficiaryCountReported",
                "BeneficiaryCountReturned", "BeneficiaryCountReported", "BeneficiaryCountValidated");
        assertThat(steps.findValuesAsString("by")).containsExactly("khm-team", "khm-validator", "khm-team",
                "khm-validator");
        assertThat(steps.get(0).get("time").asString()).isEqualTo(REPORTED.toString());
        assertThat(steps.get(0).get("channel").asString()).isEqualTo("api");
        assertThat(steps.get(0).get("before").isNull()).isTrue();
        assertThat(steps.get(0).get("after").get("total").asLong()).isEqualTo(100_000);
        assertThat(steps.get(1).get("comment").asString()).isEqualTo("the total counts households, not persons");
        assertThat(steps.get(1).get("reviewedVersion").asLong()).isEqualTo(1);
        assertThat(steps.get(2).get("channel").asString()).isEqualTo("import-csv");
        assertThat(steps.get(2).get("reference").asString()).isEqualTo("imp-42");
        assertThat(steps.get(2).get("before").get("total").asLong()).isEqualTo(100_000);
        assertThat(steps.get(2).get("after").get("total").asLong()).isEqualTo(120_000);
        assertThat(steps.get(3).get("after").get("total").asLong()).as("a review keeps the figures").isEqualTo(120_000);
        assertThat(trail.get("counts").get(1).get("steps").size()).as("delivered twice, one step").isEqualTo(1);
        String generation = ok(dashboards, "/api/v1/dashboards/years").get("generation").asString();
        Document stored = mongo.getCollection(generation + "_fact_history")
                .find(Filters.eq("_id", "c/" + country + "/2025/" + story.programmeId())).first();
        assertThat(stored.getList("entries", Document.class)).as("a redelivery appends nothing").hasSize(5);
        JsonNode inbound = trail.get("counts").get(1).get("steps").get(0);
        assertThat(inbound.get("channel").asString()).isEqualTo("kafka");
        assertThat(inbound.get("sourceRecord").asString()).isEqualTo("beneficiaries.beneficiary-count-submissions.v1/1/42");
        assertThat(inbound.get("by").asString()).isEqualTo("khm-mosvy-mis");

        JsonNode changes = ok(dashboards, "/api/v1/dashboards/countries/" + country + "/changes?year=2025&from="
                + REPORTED.plusSeconds(60) + "&to=" + VALIDATED);
        JsonNode active = changes.get("figures").findParents("figure").stream()
                .filter(f -> f.get("figure").asString().equals("activeBeneficiaries")).findFirst().orElseThrow();
        assertThat(active.get("before").asLong()).isEqualTo(100_000);
        assertThat(active.get("after").asLong()).isEqualTo(120_000);
        assertThat(changes.get("steps").findValuesAsString("event")).as("what became known in between")
                .containsExactly("BeneficiaryCountReturned", "BeneficiaryCountReported", "BeneficiaryCountValidated");
        assertThat(changes.get("figures").findValuesAsString("figure")).doesNotContain("financing.executedUsd");

        ApiClient.Response badFrom = dashboards.api().get("/api/v1/dashboards/countries/" + country
                + "/changes?year=2025&from=yesterday");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.json().get("errors").findValuesAsString("field")).containsExactly("from");
    }

    @Test
    void aValidatedDashboardAsOfADateHasTheFinancingReportsAndIndicatorResultsValidatedByThen() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        FinancingReportSubmitted report = financing("fin-" + programmeId, 1, country, "2025", "USD", "5000000",
                "4000000", null);
        IndicatorResultReported result = indicator(programmeId, country, 2, "2025", "42");
        publishAt(programme(programmeId, country, 1_000_000L), REGISTERED);
        publishAt(report, REPORTED, REPORTER);
        publishAt(result, REPORTED, REPORTER);
        publishAt(validated(report), VALIDATED, VALIDATOR);
        publishAt(validated(result), VALIDATED, VALIDATOR);
        publishAt(financing(report.reportId(), 3, country, "2025", "USD", "6000000", "4000000", null), CORRECTED
                .plusSeconds(86_400 * 2), IMPORT);
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(dashboards.country(country, 2025).get("financing").get("allocatedUsd").decimalValue())
                    .isEqualByComparingTo("6000000");
            JsonNode validatedView = dashboards.country(country, 2025, "validated");
            assertThat(validatedView.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("5000000");
            assertThat(validatedView.get("indicators").findValuesAsString("actualValue")).containsExactly("42");
        });

        String validatedPath = countryPath(country) + "&validation=validated";
        JsonNode now = asOf(dashboards, validatedPath, Instant.now());
        assertThat(withoutAsOf(now)).as("as of now: the validated dashboard served")
                .isEqualTo(figures(dashboards.country(country, 2025, "validated")));
        assertThat(now.get("financing").get("allocatedUsd").decimalValue()).isEqualByComparingTo("5000000");
        assertThat(now.get("indicators").findValuesAsString("actualValue")).containsExactly("42");

        JsonNode beforeValidation = asOf(dashboards, validatedPath, VALIDATED.minusSeconds(1));
        assertThat(beforeValidation.get("financing").get("reports").asInt()).as("not validated yet").isZero();
        assertThat(beforeValidation.get("indicators")).as("nor the indicator result").isEmpty();
        JsonNode allThen = asOf(dashboards, countryPath(country), VALIDATED.minusSeconds(1));
        assertThat(allThen.get("financing").get("allocatedUsd").decimalValue()).as("but accepted")
                .isEqualByComparingTo("5000000");
        assertThat(allThen.get("indicators").findValuesAsString("actualValue")).containsExactly("42");
        assertThat(asOf(dashboards, "/api/v1/dashboards/programmes/" + programmeId + "?year=2025&validation=validated",
                VALIDATED).get("indicators").findValuesAsString("actualValue")).containsExactly("42");

        // the audit trail of the financing reports and indicator results behind those figures
        String audit = "/api/v1/dashboards/countries/" + country + "/audit?year=2025";
        JsonNode trail = ok(dashboards, audit);
        assertThat(trail.get("financingReports").size()).isEqualTo(1);
        JsonNode audited = trail.get("financingReports").get(0);
        assertThat(audited.get("reportId").asString()).isEqualTo(report.reportId());
        assertThat(audited.get("state").asString()).as("revised after its validation").isEqualTo("SUBMITTED");
        JsonNode steps = audited.get("steps");
        assertThat(steps.findValuesAsString("event")).containsExactly("FinancingReportSubmitted",
                "FinancingReportValidated", "FinancingReportSubmitted");
        assertThat(steps.findValuesAsString("by")).containsExactly("khm-team", "khm-validator", "khm-team");
        assertThat(steps.findValuesAsString("channel")).containsExactly("api", "api", "import-csv");
        assertThat(steps.get(0).get("time").asString()).isEqualTo(REPORTED.toString());
        assertThat(steps.get(0).get("before").isNull()).isTrue();
        assertThat(steps.get(1).get("reviewedVersion").asLong()).isEqualTo(1);
        assertThat(steps.get(2).get("reference").asString()).isEqualTo("imp-42");
        assertThat(steps.get(2).get("before").get("lines").get(0).get("allocated").asString()).isEqualTo("5000000");
        assertThat(steps.get(2).get("after").get("lines").get(0).get("allocated").asString()).isEqualTo("6000000");
        assertThat(steps.get(2).get("after").get("currency").asString()).as("amounts with their currency")
                .isEqualTo("USD");
        assertThat(audited.get("figures").get("currency").asString()).isEqualTo("USD");
        assertThat(trail.get("indicatorResults").size()).isEqualTo(1);
        JsonNode indicatorResult = trail.get("indicatorResults").get(0);
        assertThat(indicatorResult.get("indicatorCode").asString()).isEqualTo("COV-CHILD");
        assertThat(indicatorResult.get("period").asString()).isEqualTo("2025");
        assertThat(indicatorResult.get("state").asString()).isEqualTo("VALIDATED");
        assertThat(indicatorResult.get("figures").get("actualValue").asString()).isEqualTo("42");
        assertThat(indicatorResult.get("steps").findValuesAsString("event")).containsExactly("IndicatorResultReported",
                "IndicatorResultValidated");
        assertThat(indicatorResult.get("steps").findValuesAsString("by")).containsExactly("khm-team", "khm-validator");
        assertThat(indicatorResult.get("steps").get(1).get("time").asString()).isEqualTo(VALIDATED.toString());

        JsonNode onlyFinancing = ok(dashboards, audit + "&dataset=FINANCING");
        assertThat(onlyFinancing.get("financingReports").size()).isEqualTo(1);
        assertThat(onlyFinancing.get("indicatorResults").size()).isZero();
        assertThat(ok(dashboards, audit + "&dataset=INDICATOR_RESULTS&programmeId=" + programmeId)
                .get("indicatorResults").size()).isEqualTo(1);
        assertThat(ok(dashboards, audit + "&targetGroup=CHILDREN").get("financingReports").size())
                .as("a beneficiary figure: its counts only").isZero();
        for (String bad : List.of("&dataset=COUNTS", "&dataset=FINANCING&measure=ACTIVE")) {
            ApiClient.Response refused = dashboards.api().get(audit + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("errors").findValuesAsString("field")).as(bad)
                    .containsExactly(bad.contains("measure") ? "measure" : "dataset");
        }
    }

    @Test
    void filteredDashboardsTrendsAndProgrammeListsAsOfADateSelectTheProgrammesAsTheyWereThen() {
        Dashboards dashboards = new Dashboards(port);
        String country = freshCountry();
        String first = freshId("prg");
        String second = freshId("prg");
        String donor = freshId("DONOR");
        String other = freshId("DONOR");
        ProgrammeRegistered registered = programmeFundedBy(first, country, donor);
        BeneficiaryCountReported reported = count(first, country, "2025Q2", Measure.ACTIVE, 1, 100_000);
        Instant validatedAt = Instant.parse("2025-04-02T09:00:00Z");
        Instant correctedAt = Instant.parse("2025-04-03T09:00:00Z");
        Instant achievedAt = Instant.parse("2025-04-04T09:00:00Z");
        Instant refundedAt = Instant.parse("2025-04-05T09:00:00Z");
        publishAt(registered, REGISTERED);
        publishAt(programmeFundedBy(second, country, other), REGISTERED);
        publishAt(milestone(first, country, "law", 1, LocalDate.of(2025, 3, 15), MilestoneStatus.ON_TRACK), REGISTERED);
        publishAt(reported, REPORTED, REPORTER);
        publishAt(count(second, country, "2025Q2", Measure.ACTIVE, 1, 50_000), REPORTED, REPORTER);
        publishAt(validated(reported), validatedAt, VALIDATOR);
        publishAt(count(first, country, "2025Q2", Measure.ACTIVE, 3, 120_000), correctedAt, IMPORT);
        publishAt(milestone(first, country, "law", 2, LocalDate.of(2025, 3, 15), MilestoneStatus.ACHIEVED), achievedAt);
        // the first programme changes donor: from then on it is the other donor's
        publishAt(updated(registered, 2, List.of(other), null, null), refundedAt);
        String countryPath = "/api/v1/dashboards/countries/" + country + "?year=2025";
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(ok(dashboards, countryPath + "&donor=" + other).get("activeBeneficiaries").asLong())
                    .isEqualTo(170_000);
            assertThat(ok(dashboards, countryPath + "&donor=" + donor).get("activeBeneficiaries").asLong()).isZero();
        });
        Instant reportedThen = REPORTED.plusSeconds(3600);
        Instant validatedThen = validatedAt.plusSeconds(3600);
        Instant correctedThen = correctedAt.plusSeconds(3600);
        Instant refundedThen = refundedAt.plusSeconds(3600);

        JsonNode before = asOf(dashboards, countryPath + "&donor=" + donor, reportedThen);
        assertThat(before.get("activeBeneficiaries").asLong()).as("the donor's programme, version 1").isEqualTo(100_000);
        assertThat(before.get("programmes").findValuesAsString("programmeId")).containsExactly(first);
        assertThat(before.get("validation").get("facts").asLong()).isEqualTo(1);
        assertThat(before.get("validation").get("validatedFacts").asLong()).isZero();
        JsonNode validatedView = asOf(dashboards, countryPath + "&donor=" + donor + "&validation=validated",
                validatedThen);
        assertThat(validatedView.get("activeBeneficiaries").asLong()).isEqualTo(100_000);
        assertThat(validatedView.get("validation").get("validatedShare").decimalValue()).isEqualByComparingTo("1");
        assertThat(asOf(dashboards, countryPath + "&donor=" + donor, correctedThen).get("activeBeneficiaries").asLong())
                .isEqualTo(120_000);
        JsonNode correctedValidated = asOf(dashboards, countryPath + "&donor=" + donor + "&validation=validated",
                correctedThen);
        assertThat(correctedValidated.get("activeBeneficiaries").asLong()).as("version 3 waits; version 1 was validated")
                .isEqualTo(100_000);
        assertThat(correctedValidated.get("validation").get("validatedFacts").asLong()).isZero();
        JsonNode afterRefunding = asOf(dashboards, countryPath + "&donor=" + donor, refundedThen);
        assertThat(afterRefunding.get("activeBeneficiaries").asLong()).as("no longer the donor's").isZero();
        assertThat(afterRefunding.get("programmes")).isEmpty();
        assertThat(asOf(dashboards, countryPath + "&donor=" + other, correctedThen).get("activeBeneficiaries").asLong())
                .as("the other donor's before it took over the first programme").isEqualTo(50_000);
        assertThat(withoutAsOf(asOf(dashboards, countryPath + "&donor=" + other + "&validation=validated",
                Instant.now()))).as("as of now: the filtered dashboard served")
                .isEqualTo(figures(ok(dashboards, countryPath + "&donor=" + other + "&validation=validated")));
        JsonNode world = asOf(dashboards, "/api/v1/dashboards/global?year=2025&donor=" + donor, correctedThen);
        assertThat(world.get("activeBeneficiaries").asLong()).isEqualTo(120_000);
        assertThat(world.get("countries").findValuesAsString("country")).containsExactly(country);

        // the exports of a filtered dashboard as of a date
        ApiClient.Response csv = dashboards.api().get(countryPath + "&donor=" + donor + "&format=csv&asOf="
                + correctedThen);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("dashboard-" + country + "-2025-asof-20250403T100000Z");
        assertThat(csv.body()).contains(",headline,,activeBeneficiaries,120000");
        ApiClient.Response sdmx = dashboards.api().get("/api/v1/dashboards/global?year=2025&donor=" + donor
                + "&format=sdmx-csv&validation=validated&asOf=" + correctedThen);
        assertThat(sdmx.status()).isEqualTo(200);
        List<CSVRecord> rows = DashboardSdmxCsvRows.parse(sdmx.body());
        assertThat(rows).extracting(r -> r.get("REF_AREA")).containsOnly(country);
        assertThat(DashboardSdmxCsvRows.value(rows, "BEN_ACTIVE", "SOC_CONTIG_CHILD")).as("validated then")
                .isEqualTo("100000");

        // the series across years and the list of programmes, as of a date
        JsonNode trend = year(ok(dashboards, "/api/v1/dashboards/trends?country=" + country + "&donor=" + donor
                + "&asOf=" + correctedThen), 2025);
        assertThat(trend.get("activeBeneficiaries").asLong()).isEqualTo(120_000);
        assertThat(year(ok(dashboards, "/api/v1/dashboards/trends?donor=" + donor + "&validation=validated&asOf="
                + correctedThen), 2025).get("activeBeneficiaries").asLong()).isEqualTo(100_000);
        assertThat(year(ok(dashboards, "/api/v1/dashboards/trends?country=" + country + "&donor=" + donor), 2025)
                .get("activeBeneficiaries").asLong()).as("now").isZero();
        JsonNode listed = ok(dashboards, "/api/v1/dashboards/programmes?year=2025&country=" + country + "&donor="
                + donor + "&asOf=" + correctedThen);
        assertThat(listed.get("asOf").asString()).isEqualTo(correctedThen.toString());
        JsonNode row = listed.get("programmes").get(0);
        assertThat(listed.get("programmes").size()).isEqualTo(1);
        assertThat(row.get("activeBeneficiaries").asLong()).isEqualTo(120_000);
        assertThat(row.get("donors").get(0).asString()).isEqualTo(donor);
        assertThat(row.get("overdueMilestones").findValuesAsString("milestoneId")).as("due 15 March, not achieved then")
                .containsExactly("law");
        assertThat(ok(dashboards, "/api/v1/dashboards/programmes?year=2025&country=" + country + "&donor=" + donor
                + "&validation=validated&asOf=" + correctedThen).get("programmes").get(0).get("activeBeneficiaries")
                .asLong()).isEqualTo(100_000);
        JsonNode listedLater = ok(dashboards, "/api/v1/dashboards/programmes?year=2025&country=" + country + "&donor="
                + other + "&asOf=" + refundedThen);
        assertThat(listedLater.get("programmes").findValuesAsString("programmeId")).containsExactlyInAnyOrder(first,
                second);
        assertThat(listedLater.get("programmes").findValues("overdueMilestones").stream().mapToInt(JsonNode::size)
                .sum()).as("achieved by then").isZero();

        // the validated view of the list and the series, now: version 1 of the first programme's count
        JsonNode validatedNow = ok(dashboards, "/api/v1/dashboards/programmes?year=2025&country=" + country
                + "&donor=" + other + "&validation=validated");
        assertThat(validatedNow.get("programmes").findValues("activeBeneficiaries").stream().mapToLong(JsonNode::asLong)
                .sum()).as("the second programme's count was never validated").isEqualTo(100_000);
        assertThat(validatedNow.get("validation").get("facts").asLong()).isEqualTo(2);
        assertThat(validatedNow.get("validation").get("validatedFacts").asLong()).isZero();
        assertThat(year(ok(dashboards, "/api/v1/dashboards/trends?country=" + country + "&donor=" + other
                + "&validation=validated"), 2025).get("activeBeneficiaries").asLong()).isEqualTo(100_000);

        // which years had a dashboard
        JsonNode noYears = ok(dashboards, "/api/v1/dashboards/years?asOf=2000-01-01T00:00:00Z");
        assertThat(noYears.get("years")).isEmpty();
        assertThat(noYears.get("latestWithData").isNull()).isTrue();
        assertThat(ok(dashboards, "/api/v1/dashboards/years?asOf=" + Instant.now()).get("years"))
                .isEqualTo(ok(dashboards, "/api/v1/dashboards/years").get("years"));
    }

    @Test
    void aBadAsOfIsRefusedNamingIt() {
        Dashboards dashboards = new Dashboards(port);
        for (String path : List.of("/api/v1/dashboards/countries/KHM?year=2025&asOf=2025-13-01",
                "/api/v1/dashboards/global?year=2025&asOf=yesterday",
                "/api/v1/dashboards/programmes/prg-x?year=2025&asOf=2025-06-30T12:00:00",
                "/api/v1/dashboards/countries/KHM?year=2025&format=csv&asOf=2025-06-30")) {
            ApiClient.Response bad = dashboards.api().get(path);
            assertThat(bad.status()).as(path).isEqualTo(400);
            assertThat(bad.json().get("errors").findValuesAsString("field")).as(path).containsExactly("asOf");
        }
        for (String path : List.of("/api/v1/dashboards/trends?asOf=2025-06-31T00:00:00Z",
                "/api/v1/dashboards/programmes?year=2025&asOf=now", "/api/v1/dashboards/years?asOf=2025",
                "/api/v1/dashboards/countries/KHM?year=2025&donor=EU&asOf=2025-06-30T25:00:00Z")) {
            ApiClient.Response bad = dashboards.api().get(path);
            assertThat(bad.status()).as(path).isEqualTo(400);
            assertThat(bad.json().get("errors").findValuesAsString("field")).as(path).containsExactly("asOf");
        }
        JsonNode future = ok(dashboards, "/api/v1/dashboards/countries/KHM?year=2025&donor=EU&asOf=2999-01-01T00:00:00Z");
        assertThat(Instant.parse(future.get("asOf").asString())).as("a future instant is answered as of now")
                .isBefore(Instant.parse("2999-01-01T00:00:00Z")).isBeforeOrEqualTo(Instant.now());
        JsonNode changes = ok(dashboards, "/api/v1/dashboards/countries/KHM/changes?year=2025"
                + "&from=2025-01-01T00:00:00Z&to=2999-01-01T00:00:00Z");
        assertThat(Instant.parse(changes.get("to").asString())).as("the changes up to a future instant: up to now")
                .isBefore(Instant.parse("2999-01-01T00:00:00Z")).isBeforeOrEqualTo(Instant.now());
    }

    record Story(String country, String programmeId) {
    }

    /**
     * Registered; 100,000 reported through the API; returned by the validator; corrected to 120,000 by an
     * import; validated; a financing report in MNT and the MNT rate of 2025, revised later; and a count
     * of 2025Q3 that came in from the national MIS through Kafka, delivered twice.
     */
    private static Story tellStory(Dashboards dashboards) {
        String country = freshCountry();
        String programmeId = "prg-" + UUID.randomUUID().toString().substring(0, 8);
        BeneficiaryCountReported first = count(programmeId, country, "2025Q2", Measure.ACTIVE, 1, 100_000);
        BeneficiaryCountReported corrected = count(programmeId, country, "2025Q2", Measure.ACTIVE, 3, 120_000);
        publishAt(programme(programmeId, country, 1_000_000L), REGISTERED);
        publishAt(rate("MNT", 2025, 1, "3250"), REGISTERED);
        publishAt(financing("fin-" + programmeId, 1, country, "2025", "MNT", "13000000", "6500000", null),
                REGISTERED.plusSeconds(1));
        publishAt(first, REPORTED, REPORTER);
        publishAt(returned(first), RETURNED, VALIDATOR);
        publishAt(corrected, CORRECTED, IMPORT);
        publishAt(validated(corrected), VALIDATED, VALIDATOR);
        publishAt(rate("MNT", 2025, 2, "6500"), RATE_REVISED);
        publishTwiceAt(count(programmeId, country, "2025Q3", Measure.ACTIVE, 1, 125_000), INBOUND, MIS);
        await().atMost(Dashboards.PATIENCE).ignoreExceptions().untilAsserted(() -> {
            JsonNode d = dashboards.country(country, 2025);
            assertThat(d.get("freshness").get("newestEventTime").asString()).isEqualTo(INBOUND.toString());
            assertThat(d.get("financing").get("executedUsd").decimalValue()).isEqualByComparingTo("1000");
        });
        return new Story(country, programmeId);
    }

    private static String countryPath(String country) {
        return "/api/v1/dashboards/countries/" + country + "?year=2025";
    }

    private static JsonNode asOf(Dashboards dashboards, String path, Instant asOf) {
        return ok(dashboards, path + "&asOf=" + asOf);
    }

    private static JsonNode ok(Dashboards dashboards, String path) {
        ApiClient.Response response = dashboards.api().get(path);
        assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode withoutAsOf(JsonNode dashboard) {
        ObjectNode copy = (ObjectNode) figures(dashboard);
        copy.remove("asOf");
        return copy;
    }

    private static JsonNode year(JsonNode trends, int year) {
        return trends.get("years").valueStream().filter(y -> y.get("year").asInt() == year).findFirst().orElseThrow();
    }

    private static JsonNode countryRow(JsonNode world, String country) {
        return world.get("countries").findParents("country").stream()
                .filter(c -> c.get("country").asString().equals(country)).findFirst().orElseThrow();
    }

}
