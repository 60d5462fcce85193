package org.spmonitor.local.chaos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.local.LocalService;
import org.spmonitor.local.chaos.StackClient.DemoClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same input for two stacks, so that their dashboards can be compared: four programmes of one
 * country, and for each of three target groups an ACTIVE count per quarter (with a sex breakdown), a
 * NEW count per month, and a later revision of each Q4 ACTIVE count (the latest version must win).
 * Everything is sent as a careful client does: one {@code Idempotency-Key} per submission, sent again
 * while a passing refusal (5xx, 429, no connection, a programme not yet known) lasts.
 * <p>
 * {@link #dashboard(StackClient)} reads the country dashboard in a form that two stacks can share:
 * freshness (event times, lag) left out, and programme ids, which each stack assigns itself, replaced
 * by the programmes' names.
 */
final class FixedInput {

    static final String COUNTRY = "LSO";
    static final int YEAR = 2025;
    private static final int PROGRAMMES = 4;
    private static final List<TargetGroup> GROUPS = List.of(TargetGroup.CHILDREN, TargetGroup.OLDER_PERSONS,
            TargetGroup.UNEMPLOYED);
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** Fields that say when, not what: they differ between any two stacks. */
    private static final Set<String> FRESHNESS = Set.of("freshness", "newestEventTime", "projectedAt",
            "projectionLagMillis", "generatedAt", "asOf");

    private final Map<String, String> names = new LinkedHashMap<>();

    /** Registers the programmes and submits every count; returns how many counts were accepted. */
    int submit(StackClient client) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int p = 1; p <= PROGRAMMES; p++) {
            String name = COUNTRY + " fixed input programme " + p;
            String id = client.registerProgramme(COUNTRY, name, YEAR, YEAR);
            names.put(id, name);
            ids.add(id);
        }
        List<String> bodies = new ArrayList<>();
        for (int p = 0; p < ids.size(); p++) {
            for (int g = 0; g < GROUPS.size(); g++) {
                for (int quarter = 1; quarter <= 4; quarter++) {
                    bodies.add(active(ids.get(p), YEAR + "Q" + quarter, GROUPS.get(g), 1_000L * (p + 1)
                            + 100L * quarter + 10L * g + 7));
                }
                for (int month = 1; month <= 12; month++) {
                    bodies.add(CountKeys.body(ids.get(p), "%d-%02d".formatted(YEAR, month), GROUPS.get(g),
                            p + month + g + 1L));
                }
            }
        }
        int accepted = 0;
        for (String body : bodies) {
            send(client, body);
            accepted++;
        }
        // revisions: each Q4 ACTIVE count again with another total; the new version must be shown
        for (int p = 0; p < ids.size(); p++) {
            for (int g = 0; g < GROUPS.size(); g++) {
                send(client, active(ids.get(p), YEAR + "Q4", GROUPS.get(g), 5_000L * (p + 1) + 3L * g + 1));
                accepted++;
            }
        }
        return accepted;
    }

    /** The figures the dashboard must show once all is projected: active (the Q4 revisions) and new. */
    long expectedActive() {
        long sum = 0;
        for (int p = 0; p < PROGRAMMES; p++) {
            for (int g = 0; g < GROUPS.size(); g++) {
                sum += 5_000L * (p + 1) + 3L * g + 1;
            }
        }
        return sum;
    }

    long expectedNew() {
        long sum = 0;
        for (int p = 0; p < PROGRAMMES; p++) {
            for (int g = 0; g < GROUPS.size(); g++) {
                for (int month = 1; month <= 12; month++) {
                    sum += p + month + g + 1L;
                }
            }
        }
        return sum;
    }

    /** The country dashboard once it shows the expected totals, comparable across stacks; empty if it never does. */
    Optional<JsonNode> settledDashboard(StackClient client) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> dashboard = client.countryDashboard(COUNTRY, YEAR);
            if (dashboard.isPresent() && dashboard.get().path("activeBeneficiaries").asLong() == expectedActive()
                    && dashboard.get().path("newBeneficiaries").asLong() == expectedNew()) {
                return Optional.of(comparable(dashboard.get()));
            }
            Thread.sleep(250); // polling until the projection has caught up
        }
        return Optional.empty();
    }

    /**
     * {@code dashboard} without freshness, programme ids replaced by names, and lists of programmes in
     * the order of those names (a stack lists them in the order of their ids, which it chose itself).
     */
    JsonNode comparable(JsonNode dashboard) {
        JsonNode copy = dashboard.deepCopy();
        normalise(copy);
        return copy;
    }

    private void normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : new ArrayList<>(object.propertyNames())) {
                JsonNode value = object.get(field);
                if (FRESHNESS.contains(field)) {
                    object.remove(field);
                }
                else if (value.isString() && names.containsKey(value.asString())) {
                    object.put(field, names.get(value.asString()));
                }
                else {
                    normalise(value);
                }
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString() && names.containsKey(value.asString())) {
                    array.set(i, array.stringNode(names.get(value.asString())));
                }
                else {
                    normalise(value);
                }
            }
            List<JsonNode> elements = new ArrayList<>();
            array.forEach(elements::add);
            if (!elements.isEmpty() && elements.stream().allMatch(e -> e.has("programmeId"))) {
                elements.sort(java.util.Comparator.comparing((JsonNode e) -> e.path("programmeId").asString())
                        .thenComparing(JsonNode::toString));
                array.removeAll();
                elements.forEach(array::add);
            }
        }
    }

    /** Where two comparable dashboards first differ: {@code programmes[2].activeBeneficiaries: 15012 / 30012}; empty if equal. */
    static Optional<String> firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        if (a.isObject() && b.isObject()) {
            Set<String> fields = new java.util.TreeSet<>(a.propertyNames());
            fields.addAll(b.propertyNames());
            for (String field : fields) {
                Optional<String> found = firstDifference(a.path(field), b.path(field), path + "." + field);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                Optional<String> found = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.of(path + ": " + a + " / " + b);
    }

    private static String active(String programmeId, String period, TargetGroup group, long total) {
        return """
                {"programmeId":"%s","period":"%s","targetGroup":"%s","measure":"ACTIVE","total":%d,\
                "sex":{"female":%d,"male":%d}}""".formatted(programmeId, period, group.name(), total, total / 2,
                total - total / 2);
    }

    /** Sends one count until it is accepted (same key every time); fails on an answer that is no passing refusal. */
    private static void send(StackClient client, String body) throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String last;
            try {
                HttpResponse<String> response = client.post(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts",
                        DemoClient.ADMIN, body, key);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                boolean passing = status >= 500 || status == 429
                        || status == 400 && response.body().contains("unknown programme");
                if (!passing) {
                    throw new IOException("a fixed-input count answered " + status + ": " + response.body());
                }
                last = status + " " + response.body();
            }
            catch (java.net.ConnectException | java.net.http.HttpTimeoutException ex) {
                last = ex.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("a fixed-input count was never accepted: " + last);
            }
            Thread.sleep(200); // the same key again, a moment later
        }
    }
}
