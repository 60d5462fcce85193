package org.spmonitor.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.Topics;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that can never be processed to {@code <topic>.dlt} at once, unchanged, with the
 * cause in {@code kafka_dlt-exception-*} headers and its origin in {@code kafka_dlt-original-*}
 * headers. The send is synchronous: if it fails the batch fails and is retried, so nothing is lost.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;

    public DeadLetters(KafkaTemplate<String, byte[]> template, MeterRegistry meters) {
        this.recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
        this.recoverer.setFailIfSendResultIsError(true);
        this.meters = meters;
    }

    public void publish(ConsumerRecord<?, ?> record, Exception cause) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                cause.getMessage());
        recoverer.accept(record, cause);
        meters.counter("spmonitor.messaging.dead-lettered", "topic", record.topic()).increment();
    }
}
