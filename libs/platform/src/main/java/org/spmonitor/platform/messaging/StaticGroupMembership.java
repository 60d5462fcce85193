package org.spmonitor.platform.messaging;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Static consumer group membership for every Spring Cloud Stream binding of an instance with a stable
 * name ({@code spmonitor.instance-id}): a {@link ListenerContainerCustomizer} of the Kafka binder that
 * gives each binding's consumers a {@code group.instance.id} of {@code <instance-id>.<group-id><suffix>},
 * the suffix being spring-kafka's {@code -n} per concurrent consumer of a container (ADR 0013).
 * Restarted after a crash (SIGKILL, power cut, OOM kill), the instance's consumers rejoin under the
 * same ids; the group coordinator hands each the partitions of its dead predecessor at once, where a
 * new dynamic member would wait until the dead one's session expires ({@code session.timeout.ms},
 * 45 s by default).
 * <p>
 * Why static membership and not the Kafka 4 consumer group protocol ({@code group.protocol=consumer}):
 * measured against the embedded KRaft broker (Kafka 4.1), a consumer SIGKILLed and replaced got its
 * partitions back after 0.1 - 2.7 s with static membership in the classic protocol, 45 s without it
 * in either protocol; under the consumer protocol a static member cannot take over an id whose
 * previous holder died without leaving ({@code UnreleasedInstanceIdException}) until that holder's
 * session expires.
 * <p>
 * The customizer sets the id in the container's consumer properties; spring-kafka appends the
 * consumer's suffix when it creates each consumer. Bindings that already carry a
 * {@code group.instance.id}, and anonymous bindings (no group), are left alone. Offsets, ack mode and
 * error handling are unchanged: consumers still commit only after their function (and so their own
 * writes) returned.
 * <p>
 * A static member does not leave its group when it is closed: a consumer stopped for good (an instance
 * removed, renamed or scaled down) keeps its partitions until its session times out. So the instance
 * id must be stable for an instance and distinct between instances (a StatefulSet pod name), and
 * without one nothing changes.
 */
public final class StaticGroupMembership
        implements ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> {

    private final String instanceId;

    /** @param instanceId the instance's stable name; null or blank: dynamic membership, as before */
    public StaticGroupMembership(String instanceId) {
        this.instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId.strip();
    }

    /** The {@code group.instance.id} of a consumer of {@code groupId} ({@code suffix}: {@code -n} or empty). */
    public static String groupInstanceId(String instanceId, String groupId, String suffix) {
        return instanceId + "." + groupId + (suffix == null ? "" : suffix);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group) {
        if (instanceId == null || group == null || group.isBlank()) {
            return;
        }
        Properties consumerProperties = container.getContainerProperties().getKafkaConsumerProperties();
        if (consumerProperties.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) == null) {
            consumerProperties.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    groupInstanceId(instanceId, group, ""));
        }
    }
}
