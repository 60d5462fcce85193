package org.spmonitor.beneficiary.count.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.spmonitor.beneficiary.BeneficiaryCounts;
import org.spmonitor.beneficiary.BeneficiaryIntegrationTest;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.ContractDocuments;
import org.spmonitor.testsupport.ReviewLists;
import org.spmonitor.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;

/** The REST API as a country team's script uses it, through the real broker and Mongo-wire server. */
class CountApiIntegrationTest extends BeneficiaryIntegrationTest {

    private static final String COUNTS = "/api/v1/beneficiary-counts";

    private static Map<String, Object> batch(List<?> items) {
        return Map.of("items", items);
    }

    @Test
    void aNewCountIsCreatedAndPublishedAsBeneficiaryCountReported() {
        String programmeId = registerProgramme("KHM");
        ApiClient.Response response = api().post(COUNTS, BeneficiaryCounts.activeFemaleHeavy(programmeId));

        assertThat(response.status()).isEqualTo(201);
        String countId = response.json().get("countId").asString();
        assertThat(response.header("Location")).isEqualTo(COUNTS + "/" + countId);
        assertThat(response.json().get("outcome").asString()).isEqualTo("CREATED");

        JsonNode event = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountReported")), 1).get(0);
        assertThat(event.get("version").asLong()).isEqualTo(1);
        assertThat(event.get("country").asString()).isEqualTo("KHM");
        assertThat(event.get("total").asLong()).isEqualTo(1_000);
        assertThat(event.path("sex").get("female").asLong()).isEqualTo(700);
        assertThat(event.path("ageGroup").get("0-17").asLong()).isEqualTo(1_000);
    }

