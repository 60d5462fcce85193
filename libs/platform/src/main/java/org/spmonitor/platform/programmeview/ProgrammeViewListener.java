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

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds the {@link ProgrammeView} from {@code programmes.programme-events.v1}, in consumer group
 * {@code <spring.application.name>.programme-view}. Poison records go to the dead-letter topic; a
 * failing write fails the batch, which the platform error handler retries without committing.
 */
public class ProgrammeViewListener {

    private final EventCodec codec;
    private final ProgrammeView view;
    private final DeadLetters deadLetters;

    public ProgrammeViewListener(EventCodec codec, ProgrammeView view, DeadLetters deadLetters) {
        this.codec = codec;
        this.view = view;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "onProgrammeEvent", topics = Topics.PROGRAMME_EVENTS,
            groupId = "${spring.application.name}.programme-view", batch = "true")
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
            if (event.payload() instanceof ProgrammeRegistered p) {
                view.save(new KnownProgramme(p.programmeId(), p.version(), p.country(), p.startDate(), p.endDate(),
                        p.status()));
            }
            else if (event.payload() instanceof ProgrammeUpdated p) {
                view.save(new KnownProgramme(p.programmeId(), p.version(), p.country(), p.startDate(), p.endDate(),
                        p.status()));
            }
        }
    }
}
