package org.spmonitor.local.chaos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.spmonitor.local.LocalService;
import org.spmonitor.local.chaos.StackClient.DemoClient;

import tools.jackson.databind.JsonNode;

/**
 * A country team submitting beneficiary counts through {@code POST /api/v1/beneficiary-counts}, one
 * at a time at a steady rate or in batches, the way a careful client does: every submission carries
 * an {@code Idempotency-Key}; one refused for a passing reason (5xx, 429, no connection, or the
 * programme not yet known to beneficiary-service) is sent again later, same key and body, until it is
 * accepted. So each submission is accepted exactly once in the end, and what was accepted is known
 * exactly: the {@code countId} and {@code version} of every 2xx answer.
 * <p>
 * Anything else (another 4xx) is a defect of the load or of the service; it is kept in
 * {@link #unexpected()} and not retried.
 */
public final class CountLoad implements AutoCloseable {

    /** What one attempt gave. */
    public enum Outcome {
        /** 2xx: recorded as accepted. */
        ACCEPTED,
        /** 400 "unknown programme": beneficiary-service has not yet learnt it from Kafka; retried. */
        PROGRAMME_NOT_YET_KNOWN,
        /** 5xx, 429 or no answer: retried. */
        REFUSED,
        /** any other answer: recorded in {@link #unexpected()}, not retried. */
        UNEXPECTED,
        /** nothing to send: no submission waiting and none due yet. */
        IDLE
    }

    /** One answer that was not a 2xx, as the client saw it. */
    public record Refusal(int status, String contentType, String body) {
    }

    private record Pending(String body, String idempotencyKey, int items, long notBefore) {
    }

    private static final long RETRY_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int SAMPLES = 20;

    private final StackClient client;
    private final String country;
    private final CountKeys keys;
    private final DemoClient submitter;

    private final Map<String, Long> accepted = new LinkedHashMap<>();
    /** When each accepted attempt was sent ({@link System#nanoTime()}), in the order of the answers. */
    private final List<Long> acceptedSentAt = new ArrayList<>();
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private final List<Refusal> refusalSamples = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private int attempts;
    private int programmeNotYetKnown;

    private final List<Thread> steady = new ArrayList<>();
    private volatile boolean stopping;
    private boolean ranOut;

    public CountLoad(StackClient client, String country, CountKeys keys, DemoClient submitter) {
        this.client = client;
        this.country = country;
        this.keys = keys;
        this.submitter = submitter;
    }

    public String country() {
        return country;
    }

    public CountKeys keys() {
        return keys;
    }

    /** Starts submitting one count every {@code interval} on a background thread (retries first). */
    public void start(Duration interval) {
        start(interval, 1);
    }

    /**
     * Starts submitting one count every {@code interval} in all, on {@code threads} background threads
     * (each one every {@code threads x interval}): one client waits for each answer, so rates above what
     * one connection answers need several.
     */
    public synchronized void start(Duration interval, int threads) {
        start(interval, threads, 1);
    }

