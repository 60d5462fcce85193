package org.spmonitor.programme.countryprogramme;

import java.time.Clock;

import org.spmonitor.programme.countryprogramme.domain.ProgrammeRepository;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java use cases to the Mongo store and the system clock (UTC). */
@Configuration(proxyBeanMethods = false)
class ProgrammeConfiguration {

    @Bean
    ProgrammeService programmeService(ProgrammeRepository repository) {
        return new ProgrammeService(repository, Clock.systemUTC());
    }
}
