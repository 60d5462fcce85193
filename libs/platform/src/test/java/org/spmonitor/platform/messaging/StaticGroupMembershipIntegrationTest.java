package org.spmonitor.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.SharedInfrastructure;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.test.context.TestPropertySource;

/**
 * A service instance with a stable name ({@code spmonitor.instance-id}) whose consumer stops without
 * leaving its group, as in a crash, gets its partitions back at once when it comes back, long before
 * the dead member's session would expire. Real broker; the consumers are Spring Cloud Stream bindings of
 * the Kafka binder, which applies the platform's {@link StaticGroupMembership} to their containers.
 */
@SpmonitorIntegrationTest
@TestPropertySource(properties = "spmonitor.instance-id=" + StaticGroupMembershipIntegrationTest.INSTANCE)
class StaticGroupMembershipIntegrationTest {

    static final String INSTANCE = "platform-test-7";
    private static final int PARTITIONS = 3;

    @Autowired
    BindingService bindings;

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
    void aBindingThatDiedWithoutLeavingIsReplacedByItsSuccessorAtOnce() throws Exception {
        String binding = "staticMembership-" + UUID.randomUUID() + "-in-0";
        BindingProperties properties = bindings.getBindingServiceProperties().getBindingProperties(binding);
        properties.setDestination(topic);
        properties.setGroup(group);
        ConsumerProperties consumer = bindings.getBindingServiceProperties().getConsumerProperties(binding);
        consumer.setConcurrency(1);
        DirectChannel channel = new DirectChannel();
        channel.subscribe(message -> {
        });

        bindings.bindConsumer(channel, binding);
        await().atMost(Duration.ofSeconds(30)).until(() -> assignedPartitions() == PARTITIONS);
        MemberDescription before = onlyMember();
        assertThat(before.groupInstanceId()).as("the binder's container names its consumer after the instance")
                .hasValueSatisfying(id -> assertThat(id).startsWith(INSTANCE + "." + group));

        // a static member closed is a crash to the group: it does not leave, its partitions stay its own
        bindings.unbindConsumers(binding);
        MemberDescription stillThere = onlyMember();
        assertThat(stillThere.consumerId()).isEqualTo(before.consumerId());
        assertThat(stillThere.assignment().topicPartitions()).hasSize(PARTITIONS);

        bindings.bindConsumer(channel, binding);
        try {
            // generous, and still half the session timeout (45 s) a dynamic successor would have to wait out
            await().atMost(Duration.ofSeconds(22)).until(() -> !onlyMember().consumerId().equals(before.consumerId())
                    && assignedPartitions() == PARTITIONS);
            MemberDescription after = onlyMember();
            assertThat(after.groupInstanceId()).isEqualTo(before.groupInstanceId());
            assertThat(after.assignment().topicPartitions()).hasSize(PARTITIONS);
        }
        finally {
            bindings.unbindConsumers(binding);
        }
    }

    @Test
    void theInstanceNameIsGivenPerGroupOnlyWhenThereIsOneAndNeverOverridden() {
        assertThat(instanceIdAfter(new StaticGroupMembership(" "), "g", null)).isNull();
        assertThat(instanceIdAfter(new StaticGroupMembership(null), "g", null)).isNull();
        assertThat(instanceIdAfter(new StaticGroupMembership("reporting-1"), "g", null)).isEqualTo("reporting-1.g");
        assertThat(instanceIdAfter(new StaticGroupMembership("reporting-1"), "other.group", null))
                .isEqualTo("reporting-1.other.group");
        assertThat(instanceIdAfter(new StaticGroupMembership("reporting-1"), null, null))
                .as("an anonymous binding has no group to be a static member of").isNull();
        assertThat(instanceIdAfter(new StaticGroupMembership("reporting-1"), "g", "set-by-the-binding"))
                .isEqualTo("set-by-the-binding");
        assertThat(StaticGroupMembership.groupInstanceId("reporting-1", "g", "-2")).isEqualTo("reporting-1.g-2");
    }

    /** The {@code group.instance.id} a container of {@code group} gets from {@code membership}. */
    private String instanceIdAfter(StaticGroupMembership membership, String group, String alreadySet) {
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener((MessageListener<String, byte[]>) record -> {
        });
        if (alreadySet != null) {
            Properties consumerProperties = new Properties();
            consumerProperties.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, alreadySet);
            properties.setKafkaConsumerProperties(consumerProperties);
        }
        ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(Map.of()), properties);
        membership.configure(container, topic, group);
        return container.getContainerProperties().getKafkaConsumerProperties()
                .getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    private int assignedPartitions() throws Exception {
        ConsumerGroupDescription description = describe();
        return description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    }

    private MemberDescription onlyMember() throws Exception {
        ConsumerGroupDescription description = describe();
        assertThat(description.members()).hasSize(1);
        return description.members().iterator().next();
    }

    private ConsumerGroupDescription describe() throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(30, TimeUnit.SECONDS);
    }
}
