package org.spmonitor.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param createTopics whether the service creates the contract topics at start-up (off where an
 *        operator manages topics and ACLs)
 * @param partitions partitions of each created topic
 * @param replicationFactor replication factor of each created topic
 */
@ConfigurationProperties("spmonitor.kafka")
public record PlatformProperties(boolean createTopics, int partitions, short replicationFactor) {

    public PlatformProperties {
        partitions = partitions <= 0 ? 3 : partitions;
        replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
    }
}
