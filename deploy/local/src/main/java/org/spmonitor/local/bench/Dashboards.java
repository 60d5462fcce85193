package org.spmonitor.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.spmonitor.local.LocalService;
import org.spmonitor.local.bench.Workload.Totals;
import org.spmonitor.local.chaos.StackClient;
import org.spmonitor.local.chaos.StackClient.DemoClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the donors read: country and world dashboards through {@code GET /api/v1/dashboards/...} as
 * {@code demo-viewer}, compared with the figures a phase expects, and whole dashboards kept to compare
 * generations.
 */
final class Dashboards {

    /** Country part of the key of the world dashboard of a year in the maps here ({@code WORLD + "/2025"}). */
    static final String WORLD = "*";

    private final StackClient client;
    private final PrintStream out;

    Dashboards(StackClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** A dashboard ({@code KHM/2025}, or {@code * /2025} for the world), or nothing unless it answers 200. */
    Optional<JsonNode> get(String key) {
        String country = key.substring(0, key.indexOf('/'));
        String year = key.substring(key.indexOf('/') + 1);
        String path = WORLD.equals(country) ? "/api/v1/dashboards/global?year=" + year
                : "/api/v1/dashboards/countries/" + country + "?year=" + year;
        try {
            HttpResponse<String> response = client.get(LocalService.REPORTING, path, DemoClient.VIEWER);
            return response.statusCode() == 200 ? Optional.of(StackClient.json(response.body())) : Optional.empty();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    Optional<Totals> totals(String key) {
        return get(key).map(d -> new Totals(d.path("activeBeneficiaries").asLong(), d.path("newBeneficiaries")
                .asLong()));
    }

    /** The world's figures of each year as the dashboards show them now (zeros for a year without data). */
    Map<Integer, Totals> world(Collection<Integer> years) {
        Map<Integer, Totals> world = new TreeMap<>();
        for (int year : years) {
            world.put(year, totals(WORLD + "/" + year).orElseThrow(() -> new IllegalStateException(
                    "the world dashboard of " + year + " does not answer")));
        }
        return world;
    }

    /**
     * Everything a phase expects: each (country, year) of {@code countries} exactly, and the world of each
     * year as it was before ({@code worldBefore}) plus what the phase adds.
     */
    static Map<String, Totals> expectation(Map<String, Totals> countries, Map<Integer, Totals> worldBefore) {
        Map<String, Totals> all = new LinkedHashMap<>(countries);
        Workload.perYear(countries).forEach((year, added) -> all.put(WORLD + "/" + year, worldBefore.getOrDefault(year,
                new Totals(0, 0)).plus(added)));
        return all;
    }

    /**
     * Polls (about every {@code poll}) the dashboards not yet right until every one shows exactly what is
     * expected, printing progress every 15 s ({@code progress} adds to the line). Returns the time when the
     * last one was right, in {@link System#nanoTime()}, or nothing when {@code max} passed first (the
     * dashboards still wrong are then printed).
     */
    Reached await(Map<String, Totals> expected, Duration max, Duration poll, Supplier<String> progress)
            throws InterruptedException {
        long start = System.nanoTime();
        long nextReport = start + TimeUnit.SECONDS.toNanos(15);
        List<String> waiting = new ArrayList<>(expected.keySet());
        Map<String, String> lastSeen = new TreeMap<>();
        while (true) {
            for (java.util.Iterator<String> it = waiting.iterator(); it.hasNext();) {
                String key = it.next();
                Optional<Totals> shown = totals(key);
                if (shown.isPresent() && shown.get().equals(expected.get(key))) {
                    it.remove();
                    lastSeen.remove(key);
                }
                else {
                    lastSeen.put(key, shown.map(Totals::toString).orElse("no answer"));
                    break; // the first one not right yet: the others will not be either; next round
                }
            }
            long now = System.nanoTime();
            if (waiting.isEmpty()) {
                // all were right once: check them all again (a figure that went past what is expected,
                // counted twice, is wrong too), and the clock stops at the first time all were right
                expected.forEach((key, totals) -> {
                    if (!totals(key).map(totals::equals).orElse(false)) {
                        waiting.add(key);
                    }
                });
                if (waiting.isEmpty()) {
                    return new Reached(now);
                }
                out.printf("  %d dashboards changed again after they were right, e.g. %s%n", waiting.size(),
                        waiting.get(0));
            }
            if (now - start > max.toNanos()) {
                out.printf(Locale.ROOT, "  NOT all right after %.0f s: %d of %d dashboards still differ, e.g.%n",
                        (now - start) / 1e9, waiting.size(), expected.size());
                for (String key : waiting.subList(0, Math.min(5, waiting.size()))) {
                    out.printf("    %s shows %s, expected %s%n", key, totals(key).map(Totals::toString).orElse(
                            "no answer"), expected.get(key));
                }
                return new Reached(-1);
            }
            if (now > nextReport) {
                out.printf(Locale.ROOT, "  ... %.0f s: %d of %d dashboards right so far (checked in order)%s; load "
                        + "average %s%n", (now - start)
                        / 1e9, expected.size() - waiting.size(), expected.size(), progress.get(),
                        BenchRun.loadAverage());
                nextReport += TimeUnit.SECONDS.toNanos(15);
            }
            TimeUnit.NANOSECONDS.sleep(poll.toNanos()); // polling the dashboards
        }
    }

    /** The nanoTime a wait ended, or -1 when it gave up. */
    record Reached(long at) {

        boolean reached() {
            return at >= 0;
        }
    }

    /**
     * Every dashboard of {@code countries} (and the world) for {@code years}, whole, without the two
     * figures that say when it was projected ({@code freshness.projectedAt}, {@code projectionLagMillis}).
     */
    Map<String, JsonNode> snapshot(Collection<String> countries, Collection<Integer> years) {
        Map<String, JsonNode> all = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        for (int year : years) {
            keys.add(WORLD + "/" + year);
            countries.forEach(country -> keys.add(country + "/" + year));
        }
        for (String key : keys) {
            JsonNode dashboard = get(key).orElseThrow(() -> new IllegalStateException(key + " does not answer"));
            if (dashboard.path("freshness") instanceof ObjectNode freshness) {
                freshness.remove("projectedAt");
                freshness.remove("projectionLagMillis");
            }
            all.put(key, dashboard);
        }
        return all;
    }

    /** The keys whose dashboards differ between two snapshots. */
    static List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<String> differ = new ArrayList<>();
        before.forEach((key, dashboard) -> {
            if (!dashboard.equals(after.get(key))) {
                differ.add(key);
            }
        });
        return differ;
    }

    static OptionalDouble seconds(long from, Reached to) {
        return to.reached() ? OptionalDouble.of((to.at() - from) / 1e9) : OptionalDouble.empty();
    }
}
