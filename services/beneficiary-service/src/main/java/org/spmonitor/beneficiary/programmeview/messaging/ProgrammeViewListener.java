package org.spmonitor.beneficiary.programmeview.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.beneficiary.programmeview.domain.KnownProgramme;
import org.spmonitor.beneficiary.programmeview.domain.ProgrammeViewChanged;
import org.spmonitor.beneficiary.programmeview.store.ProgrammeViewStore;
import org.spmonitor.events.Topics;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.PoisonRecordException;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.messaging.DeadLetters;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the local programme view from programme events; redeliveries change nothing. After each
 * programme event it announces {@link ProgrammeViewChanged} (synchronously, so a failure to release
 * the submissions parked for that programme fails the batch, which is then retried).
 */
@Component
class ProgrammeViewListener {

    private final EventCodec codec;
    private final ProgrammeViewStore store;
    private final DeadLetters deadLetters;
    private final ApplicationEventPublisher announcements;

    ProgrammeViewListener(EventCodec codec, ProgrammeViewStore store, DeadLetters deadLetters,
            ApplicationEventPublisher announcements) {
        this.codec = codec;
        this.store = store;
        this.deadLetters = deadLetters;
        this.announcements = announcements;
    }

    @KafkaListener(id = "onProgrammeEvent", topics = Topics.PROGRAMME_EVENTS,
            groupId = "${spmonitor.beneficiary.consumer-group-prefix:beneficiary-service}.programme-view", batch = "true")
    void onProgrammeEvent(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ReceivedEvent event;
            try {
                event = codec.decode(record);
            }
            catch (PoisonRecordException ex) {
                deadLetters.publish(record, ex);
                continue;
            }
            if (event.payload() instanceof ProgrammeRegistered p) {
                store.save(new KnownProgramme(p.programmeId(), p.version(), p.country(), p.startDate(), p.endDate(),
                        p.status()));
                announcements.publishEvent(new ProgrammeViewChanged(p.programmeId()));
            }
            else if (event.payload() instanceof ProgrammeUpdated p) {
                store.save(new KnownProgramme(p.programmeId(), p.version(), p.country(), p.startDate(), p.endDate(),
                        p.status()));
                announcements.publishEvent(new ProgrammeViewChanged(p.programmeId()));
            }
        }
    }
}
