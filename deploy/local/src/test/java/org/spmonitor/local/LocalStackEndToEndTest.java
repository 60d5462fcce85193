package org.spmonitor.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.platform.tracing.TraceHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack as a newcomer uses it: a real Kafka broker, the Mongo-wire server on an H2 file, the
 * token issuer and the four services in this JVM, driven through their public REST APIs with tokens of
 * the demo clients (a country team reporting for KHM, a donor reading). One stack for the class (on
 * free ports and a temporary data directory); the restart test stops it and starts it again on the
 * same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private static final String REPORTER = "demo-reporter:demo-reporter-secret";
    private static final String VIEWER = "demo-viewer:demo-viewer-secret";
    private static final String VALIDATOR = "demo-validator:demo-validator-secret";

    private static final String FAMILY_PACKAGE = """
            {"country":"KHM","name":"Family Package","startDate":"2024-01-01","endDate":"2027-12-31",
             "status":"ACTIVE","targetGroups":["CHILDREN"],
             "annualTargets":[{"year":2025,"targetPopulation":1000000,"targetBeneficiaries":400000}]}""";

    private static final String ACTIVE_CHILDREN_2025Q2 = """
            {"programmeId":"%s","period":"2025Q2","targetGroup":"CHILDREN","measure":"ACTIVE","total":250000,
             "sex":{"female":130000,"male":120000}}""";

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static String familyPackageId;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder().dataDir(data).anyFreePorts().start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void countSubmittedForARegisteredProgrammeShowsOnTheCountryDashboard() throws Exception {
        String programmeId = familyPackageWithActiveChildrenReported();

        assertThat(programmeId).startsWith("prg-");
        assertThat(Files.exists(data.resolve("kafka").resolve("meta.properties"))).isTrue();
        assertThat(Files.exists(data.resolve("mongo").resolve(MongoWireServer.STORE_FILE))).isTrue();
        for (LocalService service : LocalService.values()) {
            HttpResponse<String> health = get(stack.url(service).resolve("/actuator/health"), null);
            assertThat(health.statusCode()).as(service + " health: " + health.body()).isEqualTo(200);
            assertThat(json.readTree(health.body()).path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void programmeAndDashboardSurviveARestartOnTheSameDataDirectory() throws Exception {
        String programmeId = familyPackageWithActiveChildrenReported();
        LocalStackSettings before = stack.settings();
        String clusterId = stack.kafkaClusterId();

        stack.close();
        stack = LocalStack.builder().dataDir(data).portsOf(before).start();

        assertThat(stack.kafkaClusterId()).as("the Kafka storage is reused, not formatted again").isEqualTo(clusterId);
        HttpResponse<String> programme = get(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes/"
                + programmeId), token(REPORTER));
        assertThat(programme.statusCode()).as(programme.body()).isEqualTo(200);
        assertThat(json.readTree(programme.body()).path("name").asString()).isEqualTo("Family Package");
        JsonNode dashboard = khmDashboard2025();
        assertThat(dashboard.path("activeBeneficiaries").asLong()).isEqualTo(250_000);
        assertThat(dashboard.path("coverageRate").decimalValue()).isEqualByComparingTo("0.2500");

        // and the restarted stack still carries new submissions through Kafka to the dashboard
        HttpResponse<String> newEnrolments = post(stack.url(LocalService.BENEFICIARY).resolve(
                "/api/v1/beneficiary-counts"), token(REPORTER), """
                {"programmeId":"%s","period":"2025Q3","targetGroup":"CHILDREN","measure":"NEW","total":5000}"""
                .formatted(programmeId));
        assertThat(newEnrolments.statusCode()).as(newEnrolments.body()).isEqualTo(201);
        await("the NEW count on the dashboard").atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode updated = khmDashboard2025();
                    assertThat(updated.path("newBeneficiaries").asLong()).isEqualTo(5_000);
                    assertThat(updated.path("activeBeneficiaries").asLong()).isEqualTo(250_000);
                });
    }

    /**
     * A person signs in to the web app in Chromium at the stack's own issuer (Spring Authorization Server),
     * driven by {@code sign-in.js} of reporting-service's browser tests: the login page (labelled, focused),
     * a wrong password refused, the right one bringing the tab back signed in to the view it was opened on
     * with the country team's roles and countries, an expired token renewed without a password, and
     * sign-out ending the issuer's session too. Needs node, Chromium and reporting-service's
     * {@code npm ci} (the build runs it): skipped without them, except on CI ({@code CI=true}) where it fails.
     */
    @Test
    @Order(4)
    void aCountryTeamSignsInToTheWebAppWithItsUserNameAndPasswordAndSignsOut() throws Exception {
        Path project = Path.of("..", "..", "services", "reporting-service", "src", "test", "node").toAbsolutePath()
                .normalize();
        requireBrowser(project);
        familyPackageWithActiveChildrenReported(); // the KHM view has figures to show
        String issuer = stack.tokenEndpoint().resolve("/").toString().replaceAll("/$", "");
        String web = stack.url(LocalService.REPORTING).toString();

        Process browser = new ProcessBuilder("node", "sign-in.js", web, issuer, "country-team",
                "country-team-password", "2025").directory(project.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode run;
        try {
            String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(browser.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).as("sign-in.js failed (its stderr is above)").isZero();
            run = json.readTree(output.lines().filter(line -> line.startsWith("{\"step\":\"signin\""))
                    .reduce((first, second) -> second).orElseThrow());
        }
        finally {
            browser.destroyForcibly();
        }

        JsonNode login = run.get("login");
        assertThat(login.get("url").asString()).startsWith(issuer + "/login");
        assertThat(login.get("lang").asString()).isEqualTo("en");
        assertThat(login.get("focused").asString()).as("focus on the user name").isEqualTo("username");
        assertThat(login.get("unlabelledControls").asInt()).isZero();
        JsonNode refused = run.get("refused");
        assertThat(refused.get("alert").asString()).contains("not accepted");
        assertThat(refused.get("invalid").asString()).isEqualTo("true");
        assertThat(refused.get("focused").asString()).isEqualTo("username");

        JsonNode signedIn = run.get("signedIn");
        assertThat(signedIn.get("url").asString()).as("back on the view it was opened on")
                .isEqualTo(run.get("view").asString());
        assertThat(signedIn.get("view").asString()).isEqualTo("country");
        assertThat(signedIn.get("token").asBoolean()).isTrue();
        assertThat(signedIn.get("idToken").asBoolean()).isTrue();
        assertThat(signedIn.get("localStorageItems").asInt()).isZero();
        assertThat(signedIn.get("issuer").asString()).isEqualTo(issuer);
        assertThat(signedIn.get("subject").asString()).isEqualTo("country-team");
        assertThat(signedIn.get("roles").valueStream().map(JsonNode::asString)).containsExactly("reporter");
        assertThat(signedIn.get("countries").valueStream().map(JsonNode::asString)).containsExactly("KHM", "SEN");
        assertThat(signedIn.get("signedInAs").asString()).isEqualTo("Signed in as country-team (reporter)");

        JsonNode renewed = run.get("renewed");
        assertThat(renewed.get("newToken").asBoolean()).as("the expired token, renewed").isTrue();
        assertThat(renewed.get("throughIssuer").asBoolean()).isTrue();
        assertThat(renewed.get("loginPageShown").asBoolean()).as("no password while the issuer's session lasts")
                .isFalse();
        assertThat(renewed.get("url").asString()).isEqualTo(run.get("renewView").asString());
        assertThat(renewed.get("expiresIn").asLong()).isPositive();

        JsonNode signedOut = run.get("signedOut");
        assertThat(signedOut.get("token").asBoolean()).isFalse();
        assertThat(signedOut.get("idToken").asBoolean()).isFalse();
        assertThat(signedOut.get("heading").asString()).isEqualTo("Signed out");
        assertThat(signedOut.get("account").asString()).isEqualTo("Sign in");
        assertThat(signedOut.get("url").asString()).isEqualTo(run.get("renewView").asString());
        assertThat(run.get("askedAgain").get("url").asString()).as("the issuer's session ended with the sign-out")
                .startsWith(issuer + "/login");
        assertThat(run.get("errors").size()).as("browser errors: %s", run.get("errors")).isZero();
    }

    /** node, Chromium and playwright-core, or the rule of the browser tests: fail on CI, skip loudly elsewhere. */
    private static void requireBrowser(Path project) {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        boolean node = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, "node")));
        String missing = !node ? "node (apt-get install -y nodejs npm)"
                : !Files.isExecutable(chromium) ? chromium + " (apt-get install -y chromium)"
                : !Files.isDirectory(project.resolve("node_modules/playwright-core"))
                        ? project.resolve("node_modules/playwright-core") + " (the build runs npm ci there)" : null;
        if (missing == null) {
            return;
        }
        String message = "Web sign-in browser test cannot run: missing " + missing;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        org.junit.jupiter.api.Assumptions.abort(message);
    }

    /**
     * Registers the KHM Family Package, reports 250,000 active children for 2025Q2 and waits until the
     * dashboard shows them: once per class, as both tests need it.
     */
    private String familyPackageWithActiveChildrenReported() throws Exception {
        if (familyPackageId != null) {
            return familyPackageId;
        }
        String reporter = token(REPORTER);
        HttpResponse<String> registered = post(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes"),
                reporter, FAMILY_PACKAGE);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String programmeId = json.readTree(registered.body()).path("id").asString();
        assertThat(programmeId).isNotBlank();

        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        HttpResponse<String> submitted = await("beneficiary-service to learn the programme from Kafka")
                .atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .until(() -> post(counts, reporter, ACTIVE_CHILDREN_2025Q2.formatted(programmeId)),
                        response -> !(response.statusCode() == 400 && response.body().contains("unknown programme")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

        await("the count on the KHM dashboard").atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode dashboard = khmDashboard2025();
                    assertThat(dashboard.path("activeBeneficiaries").asLong()).isEqualTo(250_000);
                    assertThat(dashboard.path("coverageRate").decimalValue()).isEqualByComparingTo("0.2500");
                    assertThat(dashboard.path("freshness").path("newestEventTime").asString()).isNotBlank();
                });
        familyPackageId = programmeId;
        return programmeId;
    }

    private JsonNode khmDashboard2025() throws IOException, InterruptedException {
        HttpResponse<String> response = get(stack.url(LocalService.REPORTING).resolve(
                "/api/v1/dashboards/countries/KHM?year=2025"), token(VIEWER));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** A token from the stack's issuer, the way the README tells a newcomer to get one. */
    private String token(String clientAndSecret) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.tokenEndpoint())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        clientAndSecret.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The trace context end to end: a consumer of the event topics sees a valid W3C {@code traceparent}
     * on every event (this stack's broker holds only this class's); the trace id a REST client sends is
     * the one on the events its request caused, through the outbox; the projection continues it onto
     * the DashboardUpdated it publishes; an integrator's Kafka submission keeps its trace on the event
     * it becomes (accepted or refused), and one without a trace gets one of its own. In SEN, whose
     * dashboards the other tests leave alone.
     */
    @Test
    @Order(3)
    void everyEventCarriesATraceparentAndTheTraceOfItsCauseReachesTheDashboardUpdate() throws Exception {
        String reporter = token(REPORTER);
        String registration = traceparent();
        HttpResponse<String> registered = postTraced(LocalService.PROGRAMME, "/api/v1/programmes", reporter,
                registration, """
                {"country":"SEN","name":"Traced Package","startDate":"2024-01-01","endDate":"2027-12-31",
                 "status":"ACTIVE","targetGroups":["CHILDREN"],
                 "annualTargets":[{"year":2025,"targetPopulation":1000000,"targetBeneficiaries":400000}]}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String programmeId = json.readTree(registered.body()).path("id").asString();

        String count = traceparent();
        HttpResponse<String> counted = await("beneficiary-service to learn the programme").atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> postTraced(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts", reporter, count, """
                        {"programmeId":"%s","period":"2025Q2","targetGroup":"CHILDREN","measure":"ACTIVE",
                         "total":250000}""".formatted(programmeId)),
                        response -> !(response.statusCode() == 400 && response.body().contains("unknown programme")));
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(201);
        String countId = json.readTree(counted.body()).path("countId").asString();
        awaitDashboard(2025, "activeBeneficiaries", 250_000);

        // an integrator's submissions on Kafka: one with its own trace, one without, one refused with its trace
        String submitted = traceparent();
        String refused = traceparent();
        String refusedId = "refused-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(submission(reporter, submitted, "with-trace-" + UUID.randomUUID(), """
                    {"programmeId":"%s","period":"2025Q3","targetGroup":"CHILDREN","measure":"NEW","total":5000}"""
                    .formatted(programmeId))).get();
            producer.send(submission(reporter, null, "without-trace-" + UUID.randomUUID(), """
                    {"programmeId":"%s","period":"2026Q1","targetGroup":"CHILDREN","measure":"NEW","total":700}"""
                    .formatted(programmeId))).get();
            producer.send(submission(reporter, refused, refusedId, """
                    {"programmeId":"%s","period":"2025Q5","targetGroup":"CHILDREN","measure":"NEW","total":1}"""
                    .formatted(programmeId))).get();
        }
        awaitDashboard(2025, "newBeneficiaries", 5_000);
        awaitDashboard(2026, "newBeneficiaries", 700);

        List<ConsumerRecord<String, byte[]>> records = await("the events of the test on their topics")
                .atMost(PROPAGATION).pollInterval(Duration.ofMillis(500))
                .until(this::everyEventTopic, all -> rejectionOf(all, refusedId) != null
                        && dashboardUpdate(all, 2026, "newBeneficiaries", 700) != null);

        assertThat(records).isNotEmpty().allSatisfy(record -> assertThat(TraceHeaders.isValid(
                header(record, CloudEventHeaders.TRACEPARENT))).as("traceparent of %s %s@%d: %s", record.topic(),
                        header(record, CloudEventHeaders.TYPE), record.offset(),
                        header(record, CloudEventHeaders.TRACEPARENT)).isTrue());
        assertThat(traceIdOf(event(records, EventType.PROGRAMME_REGISTERED, programmeId)))
                .as("ProgrammeRegistered continues the trace of the POST")
                .isEqualTo(TraceHeaders.traceIdOf(registration));
        assertThat(traceIdOf(event(records, EventType.BENEFICIARY_COUNT_REPORTED, countId)))
                .as("BeneficiaryCountReported continues the trace of the POST")
                .isEqualTo(TraceHeaders.traceIdOf(count));
        assertThat(traceIdOf(dashboardUpdate(records, 2025, "activeBeneficiaries", 250_000)))
                .as("the projection continues it onto DashboardUpdated").isEqualTo(TraceHeaders.traceIdOf(count));
        assertThat(traceIdOf(dashboardUpdate(records, 2025, "newBeneficiaries", 5_000)))
                .as("an inbound submission's trace reaches the dashboard update")
                .isEqualTo(TraceHeaders.traceIdOf(submitted));
        assertThat(traceIdOf(rejectionOf(records, refusedId)))
                .as("a refused submission's rejection continues its trace").isEqualTo(TraceHeaders.traceIdOf(refused));
        String untraced = traceIdOf(dashboardUpdate(records, 2026, "newBeneficiaries", 700));
        assertThat(untraced).as("a submission without a trace starts one")
                .isNotIn(TraceHeaders.traceIdOf(registration), TraceHeaders.traceIdOf(count),
                        TraceHeaders.traceIdOf(submitted), TraceHeaders.traceIdOf(refused));
        assertThat(records.stream().filter(r -> Topics.BENEFICIARY_COUNT_EVENTS.equals(r.topic()))
                .map(LocalStackEndToEndTest::traceIdOf)).as("the count event of the untraced submission")
                .contains(untraced);
    }

    /**
     * Issue 13, item 2: the country team workspace, a page of reporting-service, in headless Chromium
     * (src/test/node/workspace.js of reporting-service) against this stack: the page calls the write
     * services across origins (CORS) with a reporter's token (KHM and SEN). Upload a CSV, see its dry
     * run with the rejected row and why, confirm, see the result and the count in the team's list with
     * its history; submit and correct a count through the form; a client-side error, an API field
     * error at its field and the 403 of another country's programme; the same import and form for
     * financing report lines; axe-core finds no serious or critical violation; French. Issue 14: a KHM
     * validator (demo-validator) reviews in the same page: returns the form's count with a comment (the
     * reporter's list then shows it RETURNED with the comment), meets a 409 on a count the reporter corrected
     * meanwhile and validates its new version, validates the financing import by its id and every count and
     * indicator result of KHM waiting for 2025Q2 at once.
     */
    @Test
    @Order(4)
    void aCountryOfficerImportsAndCorrectsCountsInTheWorkspaceInABrowser() throws Exception {
        Path node = Path.of("../../services/reporting-service/src/test/node").toAbsolutePath().normalize();
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        requireBrowser(!onPath("node") ? "node (apt-get install -y nodejs npm)"
                : !Files.isExecutable(chromium) ? chromium + " (apt-get install -y chromium)"
                : !Files.isDirectory(node.resolve("node_modules/axe-core")) ? "node_modules (npm ci in " + node + ")"
                : null);
        String programmeId = familyPackageWithActiveChildrenReported();
        String reporter = token(REPORTER);
        HttpResponse<String> zambia = post(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes"),
                token("demo-admin:demo-admin-secret"), FAMILY_PACKAGE.replace("\"KHM\"", "\"ZMB\""));
        assertThat(zambia.statusCode()).as(zambia.body()).isEqualTo(201);
        String zambiaId = json.readTree(zambia.body()).path("id").asString();
        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        HttpResponse<String> refused = await("beneficiary-service to learn the ZMB programme").atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> post(counts, reporter, ACTIVE_CHILDREN_2025Q2.formatted(zambiaId)),
                        response -> !(response.statusCode() == 400 && response.body().contains("unknown programme")));
        assertThat(refused.statusCode()).as("a KHM and SEN reporter writing for ZMB: " + refused.body()).isEqualTo(403);

        // an indicator result waiting for review, reported twice (the review section shows what changed)
        URI programme = stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes/" + programmeId);
        HttpResponse<String> indicator = post(URI.create(programme + "/indicators"), reporter, """
                {"code":"SDG-1.3.1","name":"Population covered by a social protection benefit","unit":"%"}""");
        assertThat(indicator.statusCode()).as(indicator.body()).isEqualTo(201);
        for (String value : List.of("30.0", "31.6")) {
            HttpResponse<String> result = post(URI.create(programme + "/indicator-results"), reporter, """
                    {"indicatorCode":"SDG-1.3.1","period":"2025Q2","actualValue":"%s"}""".formatted(value));
            assertThat(result.statusCode()).as(result.body()).isIn(200, 201);
        }

        ProcessBuilder command = new ProcessBuilder("node", "workspace.js", stack.url(LocalService.REPORTING).toString()
                .replaceAll("/$", ""), programmeId, zambiaId, "2026Q1", "2026Q2").directory(node.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        command.environment().put("SPMONITOR_TOKEN", reporter); // not on the command line
        command.environment().put("SPMONITOR_ADMIN_TOKEN", token("demo-admin:demo-admin-secret"));
        command.environment().put("SPMONITOR_VALIDATOR_TOKEN", token(VALIDATOR));
        Process browser = command.start();
        Map<String, JsonNode> steps = new java.util.LinkedHashMap<>();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(browser.getInputStream(),
                StandardCharsets.UTF_8))) {
            out.lines().filter(line -> line.startsWith("{")).map(json::readTree)
                    .forEach(step -> steps.put(step.path("step").asString(), step));
        }
        assertThat(browser.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(browser.exitValue()).as("the browser script, steps seen: " + steps.keySet()).isZero();

        JsonNode opened = steps.get("opened");
        assertThat(opened.get("countries").valueStream().map(JsonNode::asString))
                .as("only the countries of the token's claim").containsExactly("KHM", "SEN");
        assertThat(opened.get("owed").asInt()).as("KHM's periods past due with data missing: %s",
                opened.get("owedCaption")).isPositive();
        assertThat(opened.get("owedCaption").asString()).contains("What KHM still owes");
        JsonNode admin = steps.get("admin");
        assertThat(admin.get("countries").asInt()).as("an administrator naming no country: every country offered")
                .isGreaterThan(240);
        assertThat(admin.get("khm").asString()).as("named in the page's language").isEqualTo("KHM: Cambodia");
        assertThat(admin.get("zmb").asBoolean()).isTrue();
        assertThat(admin.get("enabled").asBoolean()).isTrue();
        assertThat(admin.get("scope").asString()).contains("administrator");

        JsonNode imported = steps.get("import");
        JsonNode dryRun = imported.get("dryRun");
        assertThat(dryRun.get("title").asString()).startsWith("Dry run");
        assertThat(dryRun.get("created").asString()).isEqualTo("1");
        assertThat(dryRun.get("rejected").asString()).isEqualTo("1");
        assertThat(dryRun.get("rejections").valueStream().map(row -> row.get(0).asString() + " | "
                + row.get(1).asString() + " | " + row.get(2).asString()))
                .contains("line 3 | sex | parts sum to 110 but total is 100");
        assertThat(dryRun.get("confirmVisible").asBoolean()).isTrue();
        JsonNode result = imported.get("result");
        assertThat(result.get("title").asString()).isEqualTo("Import done");
        assertThat(result.get("created").asString()).isEqualTo("1");
        assertThat(result.get("rejected").asString()).isEqualTo("1");
        assertThat(imported.get("confirmations").size()).as("a double click imports once").isEqualTo(1);
        assertThat(imported.get("confirmations").get(0).asString()).as("with an Idempotency-Key").isNotBlank();
        HttpResponse<String> list = get(stack.url(LocalService.BENEFICIARY).resolve(
                "/api/v1/beneficiary-counts?programmeId=" + programmeId + "&period=2026Q1"), reporter);
        assertThat(json.readTree(list.body()).path("totalItems").asLong()).as("the good row, stored").isEqualTo(1);

        JsonNode listed = steps.get("list");
        assertThat(listed.get("row").valueStream().map(JsonNode::asString)).contains(programmeId, "2026Q1",
                "Children", "New beneficiaries", "1,000", "submitted");
        assertThat(listed.get("history").size()).isEqualTo(1);
        assertThat(listed.get("history").get(0).get(0).asString()).isEqualTo("1");

        JsonNode form = steps.get("form");
        assertThat(form.get("submitted").get("result").asString()).contains("version 1: created");
        assertThat(form.get("corrected").get("result").asString()).contains("version 2: new version");
        assertThat(form.get("clientError").get("sex").asString()).contains("add up to 500");
        assertThat(form.get("clientError").get("posts").asInt()).as("nothing sent while invalid").isZero();
        assertThat(form.get("serverError").get("programmeId").asString()).contains("unknown programme");
        assertThat(form.get("serverError").get("invalid").asString()).isEqualTo("true");
        assertThat(form.get("serverError").get("focused").asString()).isEqualTo("count-programmeId");
        assertThat(form.get("refused").get("error").asString()).startsWith("Refused").contains("KHM, SEN", "ZMB");
        HttpResponse<String> corrected = get(stack.url(LocalService.BENEFICIARY).resolve(
                "/api/v1/beneficiary-counts?programmeId=" + programmeId + "&period=2026Q2"), reporter);
        JsonNode count = json.readTree(corrected.body()).path("items").get(0);
        assertThat(count.path("total").asLong()).isEqualTo(600);
        // the correction is version 2 (the validator's return, below, is version 3 and keeps its figures)
        assertThat(count.path("reviewedVersion").asLong()).isEqualTo(2);

        JsonNode financing = steps.get("financing");
        assertThat(financing.get("dryRun").get("created").asString()).isEqualTo("1");
        assertThat(financing.get("dryRun").get("rejected").asString()).isEqualTo("1");
        assertThat(financing.get("dryRun").get("rejections").get(0).get(0).asString()).isEqualTo("line 3");
        assertThat(financing.get("dryRun").get("rejections").get(0).get(1).asString()).isEqualTo("period");
        assertThat(financing.get("result").get("created").asString()).isEqualTo("1");
        assertThat(financing.get("amountError").asString()).contains("at most 4 decimals");
        assertThat(financing.get("form").asString()).as(financing.get("formError").asString())
                .contains("version 1: created");

        assertThat(steps.get("axe").get("violations").size()).as("axe-core: %s", steps.get("axe").get("violations"))
                .isZero();
        JsonNode french = steps.get("french");
        assertThat(french.get("lang").asString()).isEqualTo("fr");
        assertThat(french.get("title").asString()).isEqualTo("Espace de travail de l'équipe pays");
        assertThat(french.get("check").asString()).isEqualTo("Vérifier le fichier (essai à blanc)");
        assertThat(french.get("listCaption").asString()).isEqualTo("Effectifs de bénéficiaires de KHM");
        assertThat(french.get("axe").size()).as("axe-core in French: %s", french.get("axe")).isZero();
        assertThat(french.get("apiWithoutBearer").asInt()).isZero();
        assertThat(french.get("errors").size()).as("browser errors: %s", french.get("errors")).isZero();
        assertValidatorReviewedInTheWorkspace(steps.get("review"), programmeId, reporter);
        JsonNode draft = steps.get("draft");
        assertThat(List.of(draft.get("period").asString(), draft.get("total").asString(), draft.get("currency").asString()))
                .as("unsent form text after the page was loaded again").containsExactly("2024Q3", "4321", "XOF");
    }

    /** The "review" step of workspace.js: what the validator saw and did, and what the services then hold. */
    private void assertValidatorReviewedInTheWorkspace(JsonNode review, String programmeId, String reporter)
            throws IOException, InterruptedException {
        assertThat(review).as("the review step ran").isNotNull();
        assertThat(review.get("errors").size()).as("browser errors: %s", review.get("errors")).isZero();
        assertThat(review.get("reporterSeesReview").asBoolean()).as("a reporter has no review section").isFalse();
        JsonNode opened = review.get("opened");
        assertThat(opened.get("visible").asBoolean()).isTrue();
        assertThat(opened.get("scope").asString()).isEqualTo("You validate for KHM, SEN.");
        assertThat(opened.get("caption").asString()).startsWith("Beneficiary counts of KHM waiting for review");
        assertThat(opened.get("formCount").valueStream().map(JsonNode::asString)).as("the corrected count: %s",
                opened.get("formCount")).contains("2026Q2", "2", "Total people 500 → 600; Men and boys 200 → 300")
                .anyMatch(cell -> cell.contains("Total people 600, Women and girls 300, Men and boys 300"));

        assertThat(opened.get("indicator").valueStream().map(JsonNode::asString)).as("the indicator result: %s",
                opened.get("indicator")).contains("2025Q2", "SDG-1.3.1: Population covered by a social protection benefit",
                "Value 31.6 %", "Value 30.0 → 31.6");

        assertThat(review.get("returnFocus").asString()).isEqualTo("review-comment");
        assertThat(review.get("clientError").get("comment").asString()).contains("is required");
        assertThat(review.get("clientError").get("posts").asInt()).as("nothing sent without a comment").isZero();
        assertThat(review.get("clientError").get("focused").asString()).isEqualTo("review-comment");
        assertThat(review.get("serverError").get("comment").asString()).contains("at most 2000 characters");
        assertThat(review.get("serverError").get("invalid").asString()).isEqualTo("true");
        assertThat(review.get("returned").get("text").asString()).startsWith("Returned to the reporters");
        assertThat(review.get("returned").get("focused").asString()).isEqualTo("review-result");
        assertThat(review.get("stillListed").asInt()).as("a returned count waits for the reporters, not here").isZero();
        assertThat(review.get("reporterRow").valueStream().map(JsonNode::asString))
                .contains("returned: the total counts households, not persons");

        assertThat(review.get("correction").get("result").asString()).contains("version 2: new version");
        assertThat(review.get("stale").get("text").asString()).contains("changed since it was listed");
        assertThat(review.get("refreshed").valueStream().map(JsonNode::asString)).as("the list, refreshed")
                .contains("2", "Total people 1,000 → 1,100; Men and boys 400 → 500");
        JsonNode versions = review.get("versions").get("rows");
        assertThat(versions.size()).as("the imported version and the correction: %s", versions).isEqualTo(2);
        assertThat(versions.get(0).get(5).asString()).isEqualTo("first version");
        assertThat(versions.get(1).get(2).asString()).isEqualTo("demo-reporter");
        assertThat(versions.get(1).get(5).asString()).isEqualTo("Total people 1,000 → 1,100; Men and boys 400 → 500");
        assertThat(review.get("versions").get("focused").asString()).isEqualTo("review-versions");
        assertThat(review.get("validated").get("text").asString()).startsWith("Validated:").contains("version 2");

        JsonNode byImport = review.get("byImport");
        assertThat(byImport.get("title").asString()).startsWith("Validation of import ");
        assertThat(byImport.get("reviewed").asString()).isEqualTo("1");
        assertThat(byImport.get("conflicts").asString()).isEqualTo("0");
        assertThat(byImport.get("items").get(0).get(0).asString()).isEqualTo("Financing reports");
        assertThat(byImport.get("items").get(0).get(2).asString()).isEqualTo("validated (version 2)");

        JsonNode byPeriod = review.get("byPeriod");
        assertThat(byPeriod.get("waiting").asInt()).as("KHM's counts waiting for 2025Q2").isPositive();
        assertThat(byPeriod.get("title").asString()).isEqualTo("Validation of KHM 2025Q2");
        assertThat(byPeriod.get("waitingIndicators").asInt()).as("the programme's result for 2025Q2").isEqualTo(1);
        int covered = byPeriod.get("waiting").asInt() + byPeriod.get("waitingIndicators").asInt();
        assertThat(byPeriod.get("reviewed").asString()).isEqualTo(String.valueOf(covered));
        assertThat(byPeriod.get("conflicts").asString()).isEqualTo("0");
        assertThat(byPeriod.get("items").valueStream().map(row -> row.get(2).asString()))
                .hasSize(covered).allMatch(outcome -> outcome.startsWith("validated (version "));
        assertThat(byPeriod.get("items").valueStream().map(row -> row.get(0).asString() + " | " + row.get(1).asString()))
                .contains("Indicator results | " + programmeId + " SDG-1.3.1 2025Q2");
        assertThat(byPeriod.get("after").asString()).isEqualTo("No beneficiary count of KHM 2025Q2 waits for review.");
        assertThat(byPeriod.get("focused").asString()).isEqualTo("review-bulk");
        assertThat(byPeriod.get("announced").asString()).contains("validated", "0 changed meanwhile");
        assertThat(review.get("violations").size()).as("axe-core on the review section: %s", review.get("violations"))
                .isZero();
        assertThat(review.get("afterEscape").get("hidden").asBoolean()).isTrue();
        assertThat(review.get("afterEscape").get("focused").asString()).as("focus back on the Return button")
                .isEqualTo("return");

        // what the services hold now
        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts?programmeId=" + programmeId);
        JsonNode returned = json.readTree(get(URI.create(counts + "&period=2026Q2"), reporter).body()).path("items").get(0);
        assertThat(returned.path("review").asString()).isEqualTo("RETURNED");
        assertThat(returned.path("reviewComment").asString()).isEqualTo("the total counts households, not persons");
        assertThat(returned.path("reviewedBy").asString()).isEqualTo("demo-validator");
        JsonNode corrected = json.readTree(get(URI.create(counts + "&period=2026Q1"), reporter).body()).path("items").get(0);
        assertThat(corrected.path("review").asString()).isEqualTo("VALIDATED");
        assertThat(corrected.path("total").asLong()).isEqualTo(1_100);
        assertThat(corrected.path("reviewedVersion").asLong()).as("the correction's figures were validated").isEqualTo(2);
        HttpResponse<String> waiting = get(stack.url(LocalService.BENEFICIARY).resolve(
                "/api/v1/beneficiary-counts?country=KHM&period=2025Q2&review=SUBMITTED"), reporter);
        assertThat(json.readTree(waiting.body()).path("totalItems").asLong()).as(waiting.body()).isZero();
        HttpResponse<String> result = get(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes/" + programmeId
                + "/indicators/SDG-1.3.1/results/2025Q2"), reporter);
        assertThat(json.readTree(result.body()).path("review").asString()).as(result.body()).isEqualTo("VALIDATED");
        assertThat(json.readTree(result.body()).path("reviewedBy").asString()).isEqualTo("demo-validator");
        HttpResponse<String> reports = get(stack.url(LocalService.FINANCING).resolve(
                "/api/v1/financing-reports?country=KHM&period=2026Q1"), reporter);
        assertThat(json.readTree(reports.body()).path("items").valueStream().map(r -> r.path("review").asString()))
                .as(reports.body()).containsOnly("VALIDATED");
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
    }

    /** Nothing when {@code missing} is null; else fails on CI ({@code CI=true}) and skips, loudly, elsewhere. */
    private static void requireBrowser(String missing) {
        if (missing == null) {
            return;
        }
        String message = "the workspace browser test cannot run: missing " + missing;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        org.junit.jupiter.api.Assumptions.abort(message);
    }

    /**
     * Issue 14's "done when", on the whole stack through its REST APIs: a KHM reporter submits a count, a
     * KHM validator returns it with a comment, the reporter corrects it, the validator validates it; the
     * validated view shows the figure only then, while the all-figures view showed each version within the
     * projection's delay; the completeness view lists the periods the programme still owes; the dashboard
     * as of an earlier instant shows the figures of then; the audit trail lists every step, who and how.
     */
    @Test
    @Order(5)
    void aCountIsReturnedCorrectedAndValidatedAndTheDashboardsTellItsWholeStory() throws Exception {
        String reporter = token(REPORTER);
        String validator = token(VALIDATOR);
        String viewer = token(VIEWER);
        HttpResponse<String> registered = post(stack.url(LocalService.PROGRAMME).resolve("/api/v1/programmes"),
                reporter, """
                {"country":"KHM","name":"Disability Allowance","startDate":"2025-01-01","endDate":"2025-12-31",
                 "status":"ACTIVE","targetGroups":["PERSONS_WITH_DISABILITIES"],"reportingFrequency":"QUARTERLY",
                 "dueLagDays":30}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String programmeId = json.readTree(registered.body()).path("id").asString();
        URI counts = stack.url(LocalService.BENEFICIARY).resolve("/api/v1/beneficiary-counts");
        String count = """
                {"programmeId":"%s","period":"2025Q1","targetGroup":"PERSONS_WITH_DISABILITIES","measure":"ACTIVE",
                 "total":%d}""";

        // the reporter submits (once beneficiary-service knows the programme; the key makes retries safe)
        HttpResponse<String> submitted = await("beneficiary-service to learn the programme").atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(200)).until(() -> postWithKey(counts, reporter,
                        count.formatted(programmeId, 1_000), "done-when-first"), r -> r.statusCode() == 201);
        String countId = json.readTree(submitted.body()).path("countId").asString();
        Instant afterFirst = Instant.now();
        URI programmeDashboard = stack.url(LocalService.REPORTING).resolve("/api/v1/dashboards/programmes/"
                + programmeId + "?year=2025");
        awaitFigure(programmeDashboard, viewer, "activeBeneficiaries", 1_000);

        // the validator returns it with a comment; the reporter corrects it
        HttpResponse<String> returned = post(counts.resolve("/api/v1/beneficiary-counts/" + countId + "/review"),
                validator, """
                {"decision":"RETURNED","version":1,"comment":"the total counts households, not persons"}""");
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        assertThat(json.readTree(returned.body()).path("state").asString()).isEqualTo("RETURNED");
        HttpResponse<String> corrected = postWithKey(counts, reporter, count.formatted(programmeId, 1_200),
                "done-when-correction");
        assertThat(corrected.statusCode()).as(corrected.body()).isIn(200, 201);
        long correctedVersion = json.readTree(corrected.body()).path("version").asLong();
        assertThat(correctedVersion).isEqualTo(3);
        awaitFigure(programmeDashboard, viewer, "activeBeneficiaries", 1_200);
        URI validatedView = stack.url(LocalService.REPORTING).resolve("/api/v1/dashboards/programmes/"
                + programmeId + "?year=2025&validation=validated");
        JsonNode notYet = json.readTree(get(validatedView, viewer).body());
        assertThat(notYet.path("activeBeneficiaries").asLong()).as("nothing validated yet").isZero();
        assertThat(notYet.path("validation").path("validatedFacts").asLong()).isZero();

        // the validator validates the correction: only now the validated view shows the figure
        HttpResponse<String> validated = post(counts.resolve("/api/v1/beneficiary-counts/" + countId + "/review"),
                validator, """
                {"decision":"VALIDATED","version":%d}""".formatted(correctedVersion));
        assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
        awaitFigure(validatedView, viewer, "activeBeneficiaries", 1_200);
        assertThat(json.readTree(get(validatedView, viewer).body()).path("validation").path("validatedShare")
                .decimalValue()).isEqualByComparingTo("1");

        // the completeness view: the programme reported 2025Q1 only, and the three later quarters are owed
        HttpResponse<String> completeness = get(stack.url(LocalService.REPORTING).resolve(
                "/api/v1/dashboards/countries/KHM/completeness?year=2025"), viewer);
        assertThat(completeness.statusCode()).as(completeness.body()).isEqualTo(200);
        List<String> owed = json.readTree(completeness.body()).path("owed").valueStream()
                .filter(o -> programmeId.equals(o.path("programmeId").asString())
                        && "BENEFICIARY_COUNTS".equals(o.path("dataset").asString()))
                .map(o -> o.path("period").asString()).toList();
        assertThat(owed).as("the periods KHM still owes for the programme's counts")
                .contains("2025Q2", "2025Q3", "2025Q4");

        // the dashboard as of an earlier instant: the first version, nothing validated then
        JsonNode then = json.readTree(get(URI.create(programmeDashboard + "&asOf=" + afterFirst), viewer).body());
        assertThat(then.path("activeBeneficiaries").asLong()).as("as of " + afterFirst).isEqualTo(1_000);
        JsonNode validatedThen = json.readTree(get(URI.create(validatedView + "&asOf=" + afterFirst), viewer).body());
        assertThat(validatedThen.path("activeBeneficiaries").asLong()).isZero();

        // the audit trail of the figure: every step, who and through which channel
        HttpResponse<String> audit = get(stack.url(LocalService.REPORTING).resolve(
                "/api/v1/dashboards/countries/KHM/audit?year=2025&programmeId=" + programmeId
                        + "&targetGroup=PERSONS_WITH_DISABILITIES&measure=ACTIVE"), viewer);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode audited = json.readTree(audit.body()).path("counts").get(0);
        assertThat(audited.path("countId").asString()).isEqualTo(countId);
        assertThat(audited.path("state").asString()).isEqualTo("VALIDATED");
        List<JsonNode> steps = audited.path("steps").valueStream().toList();
        assertThat(steps).extracting(step -> step.path("event").asString()).containsExactly(
                "BeneficiaryCountReported", "BeneficiaryCountReturned", "BeneficiaryCountReported",
                "BeneficiaryCountValidated");
        assertThat(steps).extracting(step -> step.path("by").asString()).containsExactly(
                "demo-reporter", "demo-validator", "demo-reporter", "demo-validator");
        assertThat(steps.get(0).path("channel").asString()).isEqualTo("api");
        assertThat(steps.get(1).path("comment").asString()).isEqualTo("the total counts households, not persons");
        assertThat(steps.get(2).path("before").path("total").asLong()).isEqualTo(1_000);
        assertThat(steps.get(2).path("after").path("total").asLong()).isEqualTo(1_200);
    }

    private void awaitFigure(URI dashboard, String token, String field, long expected) {
        await(field + " " + expected + " at " + dashboard).atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> response = get(dashboard, token);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(json.readTree(response.body()).path(field).asLong()).isEqualTo(expected);
                });
    }

    private HttpResponse<String> postWithKey(URI uri, String token, String body, String key)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitDashboard(int year, String field, long expected) {
        await(field + " " + expected + " on the SEN " + year + " dashboard").atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    HttpResponse<String> response = get(stack.url(LocalService.REPORTING).resolve(
                            "/api/v1/dashboards/countries/SEN?year=" + year), token(VIEWER));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(json.readTree(response.body()).path(field).asLong()).isEqualTo(expected);
                });
    }

    /** Every record of the event topics, from the beginning (this stack's broker holds only this test's). */
    private List<ConsumerRecord<String, byte[]>> everyEventTopic() {
        List<String> topics = List.of(Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS,
                Topics.BENEFICIARY_COUNT_EVENTS, Topics.SUBMISSION_REJECTIONS, Topics.DASHBOARD_UPDATES);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private ConsumerRecord<String, byte[]> event(List<ConsumerRecord<String, byte[]>> records, EventType type,
            String subject) {
        return records.stream().filter(r -> type.typeName().equals(header(r, CloudEventHeaders.TYPE))
                && subject.equals(header(r, CloudEventHeaders.SUBJECT))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " about " + subject));
    }

    /** The first DashboardUpdated of SEN {@code year} whose {@code field} is {@code value}, or null. */
    private ConsumerRecord<String, byte[]> dashboardUpdate(List<ConsumerRecord<String, byte[]>> records, int year,
            String field, long value) {
        return records.stream().filter(r -> Topics.DASHBOARD_UPDATES.equals(r.topic())).filter(r -> {
            JsonNode update = json.readTree(r.value());
            return "SEN".equals(update.path("country").asString()) && update.path("year").asInt() == year
                    && update.path(field).asLong() == value;
        }).findFirst().orElse(null);
    }

    private ConsumerRecord<String, byte[]> rejectionOf(List<ConsumerRecord<String, byte[]>> records,
            String originalId) {
        return records.stream().filter(r -> Topics.SUBMISSION_REJECTIONS.equals(r.topic()))
                .filter(r -> originalId.equals(json.readTree(r.value()).path("originalId").asString()))
                .findFirst().orElse(null);
    }

    private static ProducerRecord<String, byte[]> submission(String token, String traceparent, String id, String body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BENEFICIARY_COUNT_SUBMISSIONS, "SEN",
                body.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.APPLICATION_JSON));
        record.headers().add(CloudEventHeaders.SUBMITTED_BY, bytes("traced-mis"));
        record.headers().add("authorization", bytes("Bearer " + token));
        if (traceparent != null) {
            record.headers().add(CloudEventHeaders.TRACEPARENT, bytes(traceparent));
        }
        return record;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** A sampled W3C traceparent of a new trace, as a client's tracer sends it. */
    private static String traceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        trace[0] |= 1;
        span[0] |= 1;
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        assertThat(record).as("record").isNotNull();
        String traceparent = header(record, CloudEventHeaders.TRACEPARENT);
        assertThat(TraceHeaders.isValid(traceparent)).as("valid traceparent %s", traceparent).isTrue();
        return TraceHeaders.traceIdOf(traceparent);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> postTraced(LocalService service, String path, String token, String traceparent,
            String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stack.url(service).resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header(CloudEventHeaders.TRACEPARENT, traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
