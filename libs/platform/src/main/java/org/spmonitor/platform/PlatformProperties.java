package org.spmonitor.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param createTopics whether the service creates the contract topics at start-up (off where an
 *        operator manages topics and ACLs)
 * @param partitions partitions of each created topic
 * @param replicationFactor replication factor of each created topic
 * @param minInsyncReplicas replicas that must hold a record before the broker acknowledges it to a
 *        producer sending with {@code acks=all}; by default 2 where there are 3 or more replicas, else
 *        every replica
 */
@ConfigurationProperties("spmonitor.kafka")
public record PlatformProperties(boolean createTopics, int partitions, short replicationFactor,
        int minInsyncReplicas) {

    public PlatformProperties {
        partitions = partitions <= 0 ? 3 : partitions;
        replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
        minInsyncReplicas = minInsyncReplicas <= 0 ? Math.min(replicationFactor, 2) : minInsyncReplicas;
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("spmonitor.kafka.min-insync-replicas (" + minInsyncReplicas
                    + ") exceeds spmonitor.kafka.replication-factor (" + replicationFactor + ")");
        }
    }
}
