package org.spmonitor.local.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.platform.events.EventCodec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code beneficiaries.beneficiary-count-events.v1} from its first offset, as an integrating
 * consumer would (no consumer group, nothing committed), and keeps, per record key (country), the
 * distinct {@code countId@version} of the BeneficiaryCountReported events that beneficiary-service
 * published ({@code ce_source} {@value #PUBLISHER}) and how many records there were (a redelivered
 * event is one more record, not one more count). Records from anywhere else (a fault test's poison)
 * are only counted as records. Not thread-safe: use it from one thread.
 */
public final class TopicCounter implements AutoCloseable {

    private static final String REPORTED_TYPE = EventType.BENEFICIARY_COUNT_REPORTED.typeName();
    /** The CloudEvents source of beneficiary-service's events. */
    public static final String PUBLISHER = "/spmonitor/beneficiary-service";

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private List<TopicPartition> partitions = List.of();
    private final Map<String, Set<String>> published = new HashMap<>();
    private final Map<String, Integer> records = new HashMap<>();
    private int unreadable;

    public TopicCounter(String bootstrapServers) {
        this(bootstrapServers, Topics.BENEFICIARY_COUNT_EVENTS);
    }

    public TopicCounter(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-counter-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads until it has reached the end of every partition as the broker knows it now, or until
     * {@code timeout}; true when it got there (false while the broker is away).
     */
    public boolean catchUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, timeout).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions,
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            while (System.nanoTime() < deadline) {
                boolean atEnd = true;
                for (TopicPartition partition : partitions) {
                    if (consumer.position(partition, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                            < ends.get(partition)) {
                        atEnd = false;
                    }
                }
                if (atEnd) {
                    return true;
                }
                consumer.poll(Duration.ofMillis(100)).forEach(this::count);
            }
            return false;
        }
        catch (TimeoutException ex) {
            return false;
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        String country = record.key();
        records.merge(country, 1, Integer::sum);
        if (!REPORTED_TYPE.equals(EventCodec.header(record.headers(), CloudEventHeaders.TYPE))
                || !PUBLISHER.equals(EventCodec.header(record.headers(), CloudEventHeaders.SOURCE))) {
            return;
        }
        try {
            JsonNode event = StackClient.mapper().readTree(record.value());
            published.computeIfAbsent(country, c -> new TreeSet<>())
                    .add(event.path("countId").asString() + "@" + event.path("version").asLong());
        }
        catch (JacksonException ex) {
            unreadable++;
        }
    }

    /**
     * Distinct {@code countId@version} of the BeneficiaryCountReported events keyed {@code country}
     * that beneficiary-service published.
     */
    public Set<String> published(String country) {
        return Set.copyOf(published.getOrDefault(country, Set.of()));
    }

    /** Records keyed {@code country}, of any type and including redeliveries. */
    public int records(String country) {
        return records.getOrDefault(country, 0);
    }

    /** Records of beneficiary-service typed BeneficiaryCountReported whose payload was not JSON. */
    public int unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
