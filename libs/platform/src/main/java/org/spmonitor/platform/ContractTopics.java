package org.spmonitor.platform;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.spmonitor.events.Topics;

import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics of the public contract as the services create them ({@code spmonitor.kafka.create-topics}):
 * every event topic and its dead-letter topic, each with the partitions, replication and retention of
 * {@link PlatformProperties}. docker-compose.yml (init container {@code kafka-topics}) and the Strimzi
 * {@code KafkaTopic}s of deploy/k8s provision the same; {@code DeploymentFilesTest} keeps them equal.
 */
public final class ContractTopics {

    /** The event topics of DESIGN.md, each of which also has a dead-letter topic. */
    public static final List<String> EVENT_TOPICS = List.of(Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS,
            Topics.BENEFICIARY_COUNT_EVENTS, Topics.BENEFICIARY_COUNT_SUBMISSIONS, Topics.SUBMISSION_REJECTIONS,
            Topics.DASHBOARD_UPDATES, Topics.COMPLETENESS_EVENTS);

    /** Every topic the services create: each event topic followed by its dead-letter topic. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            names.add(topic);
            names.add(Topics.deadLetterTopicOf(topic));
        }
        return List.copyOf(names);
    }

    /** Every topic the services create, as created with {@code properties}. */
    public static List<NewTopic> all(PlatformProperties properties) {
        return names().stream().map(name -> durable(name, properties)).toList();
    }

    /**
     * A topic that keeps its whole history (replays from offset 0 depend on it: {@code retention.ms} and
     * {@code retention.bytes} -1, no compaction) and acknowledges an {@code acks=all} record only once
     * {@code min.insync.replicas} replicas hold it.
     */
    public static NewTopic durable(String name, PlatformProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
                .build();
    }

    private ContractTopics() {
    }
}
