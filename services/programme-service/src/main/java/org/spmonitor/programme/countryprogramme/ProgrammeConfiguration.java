package org.spmonitor.programme.countryprogramme;

import java.time.Clock;

import org.spmonitor.programme.countryprogramme.domain.ProgrammeRepository;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java use cases to the Mongo store and the system clock. */
@Configuration(proxyBeanMethods = false)
class ProgrammeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProgrammeService programmeService(ProgrammeRepository repository, Clock clock) {
        return new ProgrammeService(repository, clock);
    }
}
