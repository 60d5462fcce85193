package org.spmonitor.local.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.spmonitor.local.LocalService;
import org.spmonitor.local.Ports;
import org.spmonitor.local.chaos.StackClient.Endpoints;

/**
 * The local stack as a newcomer runs it, {@code java -jar spmonitor-local.jar}, in a process of its
 * own (so its start-up time and memory are its own), on ports chosen here and a given data directory.
 * Its console goes to {@code <data>/stack.log}.
 */
final class StackProcess implements AutoCloseable {

    private static final Pattern UP = Pattern.compile(
            "spmonitor local stack is up: started in ([0-9.]+) s \\(([0-9.]+) s since the JVM started\\)");

    private final Process process;
    private final Endpoints endpoints;
    private final Map<String, Integer> ports;
    private final long spawnedAt;
    private final long upAt;
    private final double reportedJvmUptime;
    private double stopSeconds = Double.NaN;

    private StackProcess(Process process, Endpoints endpoints, Map<String, Integer> ports, long spawnedAt, long upAt,
            double reportedJvmUptime) {
        this.process = process;
        this.endpoints = endpoints;
        this.ports = Map.copyOf(ports);
        this.spawnedAt = spawnedAt;
        this.upAt = upAt;
        this.reportedJvmUptime = reportedJvmUptime;
    }

    /** Starts the stack and waits (up to 3 minutes) for its "is up" line. */
    static StackProcess start(Path jar, Path data, List<String> jvmFlags, List<String> stackArgs)
            throws IOException, InterruptedException {
        Files.createDirectories(data);
        Map<String, Integer> ports = Ports.forAStack();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--data=" + data);
        ports.forEach((option, port) -> command.add("--" + option + "=" + port));
        command.addAll(stackArgs);
        Path log = data.resolve("stack.log");
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Double> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> copy(process, log, up), "stack-console");
        reader.setDaemon(true);
        reader.start();
        double jvmUptime;
        try {
            jvmUptime = up.get(3, TimeUnit.MINUTES);
        }
        catch (Exception ex) {
            process.destroyForcibly();
            throw new IOException("the stack did not come up (see " + log + ")", ex);
        }
        long upAt = System.nanoTime();
        Map<LocalService, URI> services = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            services.put(service, URI.create("http://127.0.0.1:" + ports.get(service.portOption())));
        }
        return new StackProcess(process, new Endpoints(services,
                URI.create("http://127.0.0.1:" + ports.get("issuer-port") + "/oauth2/token")), ports, spawned, upAt,
                jvmUptime);
    }

    private static void copy(Process process, Path log, CompletableFuture<Double> up) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Matcher matcher = UP.matcher(line);
                if (matcher.find()) {
                    up.complete(Double.parseDouble(matcher.group(2)));
                }
            }
        }
        catch (IOException ex) {
            up.completeExceptionally(ex);
        }
        up.completeExceptionally(new IOException("the stack's console ended before it was up"));
    }

    Endpoints endpoints() {
        return endpoints;
    }

    /** The stack's Kafka broker, as its clients reach it. */
    String kafkaBootstrap() {
        return "127.0.0.1:" + ports.get("kafka-port");
    }

    /** The stack's Mongo-wire server (no database: each service has its own). */
    String mongoUri() {
        return "mongodb://127.0.0.1:" + ports.get("mongo-port");
    }

    /** Wall-clock time from spawning {@code java} to the "is up" line. */
    double wallSecondsToUp() {
        return (upAt - spawnedAt) / 1e9;
    }

    /** The "since the JVM started" figure the stack printed. */
    double reportedJvmUptime() {
        return reportedJvmUptime;
    }

    /** The process's resident set size now, in MiB (Linux {@code /proc/<pid>/status}, VmRSS). */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    long pid() {
        return process.pid();
    }

    /** How long the last {@link #close()} took (Ctrl-C equivalent: SIGTERM, the shutdown hook). */
    double stopSeconds() {
        return stopSeconds;
    }

    @Override
    public void close() throws InterruptedException {
        long stopping = System.nanoTime();
        process.destroy();
        if (!process.waitFor(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        stopSeconds = (System.nanoTime() - stopping) / 1e9;
    }
}
