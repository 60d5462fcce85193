package org.spmonitor.local.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.spmonitor.local.chaos.StackClient;

/**
 * Registers programmes the way a country team does, {@code POST /api/v1/programmes} as
 * {@code demo-admin}: active, running from 1 January of the first year to 31 December of the last,
 * for every target group, with an annual target for each year; and waits until beneficiary-service
 * knows them (a dry-run import of one row per programme is refused for none).
 */
final class Programmes {

    private static final String GROUPS = Workload.GROUPS.stream().map(g -> "\"" + g.name() + "\"")
            .collect(Collectors.joining(",", "[", "]"));

    private final StackClient client;
    private final Imports imports;

    Programmes(StackClient client, Imports imports) {
        this.client = client;
        this.imports = imports;
    }

    /** {@code perCountry} programmes in each country, registered by 4 clients at once; ids in order. */
    Map<String, List<String>> register(List<String> countries, int perCountry, List<Integer> years, String name)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, List<Future<String>>> pending = new LinkedHashMap<>();
            String run = UUID.randomUUID().toString().substring(0, 6);
            for (String country : countries) {
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < perCountry; i++) {
                    String programmeName = name + " " + country + " " + i + " " + run;
                    ids.add(pool.submit(() -> registerOne(country, programmeName, years)));
                }
                pending.put(country, ids);
            }
            Map<String, List<String>> registered = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<String>>> country : pending.entrySet()) {
                List<String> ids = new ArrayList<>();
                for (Future<String> id : country.getValue()) {
                    ids.add(id.get(5, TimeUnit.MINUTES));
                }
                registered.put(country.getKey(), ids);
            }
            return registered;
        }
        finally {
            pool.shutdownNow();
        }
    }

    String registerOne(String country, String name, List<Integer> years) throws IOException, InterruptedException {
        String targets = years.stream().map(year -> "{\"year\":" + year
                + ",\"targetPopulation\":2000000,\"targetBeneficiaries\":800000}").collect(Collectors.joining(",",
                        "[", "]"));
        String body = """
                {"country":"%s","name":"%s","startDate":"%d-01-01","endDate":"%d-12-31","status":"ACTIVE",
                 "partners":["ILO"],"targetGroups":%s,"annualTargets":%s}""".formatted(country, name, years.get(0),
                years.get(years.size() - 1), GROUPS, targets);
        return client.postProgramme(body, name, Duration.ofMinutes(2));
    }

    /**
     * Waits until beneficiary-service has learnt every programme from Kafka: a dry-run CSV import of one
     * count per programme (which stores nothing) is refused for none of them.
     */
    void awaitKnown(Map<String, List<String>> programmes, int year, Duration max) throws Exception {
        StringBuilder csv = new StringBuilder("programmeId,period,targetGroup,measure,total\n");
        programmes.values().forEach(ids -> ids.forEach(id -> csv.append(id).append(',').append(year)
                .append("-01,CHILDREN,NEW,1\n")));
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            HttpResponse<String> response = imports.post(csv.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), true, Duration.ofMinutes(5));
            if (response.statusCode() != 200) {
                throw new IOException("a dry-run import answered " + response.statusCode() + ": " + response.body());
            }
            long rejected = StackClient.json(response.body()).path("rejected").asLong();
            if (rejected == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("beneficiary-service still does not know " + rejected + " programmes after "
                        + max + ": " + response.body().substring(0, Math.min(500, response.body().length())));
            }
            TimeUnit.MILLISECONDS.sleep(500); // the programme events are on their way
        }
    }
}
