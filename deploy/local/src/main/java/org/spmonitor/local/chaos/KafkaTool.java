package org.spmonitor.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What faults need of the broker from outside the services: raw records in and out (an integrating
 * system's producer, a re-publication of records already consumed), and consumer groups' committed
 * offsets against the end of their partitions. Thread-safe except where noted.
 */
public final class KafkaTool implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTool(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends records, unchanged (key, value, headers), and waits until the broker has them all. */
    public void send(Collection<ProducerRecord<String, byte[]>> records) {
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        records.forEach(record -> sends.add(producer.send(record)));
        try {
            for (java.util.concurrent.Future<?> send : sends) {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", ex);
        }
        catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("could not send " + records.size() + " records", ex);
        }
    }

    /** A record as it was consumed, to be published again unchanged (key, value, headers; new offset). */
    public static ProducerRecord<String, byte[]> again(ConsumerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers());
    }

    /**
     * Every record of {@code topic} up to its current end that passes {@code filter}, read from the
     * first offset without a consumer group.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-tool-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && filter.test(record)) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }

    /** The consumer groups whose id starts with {@code prefix}. */
    public Set<String> groups(String prefix) {
        try {
            return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .map(GroupListing::groupId).filter(id -> id.startsWith(prefix))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        catch (Exception ex) {
            throw new IllegalStateException("could not list the consumer groups", ex);
        }
    }

    /**
     * Per partition of {@code topics}: how many records lie beyond the offset {@code group} committed
     * (from the partition's first offset when it committed none). Zero everywhere means the group has
     * processed, and committed, everything on those topics.
     */
    public Map<TopicPartition, Long> lag(String group, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> description.partitions().forEach(p -> {
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                    }));
            var ends = admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            var starts = admin.listOffsets(earliest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> lag = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
            latest.keySet().forEach(tp -> {
                OffsetAndMetadata offset = committed.get(tp);
                long from = offset == null ? starts.get(tp).offset() : offset.offset();
                lag.put(tp, ends.get(tp).offset() - from);
            });
            return lag;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets", ex);
        }
        catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("could not read the offsets of " + group, ex);
        }
    }

    /** The sum of {@link #lag} over the groups whose id starts with {@code groupPrefix}. */
    public long totalLag(String groupPrefix, Collection<String> topics) {
        long total = 0;
        for (String group : groups(groupPrefix)) {
            total += lag(group, topics).values().stream().mapToLong(Long::longValue).sum();
        }
        return total;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
