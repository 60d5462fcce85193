package org.spmonitor.local;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The table printed once everything is up: each service's URL, Swagger UI and health, then the donor
 * dashboard, the token issuer, Kafka, MongoDB and the data directory. Scripts wait for its first line
 * ({@code spmonitor local stack is up: started in ...}), so that line keeps its wording.
 */
final class StartupBanner {

    static String describe(LocalStack stack, Duration startupTime, Duration sinceJvmStart) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append(nl).append(String.format(Locale.ROOT,
                "spmonitor local stack is up: started in %.1f s (%.1f s since the JVM started)",
                startupTime.toMillis() / 1000.0, sinceJvmStart.toMillis() / 1000.0)).append(nl).append(nl);
        String row = "  %-20s %-24s %-45s %s" + nl;
        text.append(String.format(row, "SERVICE", "URL", "SWAGGER UI", "HEALTH"));
        for (LocalService service : LocalService.values()) {
            for (ServiceInstance instance : stack.instances(service)) {
                String url = stack.url(instance).toString();
                text.append(String.format(row, instance, url, url + "/swagger-ui.html", url + "/actuator/health"));
            }
        }
        text.append(nl);
        String info = "  %-20s %s" + nl;
        if (servesDonorDashboard(stack)) {
            text.append(String.format(info, "Donor dashboard", stack.url(LocalService.REPORTING) + "/"
                    + "   (sign in as donor / donor-password, country-team / country-team-password, "
                    + "validator / validator-password or admin / admin-password)"));
        }
        text.append(String.format(info, "Token issuer", stack.tokenEndpoint()
                + "   (clients demo-admin, demo-viewer, demo-reporter, demo-validator: see deploy/local/README.md)"));
        text.append(String.format(info, "Get a token", "curl -s -u demo-viewer:demo-viewer-secret "
                + "-d grant_type=client_credentials " + stack.tokenEndpoint()));
        text.append(String.format(info, "Kafka bootstrap", stack.kafkaBootstrapServers() + "   (KRaft, cluster id "
                + stack.kafkaClusterId() + (stack.brokers() == 1 ? ", controller " + Ports.HOST + ":"
                        + stack.settings().controllerPort() : ", " + stack.brokers()
                                + " brokers, replication 3, min.insync.replicas 2") + ")"));
        text.append(String.format(info, "MongoDB URI", stack.mongoUri() + "   (databases "
                + String.join(", ", Arrays.stream(LocalService.values()).map(LocalService::database).toList())
                + ")"));
        text.append(String.format(info, "Data directory", stack.dataDir() + "   (delete it to reset)"));
        text.append(nl).append("  Ctrl-C stops everything; the data stays.").append(nl);
        return text.toString();
    }

    /** Whether reporting-service answers {@code GET /} (the donor web dashboard, once it exists). */
    private static boolean servesDonorDashboard(LocalStack stack) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(stack.url(LocalService.REPORTING)
                    .resolve("/")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private StartupBanner() {
    }
}
