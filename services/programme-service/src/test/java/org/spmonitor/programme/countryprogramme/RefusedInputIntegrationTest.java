package org.spmonitor.programme.countryprogramme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spmonitor.testsupport.ApiClient;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of invalid input, sent to the running service: a 400 problem detail that names the bad
 * field, and nothing stored (no programme, no new version, no idempotency key) and nothing published.
 */
@SpmonitorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedInputIntegrationTest {

    private static final String PROGRAMMES = "/api/v1/programmes";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final ProgrammeTopic topic = new ProgrammeTopic();
    private final String name = "Child grant " + UUID.randomUUID();
    private String id;
    private String milestoneId;

    /** One refused request: what is wrong, where it goes, and the field the answer must name. */
    record Refusal(String what, String method, String path, Supplier<Object> body, Map<String, String> headers,
            String field) {

        @Override
        public String toString() {
            return method + " " + path + " with " + what + " names '" + field + "'";
        }
    }

    /** What the database holds: any change a refused request made would show here. */
    record Snapshot(long programmes, long idempotencyKeys, JsonNode programme, int versions) {
    }

    @BeforeAll
    void registerAProgrammeWithAnIndicatorResultAndAMilestone() {
        ApiClient api = ApiClient.at(port);
        id = api.post(PROGRAMMES, programmeBody()).json().get("id").asString();
        assertThat(api.post(PROGRAMMES + "/" + id + "/indicators", RequestBodies.sdg131()).status()).isEqualTo(201);
        milestoneId = api.post(PROGRAMMES + "/" + id + "/milestones", RequestBodies.subDecreeMilestone()).json()
                .path("milestone").path("id").asString();
        assertThat(api.post(PROGRAMMES + "/" + id + "/indicator-results",
                RequestBodies.result("SDG-1.3.1", "2025", "31.6")).status()).isEqualTo(201);
    }

    @AfterAll
    void closeTopic() {
        topic.close();
    }

    /** The registered programme: Cambodia, from 2024-01-01, open-ended. */
    private ObjectNode programmeBody() {
        return RequestBodies.openEndedProgramme(name);
    }

    private static ObjectNode with(ObjectNode body, Consumer<ObjectNode> change) {
        change.accept(body);
        return body;
    }

    private static ObjectNode firstTarget(ObjectNode body) {
        return body.withArray("annualTargets").get(0).asObject();
    }

    private static void groupPopulation(ObjectNode body, String group, long people) {
        ObjectNode entry = firstTarget(body).putArray("groupTargetPopulations").addObject();
        entry.put("targetGroup", group);
        entry.put("targetPopulation", people);
    }

    private static ObjectNode newProgramme(Consumer<ObjectNode> change) {
        return with(RequestBodies.openEndedProgramme("Refused " + UUID.randomUUID()), change);
    }

    private Refusal register(String what, Consumer<ObjectNode> change, String field) {
        return new Refusal(what, "POST", "", () -> newProgramme(change), Map.of(), field);
    }

    private Refusal post(String what, String path, Supplier<Object> body, String field) {
        return new Refusal(what, "POST", path, body, Map.of(), field);
    }

    List<Refusal> refusals() {
        List<Refusal> refusals = new ArrayList<>();
        refusals.add(register("an unknown country", b -> b.put("country", "XYZ"), "country"));
        refusals.add(register("a country in lower case", b -> b.put("country", "khm"), "country"));
        refusals.add(register("no country", b -> b.remove("country"), "country"));
        refusals.add(register("no name", b -> b.remove("name"), "name"));
        refusals.add(register("a status not in the list", b -> b.put("status", "RUNNING"), "status"));
        refusals.add(register("a reporting frequency not in the list", b -> b.put("reportingFrequency", "WEEKLY"),
                "reportingFrequency"));
        refusals.add(register("a negative due lag", b -> b.put("dueLagDays", -1), "dueLagDays"));
        refusals.add(register("a due lag over a year", b -> b.put("dueLagDays", 366), "dueLagDays"));
        refusals.add(register("a due lag that is not a number", b -> b.put("dueLagDays", "soon"), "dueLagDays"));
        refusals.add(register("a floor guarantee not in R202",
                b -> b.set("floorGuarantees", RequestBodies.array("HEALTHCARE")), "floorGuarantees[0]"));
        refusals.add(register("a branch not in C102", b -> b.set("branches", RequestBodies.array("PENSIONS")),
                "branches[0]"));
        refusals.add(register("a target group not in the list",
                b -> b.set("targetGroups", RequestBodies.array("CHILDREN", "YOUTH")), "targetGroups[1]"));
        refusals.add(register("a date that does not exist", b -> b.put("startDate", "2025-02-30"), "startDate"));
        refusals.add(register("a date in another format", b -> b.put("startDate", "01/01/2024"), "startDate"));
        refusals.add(register("no start date", b -> b.remove("startDate"), "startDate"));
        refusals.add(register("an end date before the start date", b -> b.put("endDate", "2023-12-31"), "endDate"));
        refusals.add(register("more target beneficiaries than target population",
                b -> firstTarget(b).put("targetBeneficiaries", 1_000_001), "annualTargets[0].targetBeneficiaries"));
        refusals.add(register("negative target beneficiaries", b -> firstTarget(b).put("targetBeneficiaries", -1),
                "annualTargets[0].targetBeneficiaries"));
        refusals.add(register("a target population that is not a number",
                b -> firstTarget(b).put("targetPopulation", "many"), "annualTargets[0].targetPopulation"));
        refusals.add(register("no target population", b -> firstTarget(b).remove("targetPopulation"),
                "annualTargets[0].targetPopulation"));
        refusals.add(register("a target year before the programme", b -> firstTarget(b).put("year", 2020),
                "annualTargets[0].year"));
        refusals.add(register("a target population of a group that is zero",
                b -> groupPopulation(b, "CHILDREN", 0), "annualTargets[0].groupTargetPopulations[0].targetPopulation"));
        refusals.add(register("a target population of a group not in the list",
                b -> groupPopulation(b, "WIDOWS", 10), "annualTargets[0].groupTargetPopulations[0].targetGroup"));
        refusals.add(register("a target population of a group the programme is not for",
                b -> groupPopulation(b, "UNEMPLOYED", 10), "annualTargets[0].groupTargetPopulations[0].targetGroup"));
        refusals.add(register("a partner named twice", b -> b.set("partners", RequestBodies.array("ILO", "ilo")),
                "partners[1]"));
        refusals.add(register("an unknown field", b -> b.put("budget", 1_000_000), "budget"));
        refusals.add(register("an unknown nested field", b -> firstTarget(b).put("coverageRate", 0.4),
                "annualTargets[0].coverageRate"));
        refusals.add(register("a version", b -> b.put("version", 1), "version"));
        refusals.add(new Refusal("a body that is not JSON", "POST", "", () -> "{\"country\": KHM", Map.of(), ""));

        refusals.add(new Refusal("another country", "PUT", "/{id}", () -> with(programmeBody(),
                b -> b.put("country", "SEN")), Map.of(), "country"));
        refusals.add(new Refusal("an end date that leaves a reported result outside", "PUT", "/{id}",
                () -> with(programmeBody(), b -> b.put("endDate", "2024-12-31")), Map.of(), "endDate"));
        refusals.add(new Refusal("a status not in the list", "PUT", "/{id}",
                () -> with(programmeBody(), b -> b.put("status", "CLOSED")), Map.of(), "status"));
        refusals.add(new Refusal("the id copied from GET", "PUT", "/{id}",
                () -> with(programmeBody(), b -> b.put("id", id)), Map.of(), "id"));
        refusals.add(new Refusal("a malformed If-Match", "PUT", "/{id}",
                () -> with(programmeBody(), b -> b.put("status", "SUSPENDED")), Map.of("If-Match", "latest"),
                "If-Match"));

        refusals.add(post("no title", "/{id}/milestones",
                () -> with(RequestBodies.subDecreeMilestone(), b -> b.remove("title")), "title"));
        refusals.add(post("a due date that is not a date", "/{id}/milestones",
                () -> with(RequestBodies.subDecreeMilestone(), b -> b.put("dueDate", "end of June")), "dueDate"));
        refusals.add(post("a status not in the list", "/{id}/milestones",
                () -> with(RequestBodies.subDecreeMilestone(), b -> b.put("status", "DONE")), "status"));
        refusals.add(post("a status date in the future", "/{id}/milestones", () -> with(
                RequestBodies.subDecreeMilestone(), b -> b.put("title", "Other").put("statusDate", "2099-01-01")),
                "statusDate"));
        refusals.add(post("an unknown field", "/{id}/milestones",
                () -> with(RequestBodies.subDecreeMilestone(), b -> b.put("owner", "MoSVY")), "owner"));

        refusals.add(post("no status", "/{id}/milestones/{milestone}/status-changes",
                () -> RequestBodies.statusChange(null, "2025-03-01", "x").without("status"), "status"));
        refusals.add(post("a date in the future", "/{id}/milestones/{milestone}/status-changes",
                () -> RequestBodies.statusChange("ACHIEVED", "2099-12-31", null), "date"));
        refusals.add(post("a date before the current status", "/{id}/milestones/{milestone}/status-changes",
                () -> RequestBodies.statusChange("ON_TRACK", "2025-01-01", null), "date"));
        refusals.add(post("an unknown field", "/{id}/milestones/{milestone}/status-changes",
                () -> with(RequestBodies.statusChange("ON_TRACK", null, null), b -> b.put("comment", "x")), "comment"));

        refusals.add(post("a code with spaces", "/{id}/indicators",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "SDG 1.3.2")), "code"));
        refusals.add(post("no unit", "/{id}/indicators",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "B").remove("unit")), "unit"));
        refusals.add(post("a baseline with a decimal comma", "/{id}/indicators",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "C").withObject("baseline").put("value", "24,1")),
                "baseline.value"));
        refusals.add(post("a value with 7 decimal places", "/{id}/indicators",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "D").withObject("baseline")
                        .put("value", "24.1234567")), "baseline.value"));
        refusals.add(post("a target year before the baseline year", "/{id}/indicators",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "E").withObject("target").put("year", 2019)),
                "target.year"));
        refusals.add(post("an unknown field", "/{id}/indicators",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "F").put("frequency", "annual")), "frequency"));
        refusals.add(new Refusal("another code", "PUT", "/{id}/indicators/SDG-1.3.1",
                () -> with(RequestBodies.sdg131(), b -> b.put("code", "SDG-1.3.2")), Map.of(), "code"));

        refusals.add(post("an indicator not defined", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-8.b.1", "2025", "1"), "indicatorCode"));
        refusals.add(post("a fifth quarter", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-1.3.1", "2025Q5", "31.6"), "period"));
        refusals.add(post("a DHIS2 month", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-1.3.1", "202501", "31.6"), "period"));
        refusals.add(post("a period before the programme", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-1.3.1", "2023Q4", "31.6"), "period"));
        refusals.add(post("a period that has not begun", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-1.3.1", "2099", "31.6"), "period"));
        refusals.add(post("a value with a decimal comma", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-1.3.1", "2025", "31,6"), "actualValue"));
        refusals.add(post("no value", "/{id}/indicator-results",
                () -> RequestBodies.result("SDG-1.3.1", "2025", null).without("actualValue"), "actualValue"));
        refusals.add(post("the value misnamed", "/{id}/indicator-results",
                () -> with(RequestBodies.result("SDG-1.3.1", "2025", "32").without("actualValue"),
                        b -> b.put("value", "32")), "value"));
        return refusals;
    }

    private ApiClient.Response send(Refusal refusal) {
        String path = PROGRAMMES + refusal.path().replace("{id}", id).replace("{milestone}", milestoneId);
        Object body = refusal.body().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ApiClient.at(port).baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(refusal.method(), HttpRequest.BodyPublishers.ofString(
                        body instanceof String text ? text : body.toString()));
        Map<String, String> headers = new java.util.HashMap<>(refusal.headers());
        if (refusal.method().equals("POST")) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return ApiClient.at(port).send(request, headers);
    }

    private Snapshot snapshot() {
        ApiClient api = ApiClient.at(port);
        return new Snapshot(mongo.count(new Query(), "programmes"), mongo.count(new Query(), "idempotency_keys"),
                api.get(PROGRAMMES + "/" + id).json(), api.get(PROGRAMMES + "/" + id + "/history").json()
                        .get("versions").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWithAProblemDetailNamingTheFieldAndStoresNothing(Refusal refusal) {
        Snapshot before = snapshot();

        ApiClient.Response response = send(refusal);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://spmonitor.org/problems/validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString()).contains(refusal.field());
        assertThat(problem.get("errors")).allSatisfy(e -> assertThat(e.get("message").asString()).isNotBlank());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refusedRequestsPublishNothing() {
        Stream.of(refusals(), refusals()).flatMap(List::stream).forEach(this::send);
        ApiClient.Response marker = ApiClient.at(port).post(PROGRAMMES + "/" + id + "/milestones/" + milestoneId
                + "/status-changes", RequestBodies.statusChange("ON_TRACK", "2025-03-01", "marker"));
        assertThat(marker.status()).as(marker.body()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> events = topic.eventsOf(id, 5);

        assertThat(events).extracting(ProgrammeTopic::version)
                .as("registered, milestone added, result reported, marker; nothing from a refused request")
                .containsExactly(1L, 3L, 4L, 5L);
    }

    @Test
    void anIdempotencyKeyOfARefusedRequestCarriesTheCorrectedOne() {
        String key = UUID.randomUUID().toString();
        ApiClient api = ApiClient.at(port);
        ObjectNode body = newProgramme(b -> b.put("country", "Cambodia"));

        assertThat(api.post(PROGRAMMES, body, Map.of("Idempotency-Key", key)).status()).isEqualTo(400);
        body.put("country", "KHM");
        ApiClient.Response corrected = api.post(PROGRAMMES, body, Map.of("Idempotency-Key", key));

        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
    }
}
