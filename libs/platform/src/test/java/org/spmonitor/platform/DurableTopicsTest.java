package org.spmonitor.platform;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableTopicsTest {

    @Test
    void createdTopicsKeepTheirWholeHistory() {
        NewTopic topic = ContractTopics.durable("beneficiaries.beneficiary-count-events.v1",
                new PlatformProperties(true, 3, (short) 1, 0));

        assertThat(topic.configs()).containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1")
                .containsEntry("cleanup.policy", "delete");
        assertThat(topic.numPartitions()).isEqualTo(3);
    }

    @Test
    void aReplicatedTopicAcknowledgesOnlyOnceTwoReplicasHoldARecord() {
        NewTopic topic = ContractTopics.durable("programmes.programme-events.v1",
                new PlatformProperties(true, 6, (short) 3, 0));

        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void everyEventTopicIsCreatedWithItsDeadLetterTopic() {
        assertThat(ContractTopics.all(new PlatformProperties(true, 0, (short) 0, 0))).hasSize(14)
                .extracting(NewTopic::name)
                .contains("reporting.dashboard-updates.v1", "reporting.dashboard-updates.v1.dlt",
                        "reporting.completeness-events.v1", "reporting.completeness-events.v1.dlt",
                        "beneficiaries.beneficiary-count-submissions.v1.dlt");
    }

    @Test
    void aSingleReplicaCannotWaitForASecond() {
        assertThat(new PlatformProperties(true, 3, (short) 1, 0).minInsyncReplicas()).isEqualTo(1);
        assertThatThrownBy(() -> new PlatformProperties(true, 3, (short) 1, 2))
                .hasMessageContaining("min-insync-replicas");
    }
}
