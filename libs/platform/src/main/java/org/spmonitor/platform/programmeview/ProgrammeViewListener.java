package org.spmonitor.platform.programmeview;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.events.Topics;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.PoisonRecordException;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.messaging.DeadLetters;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Feeds {@link KnownProgrammes} from {@code programmes.programme-events.v1}, through the batch binding
 * {@code onProgrammeEvent-in-0} ({@link ProgrammeViewAutoConfiguration}) in consumer group
 * {@code spmonitor.programme-view.group} (default {@code <spring.application.name>.programme-view}).
 * After each programme event it publishes a {@link ProgrammeViewChanged} Spring application event,
 * synchronously: a listener that fails (say, releasing the submissions parked for that programme)
 * fails the batch, which the platform error handler retries without committing. Poison records go
 * to the dead-letter topic.
 */
public class ProgrammeViewListener {

    private final EventCodec codec;
    private final KnownProgrammes view;
    private final DeadLetters deadLetters;
    private final ApplicationEventPublisher announcements;

    public ProgrammeViewListener(EventCodec codec, KnownProgrammes view, DeadLetters deadLetters,
            ApplicationEventPublisher announcements) {
        this.codec = codec;
        this.view = view;
        this.deadLetters = deadLetters;
        this.announcements = announcements;
    }

    /** One poll of {@link Topics#PROGRAMME_EVENTS}. */
    public void onProgrammeEvent(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ReceivedEvent event;
            try {
                event = codec.decode(record);
            }
            catch (PoisonRecordException ex) {
                deadLetters.publish(record, ex);
                continue;
            }
            KnownProgramme programme = known(event.payload());
            if (programme != null) {
                view.save(programme);
                announcements.publishEvent(new ProgrammeViewChanged(programme.id()));
            }
        }
    }

    /** What a programme event tells of the programme, or null for the events that do not change it. */
    static KnownProgramme known(Object payload) {
        if (payload instanceof ProgrammeRegistered p) {
            return new KnownProgramme(p.programmeId(), p.version(), p.country(), p.startDate(), p.endDate(), p.status());
        }
        if (payload instanceof ProgrammeUpdated p) {
            return new KnownProgramme(p.programmeId(), p.version(), p.country(), p.startDate(), p.endDate(), p.status());
        }
        return null;
    }
}
