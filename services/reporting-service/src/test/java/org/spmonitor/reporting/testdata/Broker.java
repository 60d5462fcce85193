package org.spmonitor.reporting.testdata;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.testsupport.KafkaProbe;

/** Publishes events to the shared broker as the write services do, and hands out unused countries. */
public final class Broker {

    private static final EventCodec PRODUCER = new EventCodec("/spmonitor/test-producer");

    /** Countries no other test of this JVM uses, so tests sharing the broker never see each other's figures. */
    private static final List<String> COUNTRIES = List.of("KHM", "SEN", "UGA", "MOZ", "NPL", "ZMB", "LKA", "PER",
            "BGD", "BFA", "CIV", "ETH", "GHA", "KEN", "LAO", "MWI", "MLI", "MMR", "NER", "NGA", "PAK", "PHL", "RWA",
            "TZA", "TGO", "VNM", "ZWE", "BEN", "BOL", "COL", "ECU", "GTM", "HND", "IDN", "JOR", "MDG", "MAR", "TUN",
            "BDI", "BTN", "CAF", "TCD", "COM", "COG", "COD", "ERI", "GNB", "KIR", "LSO", "LBR", "MRT", "MNG", "NAM",
            "NIC", "PNG", "SLE", "SLB", "SOM", "SSD", "SDN", "TJK", "TLS", "UZB", "VUT", "YEM", "ZAF", "IND", "BRA",
            "MEX", "ARG", "CHL", "PRY", "URY", "THA", "MYS", "KGZ", "MDA", "UKR");
    private static int next;

    public static synchronized String freshCountry() {
        return COUNTRIES.get(next++);
    }

    /** An id no other test uses: {@code prefix}, a dash and eight hex digits ({@code prg-1a2b3c4d}). */
    public static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes with the current time as the CloudEvents time; returns that time (millisecond precision). */
    public static Instant publish(DomainEvent event) {
        Instant time = Instant.ofEpochMilli(System.currentTimeMillis());
        KafkaProbe.send(PRODUCER.toRecord(event, time));
        return time;
    }

    /** Publishes with {@code time} as the CloudEvents time (the time the event happened), as a write service would. */
    public static Instant publishAt(DomainEvent event, Instant time) {
        return publishAt(event, time, null);
    }

    /**
     * Publishes with {@code time} as the CloudEvents time and {@code origin} as its {@code ce_actor},
     * {@code ce_channel}, ... headers (ADR 0021), as the write services' outbox does.
     */
    public static Instant publishAt(DomainEvent event, Instant time, EventOrigin origin) {
        KafkaProbe.send(PRODUCER.toRecord(PRODUCER.toOutboxEvent(event, time, origin)));
        return time;
    }

    /** Publishes the same record twice, as a redelivery does (same {@code ce_id}); returns its time. */
    public static Instant publishTwiceAt(DomainEvent event, Instant time, EventOrigin origin) {
        var record = PRODUCER.toOutboxEvent(event, time, origin);
        KafkaProbe.send(PRODUCER.toRecord(record));
        KafkaProbe.send(PRODUCER.toRecord(record));
        return time;
    }

    /** Publishes in order; returns the time of the last one. */
    public static Instant publishAll(DomainEvent... events) {
        Instant last = null;
        for (DomainEvent event : events) {
            last = publish(event);
        }
        return last;
    }

    private Broker() {
    }
}
