package org.spmonitor.reporting.live;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.reporting.DashboardUpdated;
import org.spmonitor.platform.events.EventCodec;

import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import tools.jackson.core.JacksonException;

/**
 * Feeds this instance's browsers from {@code reporting.dashboard-updates.v1}, so that every
 * instance's live stream carries every dashboard update, whichever instance projected it (ADR 0012).
 * A Spring Cloud Stream functional binding, {@code onDashboardUpdated-in-0} (reporting-service.yml):
 * each instance reads the topic in a consumer group of its own
 * ({@code reporting-service.live.<instance>}), from the moment it started (a browser only sees what
 * happens while it is connected; it loads the dashboards themselves over the API).
 */
@Configuration(proxyBeanMethods = false)
class DashboardUpdatesBinding {

    static final String BINDING = "onDashboardUpdated-in-0";
    private static final Logger log = LoggerFactory.getLogger(DashboardUpdatesBinding.class);

    @Bean
    Consumer<Message<byte[]>> onDashboardUpdated(LiveUpdates live, EventCodec codec, MeterRegistry meters) {
        return message -> {
            String type = header(message, CloudEventHeaders.TYPE);
            if (!EventType.DASHBOARD_UPDATED.typeName().equals(type)) {
                meters.counter("spmonitor.dashboards.stream.unreadable").increment();
                log.warn("Not streamed to browsers: a record of type {} on {}", type, EventType.DASHBOARD_UPDATED.topic());
                return;
            }
            try {
                live.dashboardUpdated(codec.mapper().readValue(message.getPayload(), DashboardUpdated.class));
            }
            catch (JacksonException ex) {
                meters.counter("spmonitor.dashboards.stream.unreadable").increment();
                log.warn("Not streamed to browsers: an unreadable DashboardUpdated ({})", ex.getOriginalMessage());
            }
        };
    }

    /**
     * On its first assignment, the binding's consumer starts at the offsets of this instance's start
     * time: updates published while the binding was joining its group are not missed, and none from
     * before the start is replayed to browsers.
     */
    @Bean
    KafkaBindingRebalanceListener startAtInstanceStart() {
        Instant started = Instant.now();
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                    Collection<TopicPartition> partitions, boolean initial) {
                if (!initial || !BINDING.equals(bindingName) || partitions.isEmpty()) {
                    return;
                }
                Map<TopicPartition, Long> at = new HashMap<>();
                partitions.forEach(tp -> at.put(tp, started.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                partitions.forEach(tp -> {
                    OffsetAndTimestamp found = offsets.get(tp);
                    consumer.seek(tp, found != null ? found.offset() : ends.get(tp));
                });
            }
        };
    }

    private static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
