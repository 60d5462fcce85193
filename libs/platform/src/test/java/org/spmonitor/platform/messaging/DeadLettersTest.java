package org.spmonitor.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.Topics;
import org.spmonitor.platform.events.PoisonRecordException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** A poison record goes to its topic's dead-letter topic unchanged, says why, and is counted. */
class DeadLettersTest {

    @Test
    void publishesThePoisonRecordToItsDeadLetterTopicWithTheReasonAndCountsIt() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        ProducerFactory<String, byte[]> factory = () -> producer;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DeadLetters deadLetters = new DeadLetters(new KafkaTemplate<>(factory), meters);
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> poison = new ConsumerRecord<>(Topics.PROGRAMME_EVENTS, 2, 99, "KHM", value);

        deadLetters.publish(poison, new PoisonRecordException("payload is not a valid ProgrammeRegistered"));

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.PROGRAMME_EVENTS + ".dlt");
        assertThat(sent.key()).isEqualTo("KHM");
        assertThat(sent.value()).isEqualTo(value);
        assertThat(new String(sent.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("payload is not a valid ProgrammeRegistered");
        assertThat(new String(sent.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.PROGRAMME_EVENTS);
        assertThat(meters.counter("spmonitor.messaging.dead-lettered", "topic", Topics.PROGRAMME_EVENTS).count())
                .isEqualTo(1.0);
    }
}
