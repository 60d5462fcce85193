package org.spmonitor.reporting.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event stream of dashboard changes that browsers subscribe to. Events:
 * {@code dashboard-updated} (a country and year changed: the DashboardUpdated payload),
 * {@code global-updated} (the world figures of a year changed), {@code read-models-switched}
 * (a replay completed). A comment line every 15 s keeps proxies from closing idle streams and finds
 * subscribers that went away.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
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

    public void dashboardUpdated(Object dashboardUpdated) {
        broadcast("dashboard-updated", dashboardUpdated);
    }

    public void globalUpdated(int year, Object newestEventTime) {
        broadcast("global-updated", newestEventTime == null ? Map.of("year", year)
                : Map.of("year", year, "newestEventTime", newestEventTime));
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
