package org.spmonitor.reporting.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.reporting.DashboardUpdated;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event stream of dashboard changes that browsers subscribe to. Events:
 * {@code dashboard-updated} (a country and year changed: the DashboardUpdated payload),
 * {@code global-updated} (the world figures of a year changed), {@code read-models-switched}
 * (a replay completed). A comment line every 15 s keeps proxies from closing idle streams and finds
 * subscribers that went away. Dashboard updates come from the {@code reporting.dashboard-updates.v1}
 * topic ({@link DashboardUpdatesBinding}), so every instance streams what any instance projected.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    /** The newest version streamed per country-year. */
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public LiveUpdates(MeterRegistry meters) {
        Gauge.builder("spmonitor.dashboards.stream.subscribers", subscribers, List::size)
                .description("browsers subscribed to live dashboard updates").register(meters);
        heartbeat.scheduleWithFixedDelay(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        subscribers.add(emitter);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(ex -> subscribers.remove(emitter));
        try {
            emitter.send(SseEmitter.event().comment("subscribed").reconnectTime(3_000));
        }
        catch (IOException ex) {
            subscribers.remove(emitter);
        }
        return emitter;
    }

    /** Sends one named event with a JSON payload to every subscriber. */
    public void broadcast(String name, Object payload) {
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(SseEmitter.event().name(name).data(payload, MediaType.APPLICATION_JSON));
            }
            catch (IOException | IllegalStateException ex) {
                subscribers.remove(emitter);
            }
        }
    }

    /**
     * Streams a DashboardUpdated read from the topic: {@code dashboard-updated} with its payload, then
     * {@code global-updated} for its year (a country's changed figures are what changes the world's; the
     * world dashboard is stored before the update is published). An update older than one already
     * streamed for its country and year (two instances may publish out of order) is not streamed.
     */
    public void dashboardUpdated(DashboardUpdated update) {
        String key = update.country() + "-" + update.year();
        long[] newer = { 0 };
        latest.compute(key, (k, seen) -> {
            if (seen != null && seen >= update.version()) {
                return seen;
            }
            newer[0] = 1;
            return update.version();
        });
        if (newer[0] == 0) {
            return;
        }
        broadcast("dashboard-updated", update);
        broadcast("global-updated", update.newestEventTime() == null ? Map.of("year", update.year())
                : Map.of("year", update.year(), "newestEventTime", update.newestEventTime()));
    }

    /**
     * A replay completed and every read now comes from {@code generation}: browsers reload. Versions of
     * the new generation's dashboards start afresh.
     */
    public void readModelsSwitched(String generation, String replayId) {
        latest.clear();
        broadcast("read-models-switched", Map.of("generation", generation, "replayId", String.valueOf(replayId)));
    }

    private void ping() {
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            }
            catch (IOException | IllegalStateException ex) {
                subscribers.remove(emitter);
            }
        }
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        for (SseEmitter emitter : subscribers) {
            try {
                emitter.complete();
            }
            catch (RuntimeException ex) {
                log.debug("closing a stream: {}", ex.getMessage());
            }
        }
        subscribers.clear();
    }
}
