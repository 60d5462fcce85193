package org.spmonitor.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.test.context.TestPropertySource;

/**
 * A service instance with a stable name ({@code spmonitor.instance-id}) whose consumer stops without
 * leaving its group, as in a crash, gets its partitions back at once when it comes back, long before
 * the dead member's session would expire. Real broker, the service's own listener container factory.
 */
@SpmonitorIntegrationTest
@TestPropertySource(properties = "spmonitor.instance-id=" + StaticGroupMembershipIntegrationTest.INSTANCE)
class StaticGroupMembershipIntegrationTest {

    static final String INSTANCE = "platform-test-7";
    private static final int PARTITIONS = 3;
    /** Far longer than the replacement may take; a dynamic member would wait all of it. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ConcurrentKafkaListenerContainerFactory<String, byte[]> containers;

    private Admin admin;
    private String topic;
    private String group;

    @BeforeEach
    void createTopic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers()));
        String name = "static-membership-" + UUID.randomUUID();
        topic = name;
        group = name + ".group";
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeAdmin() {
        admin.close(Duration.ofSeconds(5));
    }

    @Test
    void aConsumerThatDiedWithoutLeavingIsReplacedByItsSuccessorAtOnce() throws Exception {
        String expectedId = INSTANCE + "." + group + "-0";
        ConcurrentMessageListenerContainer<String, byte[]> first = container();
        first.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> assigned(first) == PARTITIONS);
        MemberDescription before = onlyMember();
        assertThat(before.groupInstanceId()).contains(expectedId);

        // a static member closed is a crash to the group: it does not leave, its partitions stay its own
        first.stop();
        assertThat(first.isRunning()).isFalse();
        MemberDescription stillThere = onlyMember();
        assertThat(stillThere.consumerId()).isEqualTo(before.consumerId());
        assertThat(stillThere.assignment().topicPartitions()).hasSize(PARTITIONS);

        ConcurrentMessageListenerContainer<String, byte[]> second = container();
        try {
            second.start();
            // generous, and still half the session timeout a dynamic successor would have to wait out
            await().atMost(SESSION_TIMEOUT.dividedBy(2)).until(() -> assigned(second) == PARTITIONS);
            MemberDescription after = onlyMember();
            assertThat(after.groupInstanceId()).contains(expectedId);
            assertThat(after.consumerId()).isNotEqualTo(before.consumerId());
            assertThat(after.assignment().topicPartitions()).hasSize(PARTITIONS);
        }
        finally {
            second.stop();
        }
    }

    @Test
    void theInstanceNameIsGivenPerGroupAndConsumerOnlyWhenThereIsOne() {
        DefaultKafkaConsumerFactory<String, byte[]> plain = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class));

        assertThat(instanceIdOf(factoryAfter(new StaticGroupMembership(" "), plain), "g", "-2")).isEmpty();
        assertThat(instanceIdOf(factoryAfter(new StaticGroupMembership(null), plain), "g", "-2")).isEmpty();
        ConcurrentKafkaListenerContainerFactory<String, byte[]> named = factoryAfter(
                new StaticGroupMembership("reporting-1"), plain);
        assertThat(instanceIdOf(named, "g", "-2")).contains("reporting-1.g-2");
        assertThat(instanceIdOf(named, "other.group", "-0")).contains("reporting-1.other.group-0");
        // post-processing twice does not wrap twice
        new StaticGroupMembership("reporting-1").postProcessAfterInitialization(named, "again");
        assertThat(instanceIdOf(named, "g", "-2")).contains("reporting-1.g-2");
    }

    private ConcurrentMessageListenerContainer<String, byte[]> container() {
        ConcurrentMessageListenerContainer<String, byte[]> container = containers.createContainer(topic);
        // the group is set after the container is built, as reporting-service's projection does
        container.getContainerProperties().setGroupId(group);
        container.getContainerProperties().getKafkaConsumerProperties()
                .setProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT.toMillis()));
        container.getContainerProperties().setMessageListener((MessageListener<String, byte[]>) record -> {
        });
        return container;
    }

    private static int assigned(ConcurrentMessageListenerContainer<String, byte[]> container) {
        Collection<?> partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private MemberDescription onlyMember() throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                .get(group).get(30, TimeUnit.SECONDS);
        assertThat(description.members()).hasSize(1);
        return description.members().iterator().next();
    }

    private static ConcurrentKafkaListenerContainerFactory<String, byte[]> factoryAfter(
            StaticGroupMembership membership, DefaultKafkaConsumerFactory<String, byte[]> consumers) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        membership.postProcessAfterInitialization(factory, "kafkaListenerContainerFactory");
        return factory;
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> instanceIdOf(ConcurrentKafkaListenerContainerFactory<String, byte[]> factory,
            String group, String suffix) {
        try (Consumer<String, byte[]> consumer = (Consumer<String, byte[]>) factory.getConsumerFactory()
                .createConsumer(group, null, suffix, null)) {
            return consumer.groupMetadata().groupInstanceId();
        }
    }
}
