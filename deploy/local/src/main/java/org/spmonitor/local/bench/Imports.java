package org.spmonitor.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.spmonitor.local.chaos.StackClient;
import org.spmonitor.local.chaos.StackClient.DemoClient;

/**
 * CSV imports, {@code POST /api/v1/beneficiary-counts/imports} with a {@code text/csv} body as
 * {@code demo-admin} (services/beneficiary-service README, "CSV"), with a timeout as long as the
 * caller allows: a large import is one long request.
 */
final class Imports {

    static final String HEADER = "programmeId,period,targetGroup,measure,total,sex.female,sex.male\n";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final StackClient client;
    private final URI beneficiary;

    /** {@code beneficiary}: beneficiary-service's base URL. */
    Imports(StackClient client, URI beneficiary) {
        this.client = client;
        this.beneficiary = beneficiary;
    }

    /** The file of a workload: a header and one row per count, each with its sex breakdown. */
    static byte[] csv(Workload workload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                workload.counts() * 70));
        StringBuilder row = new StringBuilder(128);
        bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        workload.forEach(count -> {
            row.setLength(0);
            row.append(count.programmeId()).append(',').append(count.period()).append(',').append(count.group())
                    .append(',').append(count.measure()).append(',').append(count.total()).append(',')
                    .append(count.female()).append(',').append(count.male()).append('\n');
            bytes.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        });
        return bytes.toByteArray();
    }

    HttpResponse<String> post(byte[] csv, boolean dryRun, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(beneficiary.resolve("/api/v1/beneficiary-counts/imports"
                + (dryRun ? "?dryRun=true" : ""))).timeout(timeout)
                .header("Authorization", "Bearer " + client.token(DemoClient.ADMIN))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
