package org.spmonitor.platform.programmeview;

import org.spmonitor.platform.PlatformAutoConfiguration;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.messaging.DeadLetters;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The local programme view, for a service that validates submissions against programmes without
 * calling programme-service: opt in with {@code spmonitor.programme-view.enabled=true}.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnProperty(name = "spmonitor.programme-view.enabled", havingValue = "true")
public class ProgrammeViewAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProgrammeView programmeView(MongoTemplate mongo) {
        return new ProgrammeView(mongo);
    }

    @Bean
    @ConditionalOnMissingBean
    ProgrammeViewListener programmeViewListener(EventCodec codec, ProgrammeView view, DeadLetters deadLetters) {
        return new ProgrammeViewListener(codec, view, deadLetters);
    }
}
