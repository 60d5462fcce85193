package org.spmonitor.platform.programmeview;

import java.util.List;
import java.util.function.Consumer;

import org.spmonitor.platform.PlatformAutoConfiguration;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.messaging.DeadLetters;
import org.spmonitor.platform.messaging.KafkaBatches;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * The local programme view, for a service that validates submissions against programmes without
 * calling programme-service: opt in with {@code spmonitor.programme-view.enabled=true}. The service
 * reads it through {@link KnownProgrammes} and may listen for {@link ProgrammeViewChanged}. The view is
 * fed by the Spring Cloud Stream batch binding {@code onProgrammeEvent-in-0}, whose destination, group
 * and error handling are platform defaults; the service names {@value #FUNCTION} in its
 * {@code spring.cloud.function.definition}.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnProperty(name = "spmonitor.programme-view.enabled", havingValue = "true")
public class ProgrammeViewAutoConfiguration {

    /** The function the service adds to its {@code spring.cloud.function.definition}. */
    public static final String FUNCTION = "onProgrammeEvent";

    @Bean
    @ConditionalOnMissingBean
    KnownProgrammes knownProgrammes(MongoTemplate mongo) {
        return new KnownProgrammes(mongo);
    }

    @Bean
    @ConditionalOnMissingBean
    ProgrammeViewListener programmeViewListener(EventCodec codec, KnownProgrammes view, DeadLetters deadLetters,
            ApplicationEventPublisher announcements) {
        return new ProgrammeViewListener(codec, view, deadLetters, announcements);
    }

    @Bean(FUNCTION)
    Consumer<Message<List<byte[]>>> onProgrammeEvent(ProgrammeViewListener listener) {
        return batch -> listener.onProgrammeEvent(KafkaBatches.records(batch));
    }
}
