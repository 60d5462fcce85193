package org.spmonitor.local.bench;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.platform.events.EventCodec;

/**
 * Loads a read model the fastest honest way: the {@code BeneficiaryCountReported} events that
 * beneficiary-service would publish for the counts of a workload (version 1, the count id of its natural
 * key, a sex breakdown), written by the platform's {@link EventCodec} exactly as its outbox relay does
 * (CloudEvents binary mode, {@code ce_*} headers, key = country, {@code ce_source}
 * {@value #SOURCE}) straight onto {@value Topics#BENEFICIARY_COUNT_EVENTS}. beneficiary-service itself
 * never sees them; reporting-service cannot tell them apart from its events.
 */
final class FactLoad {

    static final String SOURCE = "/spmonitor/beneficiary-service";

    private FactLoad() {
    }

    /** When the first event was sent and when the broker had them all ({@link System#nanoTime()}). */
    record Produced(long start, long end) {

        double seconds() {
            return (end - start) / 1e9;
        }
    }

    /** Sends every count's event and waits until the broker has them all. */
    static Produced produce(String bootstrapServers, Workload workload) {
        EventCodec codec = new EventCodec(SOURCE);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = RawLimits.producer(bootstrapServers)) {
            producer.partitionsFor(Topics.BENEFICIARY_COUNT_EVENTS); // metadata first: the clock measures sending
            start = System.nanoTime();
            workload.forEach(count -> producer.send(codec.toRecord(new BeneficiaryCountReported(count.countId(), 1,
                    count.programmeId(), count.country(), count.period(), count.group(), count.measure(),
                    count.total(), new SexBreakdown(count.female(), count.male(), null), null, null, null),
                    Instant.now()), (metadata, ex) -> {
                        if (ex != null) {
                            failed.incrementAndGet();
                            failure.set(ex);
                        }
                    }));
            producer.flush();
            end = System.nanoTime();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " events were not sent", failure.get());
        }
        return new Produced(start, end);
    }
}