    @Test
    void anIdenticalResubmissionIsUnchangedAndANewTotalIsANewVersionKeptInTheHistory() {
        String programmeId = registerProgramme("SEN");
        BeneficiaryCountSubmission first = BeneficiaryCounts.activeFemaleHeavy(programmeId);
        String countId = api().post(COUNTS, first).json().get("countId").asString();

        ApiClient.Response again = api().post(COUNTS, first);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(again.json().get("version").asLong()).isEqualTo(1);

        ApiClient.Response revised = api().post(COUNTS, BeneficiaryCounts.withTotal(first, 1_200));
        assertThat(revised.json().get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(revised.json().get("version").asLong()).isEqualTo(2);

        JsonNode view = api().get(COUNTS + "/" + countId).json();
        assertThat(view.get("version").asLong()).isEqualTo(2);
        assertThat(view.get("total").asLong()).isEqualTo(1_200);
        assertThat(view.has("sex")).as("the revision gave no breakdown").isFalse();
        assertThat(view.get("history").findValuesAsString("change")).containsExactly("REPORTED", "REPORTED");
        assertThat(view.get("history").get(0).get("total").asLong()).isEqualTo(1_000);
        assertThat(view.get("history").get(0).get("by").asString()).isEqualTo("test-admin");
        assertThat(view.get("history").get(1).get("channel").asString()).isEqualTo("api");
        assertThat(view.has("outbox") || view.has("published") || view.has("pendingSince"))
                .as("storage fields stay inside").isFalse();
    }

    @Test
    void aBatchWithAnInvalidItemIsRefusedWholeNamingTheItemAndFieldAndStoresNothing() {
        String programmeId = registerProgramme("UGA");
        List<BeneficiaryCountSubmission> items = new ArrayList<>();
        for (String period : List.of("2025-01", "2025-02", "2025-03")) {
            items.add(BeneficiaryCounts.totalOnly(programmeId, period, 10));
        }
        items.add(BeneficiaryCounts.sexBreakdownExceedingTotal(programmeId));
        items.add(BeneficiaryCounts.totalOnly("prg-never-registered", "2025", 3));

        ApiClient.Response response = api().post(COUNTS, batch(items));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json())).containsExactlyInAnyOrder("items[3].sex", "items[4].programmeId");
        assertThat(api().get(COUNTS + "?programmeId=" + programmeId).json().get("totalItems").asLong()).isZero();
    }

    @Test
    void aBatchItemThatIsNotReadableIsNamedByItsIndex() {
        String body = "{\"items\": [{\"programmeId\": \"p\", \"period\": \"2025\", \"targetGroup\": \"CHILDREN\","
                + " \"measure\": \"NEW\", \"total\": 1}, {\"programmeId\": \"p\", \"colour\": \"red\"},"
                + " {\"total\": 2.5}, {\"targetGroup\": \"ALIENS\"}]}";
        ApiClient.Response response = api().post(COUNTS, body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json())).containsExactlyInAnyOrder("items[1].colour", "items[2].total",
                "items[3].targetGroup");
    }

    @Test
    void aValidBatchStoresEveryItemAndAnswersEachOutcomeInOrder() {
        String programmeId = registerProgramme("MOZ");
        BeneficiaryCountSubmission existing = BeneficiaryCounts.totalOnly(programmeId, "2025Q1", 50);
        api().post(COUNTS, existing);

        ApiClient.Response response = api().post(COUNTS, batch(List.of(
                BeneficiaryCounts.totalOnly(programmeId, "2025Q2", 60), existing,
                BeneficiaryCounts.activeFemaleHeavy(programmeId))));

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("created").asInt()).isEqualTo(2);
        assertThat(result.get("unchanged").asInt()).isEqualTo(1);
        assertThat(result.get("items").findValuesAsString("outcome")).containsExactly("CREATED", "UNCHANGED",
                "CREATED");
        assertThat(api().get(COUNTS + "?programmeId=" + programmeId).json().get("totalItems").asLong()).isEqualTo(3);
    }

    @Test
    void aBatchNamingTheSameCountTwiceIsRefused() {
        String programmeId = registerProgramme("NPL");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025", 5);
        ApiClient.Response response = api().post(COUNTS, batch(List.of(count, BeneficiaryCounts.withTotal(count, 6))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("items[1]");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("is the same count").contains("as items[0]");
    }

    @Test
    void listsCountsByFiltersOnePageAtATime() {
        String programmeId = registerProgramme("ZMB");
        List<BeneficiaryCountSubmission> items = new ArrayList<>();
        for (String period : List.of("2025-01", "2025-02", "2025-03", "2025-04")) {
            items.add(BeneficiaryCounts.totalOnly(programmeId, period, 10));
        }
        items.add(BeneficiaryCounts.activeFemaleHeavy(programmeId));
        assertThat(api().post(COUNTS, batch(items)).status()).isEqualTo(200);

        JsonNode page = api().get(COUNTS + "?programmeId=" + programmeId + "&measure=NEW&size=3&page=1").json();
        assertThat(page.get("totalItems").asLong()).isEqualTo(4);
        assertThat(page.get("totalPages").asLong()).isEqualTo(2);
        assertThat(page.get("items").findValuesAsString("period")).containsExactly("2025-04");
        assertThat(page.get("items").get(0).has("history")).isFalse();

        JsonNode filtered = api().get(COUNTS + "?country=ZMB&programmeId=" + programmeId
                + "&period=2025Q1&targetGroup=CHILDREN").json();
        assertThat(filtered.get("items").findValuesAsString("measure")).containsExactly("ACTIVE");
    }

    @Test
    void refusesBadListFiltersNamingEach() {
        ApiClient.Response response = api().get(COUNTS + "?country=Cambodia&period=25Q1&size=5000");
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json())).containsExactlyInAnyOrder("country", "period", "size");
        assertThat(api().get(COUNTS + "?measure=SOMETIMES").status()).isEqualTo(400);
    }

    @Test
    void withdrawingPublishesBeneficiaryCountWithdrawnAndALaterReportRevivesTheCount() {
        String programmeId = registerProgramme("LKA");
        BeneficiaryCountSubmission count = BeneficiaryCounts.activeFemaleHeavy(programmeId);
        String countId = api().post(COUNTS, count).json().get("countId").asString();

        ApiClient.Response withdrawn = api().post(COUNTS + "/" + countId + "/withdrawal",
                Map.of("reason", "double counted with the national registry"));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("outcome").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().get("version").asLong()).isEqualTo(2);
        JsonNode event = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountWithdrawn")), 1).get(0);
        assertThat(event.get("version").asLong()).isEqualTo(2);
        assertThat(event.get("reason").asString()).isEqualTo("double counted with the national registry");
        assertThat(api().post(COUNTS + "/" + countId + "/withdrawal", "{}").json().get("outcome").asString())
                .isEqualTo("UNCHANGED");

        ApiClient.Response revived = api().post(COUNTS, count);
        assertThat(revived.json().get("outcome").asString()).isEqualTo("UPDATED");
        JsonNode view = api().get(COUNTS + "/" + countId).json();
        assertThat(view.get("withdrawn").asBoolean()).isFalse();
        assertThat(view.get("version").asLong()).isEqualTo(3);
        assertThat(view.get("history").findValuesAsString("change")).containsExactly("REPORTED", "WITHDRAWN",
                "REPORTED");
        assertThat(api().post(COUNTS + "/cnt-00000000000000000000/withdrawal", "{}").status()).isEqualTo(404);
    }

    @Test
    void everyEventSaysWhoMadeItAndThroughWhichChannel() {
        String programmeId = registerProgramme("KHM");
        ApiClient reporter = api().as(TestTokens.reporter("KHM"));
        BeneficiaryCountSubmission single = BeneficiaryCounts.totalOnly(programmeId, "2025-01", 10);
        String countId = reporter.post(COUNTS, single).json().get("countId").asString();
        String batched = reporter.post(COUNTS, batch(List.of(BeneficiaryCounts.totalOnly(programmeId, "2025-02", 20))))
                .json().get("items").get(0).get("countId").asString();
        assertThat(api().as(TestTokens.validator("KHM")).post(COUNTS + "/" + countId + "/review",
                Map.of("decision", "VALIDATED", "version", 1)).status()).isEqualTo(200);
        assertThat(reporter.post(COUNTS + "/" + batched + "/withdrawal", "{}").status()).isEqualTo(200);

        assertThat(origin(awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountReported")), 1).get(0)))
                .containsExactly("test-reporter-KHM", "api", null, null);
        assertThat(origin(awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(batched).and(typed("BeneficiaryCountReported")), 1).get(0)))
                .containsExactly("test-reporter-KHM", "api-batch", null, null);
        assertThat(origin(awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountValidated")), 1).get(0)))
                .as("the validator").containsExactly("test-validator-KHM", "api", null, null);
        assertThat(origin(awaitRecords(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(batched).and(typed("BeneficiaryCountWithdrawn")), 1).get(0)))
                .containsExactly("test-reporter-KHM", "api", null, null);
    }

    @Test
    void aReturnedCountIsCorrectedThenValidatedAndEveryStepIsAnEventAndAVersion() {
        String programmeId = registerProgramme("KHM");
        BeneficiaryCountSubmission count = BeneficiaryCounts.activeFemaleHeavy(programmeId);
        String countId = api().as(TestTokens.reporter("KHM")).post(COUNTS, count).json().get("countId").asString();
        ApiClient validator = api().as(TestTokens.validator("KHM"));
        String review = COUNTS + "/" + countId + "/review";
        assertThat(api().get(COUNTS + "/" + countId).json().get("review").asString()).isEqualTo("SUBMITTED");

        ApiClient.Response returned = validator.post(review,
                Map.of("decision", "RETURNED", "version", 1, "comment", "the sex breakdown counts households"));
        assertThat(returned.status()).isEqualTo(200);
        assertThat(returned.json().get("state").asString()).isEqualTo("RETURNED");
        assertThat(returned.json().get("version").asLong()).isEqualTo(2);
        JsonNode returnedEvent = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountReturned")), 1).get(0);
        assertThat(returnedEvent.get("reviewedVersion").asLong()).isEqualTo(1);
        assertThat(returnedEvent.get("comment").asString()).isEqualTo("the sex breakdown counts households");
        assertThat(returnedEvent.get("returnedBy").asString()).isEqualTo("test-validator-KHM");

        ApiClient.Response corrected = api().as(TestTokens.reporter("KHM")).post(COUNTS,
                BeneficiaryCounts.withTotal(count, 1_100));
        assertThat(corrected.json().get("version").asLong()).isEqualTo(3);
        JsonNode afterCorrection = api().get(COUNTS + "/" + countId).json();
        assertThat(afterCorrection.get("review").asString()).isEqualTo("SUBMITTED");
        assertThat(afterCorrection.get("reviewedVersion").asLong()).isEqualTo(3);

        assertThat(validator.post(review, Map.of("decision", "VALIDATED", "version", 1)).status())
                .as("a stale version").isEqualTo(409);
        ApiClient.Response validated = validator.withHeader("If-Match", "\"3\"").post(review,
                Map.of("decision", "VALIDATED"));
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get("reviewedVersion").asLong()).isEqualTo(3);
        assertThat(validated.header("ETag")).isEqualTo("\"4\"");
        JsonNode validatedEvent = awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS,
                subject(countId).and(typed("BeneficiaryCountValidated")), 1).get(0);
        assertThat(validatedEvent.get("version").asLong()).isEqualTo(4);
        assertThat(validatedEvent.get("reviewedVersion").asLong()).isEqualTo(3);
        assertThat(validator.post(review, Map.of("decision", "VALIDATED", "version", 3)).json().get("outcome")
                .asString()).as("a retry").isEqualTo("UNCHANGED");
        assertThat(validator.post(review, Map.of("decision", "RETURNED", "version", 4, "comment", "no")).status())
                .as("another decision about a validated version").isEqualTo(409);

        JsonNode view = api().get(COUNTS + "/" + countId).json();
        assertThat(view.get("review").asString()).isEqualTo("VALIDATED");
        assertThat(view.get("total").asLong()).isEqualTo(1_100);
        assertThat(view.get("history").findValuesAsString("change")).containsExactly("REPORTED", "RETURNED",
                "REPORTED", "VALIDATED");
        assertThat(view.get("history").get(1).get("reason").asString()).isEqualTo("the sex breakdown counts households");

        ApiClient.Response revised = api().post(COUNTS, BeneficiaryCounts.withTotal(count, 1_150));
        assertThat(revised.json().get("version").asLong()).isEqualTo(5);
        assertThat(api().get(COUNTS + "/" + countId).json().get("review").asString())
                .as("a revised validated figure needs validating again").isEqualTo("SUBMITTED");
    }

    @Test
    void onlyAValidatorOfTheCountsCountryReviewsAndBadInputChangesNothing() {
        String programmeId = registerProgramme("SEN");
        String countId = api().post(COUNTS, BeneficiaryCounts.activeFemaleHeavy(programmeId)).json().get("countId")
                .asString();
        String review = COUNTS + "/" + countId + "/review";
        Map<String, Object> validate = Map.of("decision", "VALIDATED", "version", 1);

        assertThat(api().as(TestTokens.reporter("SEN")).post(review, validate).status()).isEqualTo(403);
        assertThat(api().as(TestTokens.viewer()).post(review, validate).status()).isEqualTo(403);
        ApiClient.Response otherCountry = api().as(TestTokens.validator("KHM")).post(review, validate);
        assertThat(otherCountry.status()).isEqualTo(403);
        assertThat(otherCountry.json().get("detail").asString()).contains("not SEN");

        ApiClient.Response bad = api().as(TestTokens.validator("SEN")).post(review,
                Map.of("decision", "RETURNED", "version", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad.json())).containsExactly("comment");
        assertThat(api().as(TestTokens.validator("SEN")).post(COUNTS + "/cnt-00000000000000000000/review", validate)
                .status()).isEqualTo(404);
        JsonNode view = api().get(COUNTS + "/" + countId).json();
        assertThat(view.get("version").asLong()).isEqualTo(1);
        assertThat(view.get("review").asString()).isEqualTo("SUBMITTED");

        assertThat(api().post(review, validate).json().get("state").asString()).as("an admin acts for every country")
                .isEqualTo("VALIDATED");
    }

    @Test
    void aBulkReviewValidatesEverySubmittedCountOfACountryAndPeriodWithOneResultEach() {
        String first = registerProgramme("BFA");
        String second = registerProgramme("BFA");
        String a = api().post(COUNTS, BeneficiaryCounts.totalOnly(first, "2025Q3", 10)).json().get("countId").asString();
        String b = api().post(COUNTS, BeneficiaryCounts.totalOnly(second, "2025Q3", 20)).json().get("countId").asString();
        api().post(COUNTS, BeneficiaryCounts.totalOnly(first, "2025Q4", 30));
        Map<String, Object> validateAll = Map.of("decision", "VALIDATED", "country", "BFA", "period", "2025Q3");

        assertThat(api().as(TestTokens.validator("KHM")).post(COUNTS + "/reviews", validateAll).status()).isEqualTo(403);
        assertThat(api().as(TestTokens.reporter("BFA")).post(COUNTS + "/reviews", validateAll).status()).isEqualTo(403);
        ApiClient.Response bad = api().as(TestTokens.validator("BFA")).post(COUNTS + "/reviews",
                Map.of("decision", "RETURNED", "country", "Burkina", "period", "Q3"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad.json())).containsExactlyInAnyOrder("comment", "country", "period");
        assertThat(api().get(COUNTS + "/" + a).json().get("review").asString()).isEqualTo("SUBMITTED");

        ApiClient.Response done = api().as(TestTokens.validator("BFA")).post(COUNTS + "/reviews", validateAll);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("reviewed").asInt()).isEqualTo(2);
        assertThat(done.json().get("items").findValuesAsString("countId")).containsExactlyInAnyOrder(a, b);
        assertThat(done.json().get("items").findValuesAsString("state")).containsOnly("VALIDATED");
        assertThat(api().get(COUNTS + "/" + b).json().get("review").asString()).isEqualTo("VALIDATED");
        assertThat(awaitPayloads(Topics.BENEFICIARY_COUNT_EVENTS, subject(a).and(typed("BeneficiaryCountValidated")), 1))
                .hasSize(1);
        assertThat(api().as(TestTokens.validator("BFA")).post(COUNTS + "/reviews", validateAll).json().get("items")
                .size()).as("nothing SUBMITTED is left there").isZero();
    }

    @Test
    void listsTheCountsOfACountryByReviewStateSoAValidatorSeesWhatWaits() {
        String programmeId = registerProgramme("TCD");
        String waiting = api().post(COUNTS, BeneficiaryCounts.totalOnly(programmeId, "2025Q1", 10)).json()
                .get("countId").asString();
        String returned = api().post(COUNTS, BeneficiaryCounts.totalOnly(programmeId, "2025Q2", 20)).json()
                .get("countId").asString();
        String validated = api().post(COUNTS, BeneficiaryCounts.totalOnly(programmeId, "2025Q3", 30)).json()
                .get("countId").asString();
        ApiClient validator = api().as(TestTokens.validator("TCD"));
        assertThat(validator.post(COUNTS + "/" + returned + "/review",
                Map.of("decision", "RETURNED", "version", 1, "comment", "households, not persons")).status())
                .isEqualTo(200);
        assertThat(validator.post(COUNTS + "/" + validated + "/review", Map.of("decision", "VALIDATED", "version", 1))
                .status()).isEqualTo(200);

        ReviewLists.assertListedByReviewState(validator, COUNTS + "?country=TCD", "countId", waiting, returned,
                validated, "households, not persons");
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplaysTheFirstAnswerAndAnotherBodyIsAConflict() {
        String programmeId = registerProgramme("PER");
        BeneficiaryCountSubmission count = BeneficiaryCounts.totalOnly(programmeId, "2025", 40);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = api().post(COUNTS, count, idempotencyKey(key));
        ApiClient.Response replay = api().post(COUNTS, count, idempotencyKey(key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());

        ApiClient.Response other = api().post(COUNTS, BeneficiaryCounts.withTotal(count, 41), idempotencyKey(key));
        assertThat(other.status()).isEqualTo(409);
        assertThat(api().get(COUNTS + "/" + first.json().get("countId").asString()).json().get("version").asLong())
                .isEqualTo(1);
    }

    @Test
    void aCountOfAnUnknownProgrammeOrOutsideItsDatesIsRefusedAndNothingIsStored() {
        ApiClient.Response unknown = api().post(COUNTS, BeneficiaryCounts.activeFemaleHeavy("prg-not-registered"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("programmeId");
        assertThat(unknown.json().get("errors").get(0).get("message").asString())
                .contains("unknown programme 'prg-not-registered'");

        String programmeId = registerProgramme("KHM");
        ApiClient.Response early = api().post(COUNTS,
                BeneficiaryCounts.withPeriod(BeneficiaryCounts.activeFemaleHeavy(programmeId), "2023Q4"));
        assertThat(early.status()).isEqualTo(400);
        assertThat(fields(early.json())).containsExactly("period");
        assertThat(api().get(COUNTS + "?programmeId=" + programmeId).json().get("totalItems").asLong()).isZero();
    }

    @Test
    void unknownFieldsFractionsAndBadEnumsAreRefusedNamingTheField() {
        ApiClient.Response response = api().post(COUNTS, "{\"programmeId\": \"p\", \"period\": \"2025\","
                + " \"targetGroup\": \"CHILDREN\", \"measure\": \"NEW\", \"total\": 1, \"sex\": {\"female\": 1.5}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json())).containsExactly("sex.female");
        assertThat(fields(api().post(COUNTS, "{\"programmeId\": \"p\", \"totl\": 3}").json()))
                .containsExactly("totl");
        assertThat(fields(api().post(COUNTS, "{\"measure\": \"SOMETIMES\"}").json())).containsExactly("measure");
        assertThat(api().post(COUNTS, "{not json").status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() {
        JsonNode paths = api().get("/v3/api-docs").json().get("paths");
        assertThat(paths.propertyNames()).contains(COUNTS, COUNTS + "/{countId}", COUNTS + "/{countId}/withdrawal",
                COUNTS + "/imports", COUNTS + "/imports/template.csv", COUNTS + "/imports/dhis2-mapping-example.json");
        assertThat(paths.get(COUNTS).get("post").get("requestBody").toString()).contains("BatchRequest")
                .contains("BeneficiaryCountSubmission");
        assertThat(api().get("/swagger-ui.html").status()).isLessThan(400);
    }

    @Test
    void servesAValidOpenApiDocumentAndTheAsyncApiDocumentWithoutAToken() {
        ContractDocuments.assertServesValidContractDocuments(port);
    }
}
