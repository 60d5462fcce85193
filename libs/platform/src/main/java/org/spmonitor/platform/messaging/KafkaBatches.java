package org.spmonitor.platform.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The batch bindings' view of Kafka (ADR 0013). A batch binding ({@code consumer.batch-mode=true}) whose
 * Kafka extension names {@value #CONVERTER} as its {@code converter-bean-name} receives each poll as one
 * message that carries the polled {@link ConsumerRecord}s themselves ({@link KafkaHeaders#RAW_DATA}) and
 * the consumer that polled them ({@link KafkaHeaders#CONSUMER}). The functions read records, not
 * converted payloads: they decode CloudEvents headers, dead-letter a poison record with its partition and
 * offset, and recognise a record decided before by its offset, as the {@code @KafkaListener}s did.
 */
public final class KafkaBatches {

    /** The bean name of the converter that batch bindings name as their {@code converter-bean-name}. */
    public static final String CONVERTER = "spmonitorBatchConverter";

    private KafkaBatches() {
    }

    /**
     * The converter of the batch bindings: the raw records as a header; no header mapping (the functions
     * read the records' own headers), so a batch of a thousand records costs no per-record header copies.
     */
    public static BatchMessagingMessageConverter converter() {
        BatchMessagingMessageConverter converter = new BatchMessagingMessageConverter();
        converter.setRawRecordHeader(true);
        converter.setHeaderMapper(new KafkaHeaderMapper() {
            @Override
            public void fromHeaders(MessageHeaders headers, Headers target) {
                // inbound only
            }

            @Override
            public void toHeaders(Headers source, java.util.Map<String, Object> target) {
                // the records keep their headers
            }
        });
        return converter;
    }

    /**
     * The records of one poll, in order.
     *
     * @throws IllegalStateException if the binding does not use {@value #CONVERTER}
     */
    @SuppressWarnings("unchecked")
    public static List<ConsumerRecord<String, byte[]>> records(Message<?> batch) {
        Object raw = batch.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(raw instanceof List<?> records)) {
            throw new IllegalStateException("a batch binding without its records: set its Kafka consumer property "
                    + "converter-bean-name to " + CONVERTER + " and batch-mode to true");
        }
        return (List<ConsumerRecord<String, byte[]>>) records;
    }

    /** The consumer that polled the batch (for its positions), or null if the binder gave none. */
    public static Consumer<?, ?> consumer(Message<?> batch) {
        return batch.getHeaders().get(KafkaHeaders.CONSUMER, Consumer.class);
    }
}