    /**
     * As {@link #start(Duration, int)}, each step submitting a batch request of {@code batch} new counts
     * (all or nothing) instead of one count, when {@code batch} is above 1.
     */
    public synchronized void start(Duration interval, int threads, int batch) {
        if (!steady.isEmpty()) {
            throw new IllegalStateException("already running");
        }
        stopping = false;
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> pace(interval.toNanos() * threads, batch), "count-load-" + country + "-" + t);
            thread.setDaemon(true);
            steady.add(thread);
            thread.start();
        }
    }

    private void pace(long period, int batch) {
        long next = System.nanoTime();
        while (!stopping) {
            try {
                if (!hasKeysLeft()) {
                    synchronized (this) {
                        if (!ranOut) {
                            ranOut = true;
                            unexpected.add("the steady load ran out of count keys after " + keys.used()
                                    + "; register more programmes or submit more slowly");
                        }
                    }
                    return;
                }
                if (batch > 1 && hasFreshKeys(batch)) {
                    submitBatch(batch);
                }
                else {
                    submitNext();
                }
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for an outcome
                }
                else {
                    next = System.nanoTime(); // a slow answer: no burst to catch up
                }
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Stops the steady load after its current attempts; what is waiting stays waiting. */
    public void stop() {
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(steady);
            stopping = true;
        }
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(90));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            steady.clear();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized boolean hasFreshKeys(int wanted) {
        return keys.capacity() - keys.used() >= wanted;
    }

    private synchronized boolean hasKeysLeft() {
        return !waiting.isEmpty() || keys.used() < keys.capacity();
    }

    /** One attempt: the oldest waiting submission if its retry is due, else a new count. */
    public Outcome submitNext() throws InterruptedException {
        Pending pending;
        synchronized (this) {
            Pending head = waiting.peekFirst();
            if (head != null && head.notBefore() <= System.nanoTime()) {
                pending = waiting.removeFirst();
            }
            else if (keys.used() >= keys.capacity()) {
                return Outcome.IDLE; // another thread took the last key
            }
            else {
                pending = new Pending(keys.nextBody(), UUID.randomUUID().toString(), 1, 0);
            }
        }
        return attempt(pending);
    }

    /** One batch request of {@code size} new counts (all or nothing), retried later if refused. */
    public Outcome submitBatch(int size) throws InterruptedException {
        StringBuilder body = new StringBuilder("{\"items\":[");
        synchronized (this) {
            for (int i = 0; i < size; i++) {
                body.append(i == 0 ? "" : ",").append(keys.nextBody());
            }
        }
        body.append("]}");
        return attempt(new Pending(body.toString(), UUID.randomUUID().toString(), size, 0));
    }

    /**
     * Sends the waiting submissions again until each is accepted or {@code timeout} passes; true when
     * none is left waiting.
     */
    public boolean settle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Pending pending;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    return true;
                }
                pending = waiting.removeFirst();
            }
            long wait = pending.notBefore() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, RETRY_AFTER_NANOS)); // the retry is not due yet
            }
            attempt(pending);
        }
        synchronized (this) {
            return waiting.isEmpty();
        }
    }

    private Outcome attempt(Pending pending) throws InterruptedException {
        HttpResponse<String> response;
        long sent = System.nanoTime();
        try {
            response = client.post(LocalService.BENEFICIARY, "/api/v1/beneficiary-counts", submitter, pending.body(),
                    pending.idempotencyKey());
        }
        catch (IOException ex) {
            synchronized (this) {
                attempts++;
                refusals.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
                retryLater(pending);
            }
            return Outcome.REFUSED;
        }
        int status = response.statusCode();
        synchronized (this) {
            attempts++;
            if (status / 100 == 2) {
                acceptedSentAt.add(sent);
                record(pending, StackClient.json(response.body()));
                return Outcome.ACCEPTED;
            }
            if (status == 400 && response.body().contains("unknown programme")) {
                programmeNotYetKnown++;
                retryLater(pending);
                return Outcome.PROGRAMME_NOT_YET_KNOWN;
            }
            Refusal refusal = new Refusal(status, response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
            if (refusalSamples.size() < SAMPLES) {
                refusalSamples.add(refusal);
            }
            if (status >= 500 || status == 429) {
                refusals.merge(String.valueOf(status), 1, Integer::sum);
                retryLater(pending);
                return Outcome.REFUSED;
            }
            unexpected.add(status + " " + response.body());
            return Outcome.UNEXPECTED;
        }
    }

    private void retryLater(Pending pending) {
        waiting.addLast(new Pending(pending.body(), pending.idempotencyKey(), pending.items(),
                System.nanoTime() + RETRY_AFTER_NANOS));
    }

    private void record(Pending pending, JsonNode answer) {
        if (answer.has("items")) {
            for (JsonNode item : answer.path("items")) {
                accepted.put(item.path("countId").asString(), item.path("version").asLong());
            }
            if (answer.path("items").size() != pending.items()) {
                unexpected.add("a batch of " + pending.items() + " answered " + answer.path("items").size() + " items");
            }
        }
        else {
            accepted.put(answer.path("countId").asString(), answer.path("version").asLong());
        }
    }

    /**
     * How many requests answered 2xx so far were sent at or after {@code since} ({@link System#nanoTime()}):
     * a request sent before a fault and answered after it is not one the fault should have refused.
     */
    public synchronized int acceptedRequestsSentSince(long since) {
        return (int) acceptedSentAt.stream().filter(t -> t >= since).count();
    }

    /** How many counts were accepted (each once, however many attempts it took). */
    public synchronized int acceptedCount() {
        return accepted.size();
    }

    /** {@code countId@version} of every accepted count. */
    public synchronized Set<String> acceptedIds() {
        Set<String> ids = new TreeSet<>();
        accepted.forEach((id, version) -> ids.add(id + "@" + version));
        return ids;
    }

    /** Counts sent but not yet accepted (waiting for a retry). */
    public synchronized int waitingCount() {
        return waiting.stream().mapToInt(Pending::items).sum();
    }

    /** Refused attempts by status, or by exception name when there was no answer. */
    public synchronized Map<String, Integer> refusals() {
        return new TreeMap<>(refusals);
    }

    /** The first answers that were neither 2xx nor "unknown programme". */
    public synchronized List<Refusal> refusalSamples() {
        return List.copyOf(refusalSamples);
    }

    public synchronized List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    public synchronized int attempts() {
        return attempts;
    }

    public synchronized int programmeNotYetKnown() {
        return programmeNotYetKnown;
    }
}
