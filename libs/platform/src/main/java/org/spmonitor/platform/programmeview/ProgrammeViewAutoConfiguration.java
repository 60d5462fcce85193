package org.spmonitor.platform.programmeview;

import org.spmonitor.platform.PlatformAutoConfiguration;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.messaging.DeadLetters;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The local programme view, for a service that validates submissions against programmes without
 * calling programme-service: opt in with {@code spmonitor.programme-view.enabled=true}. The service
 * reads it through {@link KnownProgrammes} and may listen for {@link ProgrammeViewChanged}.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnProperty(name = "spmonitor.programme-view.enabled", havingValue = "true")
public class ProgrammeViewAutoConfiguration {

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
}
