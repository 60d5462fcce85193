package org.spmonitor.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ConsumerPostProcessor;

/**
 * Static consumer group membership for every listener container of an instance with a stable name
 * ({@code spmonitor.instance-id}): each consumer joins its group with a {@code group.instance.id} of
 * {@code <instance-id>.<group-id><suffix>}, the suffix being spring-kafka's {@code -n} per concurrent
 * consumer of a container. Restarted after a crash (SIGKILL, power cut, OOM kill), the instance's
 * consumers rejoin under the same ids; the group coordinator hands each the partitions of its dead
 * predecessor at once, where a new dynamic member would wait until the dead one's session expires
 * ({@code session.timeout.ms}, 45 s by default).
 * <p>
 * Why static membership and not the Kafka 4 consumer group protocol ({@code group.protocol=consumer}):
 * measured against the embedded KRaft broker (Kafka 4.1), a consumer SIGKILLed and replaced got its
 * partitions back after 0.1 - 2.7 s with static membership in the classic protocol, 45 s without it
 * in either protocol; under the consumer protocol a static member cannot take over an id whose
 * previous holder died without leaving ({@code UnreleasedInstanceIdException}) until that holder's
 * session expires.
 * <p>
 * The group id is read when a container creates its consumer, not when the container is built, so
 * containers that set their group after creation (reporting-service's projection generations) get it
 * too. Consumers that already carry a {@code group.instance.id}, and consumers without a group, are
 * left alone. Offsets, ack mode and error handling are unchanged: consumers still commit only after
 * their listener (and so their own writes) returned.
 * <p>
 * A static member does not leave its group when it is closed: a consumer stopped for good (an instance
 * removed, renamed or scaled down) keeps its partitions until its session times out. So the instance
 * id must be stable for an instance and distinct between instances (a StatefulSet pod name), and
 * without one nothing changes.
 */
public final class StaticGroupMembership implements BeanPostProcessor {

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
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (instanceId != null && bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
            apply(factory);
        }
        return bean;
    }

    private <K, V> void apply(AbstractKafkaListenerContainerFactory<?, K, V> factory) {
        ConsumerFactory<? super K, ? super V> consumers = factory.getConsumerFactory();
        if (consumers != null && !(consumers instanceof StaticConsumerFactory<?, ?>)) {
            factory.setConsumerFactory(new StaticConsumerFactory<>(consumers, instanceId));
        }
    }

    /** A consumer factory that names each group consumer it creates; everything else is the delegate's. */
    static final class StaticConsumerFactory<K, V> implements ConsumerFactory<K, V> {

        private final ConsumerFactory<K, V> delegate;
        private final String instanceId;

        StaticConsumerFactory(ConsumerFactory<K, V> delegate, String instanceId) {
            this.delegate = delegate;
            this.instanceId = instanceId;
        }

        @Override
        public Consumer<K, V> createConsumer(String groupId, String clientIdPrefix, String clientIdSuffix,
                Properties properties) {
            Properties named = new Properties();
            if (properties != null) {
                named.putAll(properties);
            }
            String group = groupId != null && !groupId.isBlank() ? groupId
                    : named.getProperty(ConsumerConfig.GROUP_ID_CONFIG,
                            (String) getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG));
            boolean alreadyNamed = named.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                    || getConfigurationProperties().get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) != null;
            if (group != null && !group.isBlank() && !alreadyNamed) {
                named.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        groupInstanceId(instanceId, group, clientIdSuffix));
            }
            return delegate.createConsumer(groupId, clientIdPrefix, clientIdSuffix, named);
        }

        @Override
        public boolean isAutoCommit() {
            return delegate.isAutoCommit();
        }

        @Override
        public Map<String, Object> getConfigurationProperties() {
            return delegate.getConfigurationProperties();
        }

        @Override
        public Deserializer<K> getKeyDeserializer() {
            return delegate.getKeyDeserializer();
        }

        @Override
        public Deserializer<V> getValueDeserializer() {
            return delegate.getValueDeserializer();
        }

        @Override
        public boolean removeListener(Listener<K, V> listener) {
            return delegate.removeListener(listener);
        }

        @Override
        public void addListener(int index, Listener<K, V> listener) {
            delegate.addListener(index, listener);
        }

        @Override
        public void addListener(Listener<K, V> listener) {
            delegate.addListener(listener);
        }

        @Override
        public List<Listener<K, V>> getListeners() {
            return delegate.getListeners();
        }

        @Override
        public void addPostProcessor(ConsumerPostProcessor<K, V> postProcessor) {
            delegate.addPostProcessor(postProcessor);
        }

        @Override
        public boolean removePostProcessor(ConsumerPostProcessor<K, V> postProcessor) {
            return delegate.removePostProcessor(postProcessor);
        }

        @Override
        public List<ConsumerPostProcessor<K, V>> getPostProcessors() {
            return delegate.getPostProcessors();
        }

        @Override
        public void updateConfigs(Map<String, Object> updates) {
            delegate.updateConfigs(updates);
        }

        @Override
        public void removeConfig(String configKey) {
            delegate.removeConfig(configKey);
        }
    }
}
