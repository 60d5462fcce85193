package org.spmonitor.local.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.Topics;

/**
 * Count submissions as a national MIS publishes them on {@code beneficiaries.beneficiary-count-submissions.v1}
 * (beneficiary-service README, "Kafka integration"): keyed by country, the REST body as value, the
 * system's identity, a {@code ce_id} and its bearer token in {@code authorization}.
 */
public final class InboundSubmissions {

    /** The next {@code n} keys of {@code keys} as inbound records of {@code country}, sent with {@code token}. */
    public static List<ProducerRecord<String, byte[]>> records(String country, CountKeys keys, int n, String system,
            String token) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventHeaders.SUBMITTED_BY, system.getBytes(StandardCharsets.UTF_8));
            headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
            headers.add("authorization", ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
            records.add(new ProducerRecord<>(Topics.BENEFICIARY_COUNT_SUBMISSIONS, null, country,
                    keys.nextBody().getBytes(StandardCharsets.UTF_8), headers));
        }
        return records;
    }

    private InboundSubmissions() {
    }
}
