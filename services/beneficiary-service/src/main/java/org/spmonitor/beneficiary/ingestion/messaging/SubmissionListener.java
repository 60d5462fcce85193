package org.spmonitor.beneficiary.ingestion.messaging;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.beneficiary.ingestion.application.SubmissionIntake;
import org.spmonitor.beneficiary.ingestion.domain.InboundRecord;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.platform.security.InboundTokenVerifier;
import org.spmonitor.events.Topics;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.messaging.KafkaBatches;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Reads submissions that integrating systems publish. Every record is accepted, refused (with a
 * rejection event) or parked; none goes to a dead-letter topic, because the submitter must hear back.
 * A failure to store (database down) fails the batch before its offsets are committed, and the batch
 * is retried; the records already decided are recognised by their offset and not decided twice.
 */
@Configuration(proxyBeanMethods = false)
class SubmissionListener {

    private final SubmissionIntake intake;

    SubmissionListener(SubmissionIntake intake) {
        this.intake = intake;
    }

    /**
     * The batch binding {@code onBeneficiaryCountSubmitted-in-0} on {@link Topics#BENEFICIARY_COUNT_SUBMISSIONS},
     * group {@code <consumer-group-prefix>.submissions} (beneficiary-service.yml, ADR 0013): one poll at a time.
     */
    @Bean
    Consumer<Message<List<byte[]>>> onBeneficiaryCountSubmitted() {
        return batch -> {
            for (ConsumerRecord<String, byte[]> record : KafkaBatches.records(batch)) {
                intake.receive(inbound(record));
            }
        };
    }

    static InboundRecord inbound(ConsumerRecord<String, byte[]> record) {
        return new InboundRecord(record.topic(), record.partition(), record.offset(), record.key(),
                EventCodec.header(record.headers(), CloudEventHeaders.ID),
                EventCodec.header(record.headers(), CloudEventHeaders.TYPE),
                EventCodec.header(record.headers(), CloudEventHeaders.CONTENT_TYPE),
                EventCodec.header(record.headers(), CloudEventHeaders.SUBMITTED_BY), record.value(),
                Instant.ofEpochMilli(record.timestamp()),
                EventCodec.header(record.headers(), InboundTokenVerifier.HEADER),
                EventCodec.header(record.headers(), CloudEventHeaders.TRACEPARENT));
    }
}
