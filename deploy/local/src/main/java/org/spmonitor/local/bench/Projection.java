package org.spmonitor.local.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.spmonitor.events.Topics;
import org.spmonitor.local.LocalService;
import org.spmonitor.local.chaos.StackClient;
import org.spmonitor.local.chaos.StackClient.DemoClient;

/**
 * How far reporting-service's projection has got, seen from outside: the committed offsets of a
 * generation's consumer group ({@code reporting-service.projection.<generation>}, see the service's
 * README) against the end of the topics it consumes, read with a Kafka admin client.
 */
final class Projection implements AutoCloseable {

    static final List<String> CONSUMED = List.of(Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS,
            Topics.BENEFICIARY_COUNT_EVENTS);
    static final String GROUP_PREFIX = "reporting-service.projection.";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final StackClient client;

    Projection(String bootstrapServers, StackClient client) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        this.client = client;
    }

    Admin admin() {
        return admin;
    }

    /** The read-model generation reporting-service serves ({@code GET /api/v1/dashboards/years}). */
    String servingGeneration() throws IOException, InterruptedException {
        var response = client.get(LocalService.REPORTING, "/api/v1/dashboards/years", DemoClient.VIEWER);
        if (response.statusCode() != 200) {
            throw new IOException("/api/v1/dashboards/years answered " + response.statusCode());
        }
        return StackClient.json(response.body()).path("generation").asString();
    }

    /** The end offsets of every partition of {@code topics} (those that exist). */
    Map<TopicPartition, Long> ends(Collection<String> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics.stream().filter(existing::contains).toList()).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> description.partitions().forEach(p -> request.put(
                            new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("could not read the end offsets of " + topics, ex);
        }
    }

    /** The offsets {@code group} has committed on {@code topics}, per partition. */
    Map<TopicPartition, Long> committed(String group, Collection<String> topics) {
        try {
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            offsets.forEach((partition, offset) -> {
                if (offset != null && topics.contains(partition.topic())) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("could not read the offsets of " + group, ex);
        }
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the consumed topics that {@code generation}'s group has not yet committed. */
    long lag(String generation) {
        Map<TopicPartition, Long> committed = committed(GROUP_PREFIX + generation, CONSUMED);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends(CONSUMED).entrySet()) {
            lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return lag;
    }

    /**
     * Waits until the served generation has committed everything on its topics, on two looks 2 s apart
     * (the services' outboxes publish what they accepted a moment later); false when {@code max} passed.
     */
    boolean quiesce(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            quiet = lag(servingGeneration()) == 0 ? quiet + 1 : 0;
            if (quiet == 2) {
                return true;
            }
            TimeUnit.SECONDS.sleep(quiet == 1 ? 2 : 1); // waiting for the projection to catch up
        }
        return false;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
