package org.spmonitor.local.chaos;

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

import org.spmonitor.local.LocalService;
import org.spmonitor.local.Ports;
import org.spmonitor.local.chaos.StackClient.Endpoints;

/**
 * The local stack as a user runs it, {@code java -jar spmonitor-local.jar}, in a process (and process
 * group) of its own, on ports chosen once, so that it can be killed outright, as a power cut or the
 * OOM killer would (SIGKILL: no shutdown hook, nothing flushed or closed), and started again with the
 * very same command on the same data. Its console goes to {@code <data>/stack.log}.
 */
final class KillableStack implements AutoCloseable {

    private static final String UP_LINE = "spmonitor local stack is up";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final List<String> command;
    private final Path log;
    private final Map<String, Integer> ports;
    private final boolean ownProcessGroup;
    private Process process;

    private KillableStack(List<String> command, Path log, Map<String, Integer> ports, boolean ownProcessGroup) {
        this.command = command;
        this.log = log;
        this.ports = ports;
        this.ownProcessGroup = ownProcessGroup;
    }

    /**
     * The command {@code java <jvmFlags> -jar <jar> --data=<data> --<port options> <stackArgs>} on free
     * ports; under {@code setsid} when there is one, so that the stack leads a process group of its own.
     */
    static KillableStack of(Path jar, Path data, List<String> jvmFlags, List<String> stackArgs) throws IOException {
        Files.createDirectories(data);
        Map<String, Integer> ports = Ports.forAStack();
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        boolean group = Files.isExecutable(setsid);
        if (group) {
            command.add(setsid.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--data=" + data);
        ports.forEach((option, port) -> command.add("--" + option + "=" + port));
        command.addAll(stackArgs);
        return new KillableStack(List.copyOf(command), data.resolve("stack.log"), ports, group);
    }

    /** The process id of the stack as last started (its log lines carry it). */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the stack (again) and waits for its "is up" line; the wall-clock time it took. */
    synchronized Duration start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the stack is running (pid " + process.pid() + ")");
        }
        long spawned = System.nanoTime();
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        process = started;
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> copy(started, log, up), "stack-console-" + started.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            up.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            kill();
            throw new IOException("the stack did not come up within " + START_TIMEOUT + " (see " + log + ")", ex);
        }
        return Duration.ofNanos(System.nanoTime() - spawned);
    }

    private static void copy(Process process, Path log, CompletableFuture<Void> up) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.contains(UP_LINE)) {
                    up.complete(null);
                }
            }
        }
        catch (IOException ex) {
            up.completeExceptionally(ex);
        }
        up.completeExceptionally(new IOException("the stack's console ended before it was up"));
    }

    /**
     * SIGKILL of the stack's whole process group (its process when there is no group of its own), at
     * once and without warning; returns once the process is gone. The pid it had.
     */
    synchronized long kill() throws InterruptedException {
        Process running = process;
        if (running == null) {
            return -1;
        }
        long pid = running.pid();
        if (ownProcessGroup && running.isAlive()) {
            try {
                // with setsid the stack's pid is its process group id
                new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor();
            }
            catch (IOException ex) {
                // no kill command: the process itself below
            }
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + pid + " survived SIGKILL for 30 s");
        }
        return pid;
    }

    boolean ownProcessGroup() {
        return ownProcessGroup;
    }

    List<String> command() {
        return command;
    }

    Path log() {
        return log;
    }

    Endpoints endpoints() {
        Map<LocalService, URI> services = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            services.put(service, URI.create("http://127.0.0.1:" + ports.get(service.portOption())));
        }
        return new Endpoints(services, URI.create("http://127.0.0.1:" + ports.get("issuer-port") + "/oauth2/token"));
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + ports.get("kafka-port");
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + ports.get("mongo-port");
    }

    /** Stops the stack as Ctrl-C does (SIGTERM, its shutdown hook), killing it if it takes over a minute. */
    @Override
    public synchronized void close() throws InterruptedException {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        if (!running.waitFor(1, TimeUnit.MINUTES)) {
            kill();
        }
    }
}
