package org.spmonitor.financing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.spmonitor.events.CloudEventHeaders;
import org.spmonitor.events.EventType;
import org.spmonitor.events.Topics;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.financing.Programmes;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.testsupport.KafkaProbe;
import org.spmonitor.testsupport.SpmonitorIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

/** financing-service's local programme view, fed through the real broker by programme events. */
@SpmonitorIntegrationTest
class ProgrammeViewIntegrationTest {

    @Autowired
    KnownProgrammes view;

    private static String freshId() {
        return "prg-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static ProgrammeUpdated suspended(ProgrammeRegistered p, long version) {
        return new ProgrammeUpdated(p.programmeId(), version, p.country(), p.name(), p.description(), p.partners(),
                p.donors(), p.startDate(), p.endDate().plusYears(1), ProgrammeStatus.SUSPENDED, p.floorGuarantees(),
                p.branches(), p.targetGroups(), p.annualTargets(), java.util.List.of("status", "endDate"));
    }

    @Test
    void keepsTheNewestVersionOfAProgrammeWhenAnOlderEventIsRedelivered() {
        ProgrammeRegistered registered = Programmes.registered(freshId(), "UGA", 1);
        TopicRecords.publish(registered);
        TopicRecords.publish(suspended(registered, 2));
        await().atMost(TopicRecords.WAIT).until(() -> view.find(registered.programmeId())
                .map(KnownProgramme::version).orElse(0L) == 2);

        TopicRecords.publish(registered); // redelivered late; same key, so it is read before the marker below
        ProgrammeRegistered marker = Programmes.registered(freshId(), "UGA", 1);
        TopicRecords.publish(marker);
        await().atMost(TopicRecords.WAIT).until(() -> view.find(marker.programmeId()).isPresent());

        KnownProgramme known = view.find(registered.programmeId()).orElseThrow();
        assertThat(known.version()).isEqualTo(2);
        assertThat(known.status()).isEqualTo(ProgrammeStatus.SUSPENDED);
        assertThat(known.endDate()).isEqualTo(registered.endDate().plusYears(1));
        assertThat(known.country()).isEqualTo("UGA");
    }

    @Test
    void deadLettersAProgrammeEventItCannotReadAndKeepsReadingTheNextOnes() {
        String poisonId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.PROGRAMME_EVENTS, "MWI",
                ("not json " + poisonId).getBytes(StandardCharsets.UTF_8));
        poison.headers().add(CloudEventHeaders.TYPE,
                EventType.PROGRAMME_REGISTERED.typeName().getBytes(StandardCharsets.UTF_8));
        poison.headers().add(CloudEventHeaders.ID, poisonId.getBytes(StandardCharsets.UTF_8));
        KafkaProbe.send(poison);
        ProgrammeRegistered next = Programmes.registered(freshId(), "MWI", 1);
        TopicRecords.publish(next);

        await().atMost(TopicRecords.WAIT).until(() -> view.find(next.programmeId()).isPresent());
        try (KafkaProbe dlt = KafkaProbe.from(Topics.deadLetterTopicOf(Topics.PROGRAMME_EVENTS))) {
            dlt.awaitRecord(record -> KafkaProbe.value(record).endsWith(poisonId), TopicRecords.WAIT);
        }
    }
}
