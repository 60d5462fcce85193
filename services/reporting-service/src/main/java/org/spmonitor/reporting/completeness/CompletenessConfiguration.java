package org.spmonitor.reporting.completeness;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.reporting.completeness.application.OverdueCheck;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Completeness and timeliness (ADR 0020): the clock that judges what is overdue (a bean, so tests and
 * deployments can set it) and the scheduled overdue check ({@code spmonitor.completeness.overdue-check.*}:
 * {@code enabled}, {@code initial-delay}, {@code interval}).
 */
@Configuration(proxyBeanMethods = false)
class CompletenessConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Scheduling, only where the check is enabled (tests run it themselves, with a clock they choose). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spmonitor.completeness.overdue-check.enabled", havingValue = "true",
            matchIfMissing = true)
    @EnableScheduling
    static class Scheduling {

        @Bean
        OverdueCheckSchedule overdueCheckSchedule(OverdueCheck check) {
            return new OverdueCheckSchedule(check);
        }
    }

    /** Runs the overdue check now and then; a failure is logged and the next run tries again. */
    static class OverdueCheckSchedule {

        private static final Logger log = LoggerFactory.getLogger(OverdueCheckSchedule.class);
        private final OverdueCheck check;

        OverdueCheckSchedule(OverdueCheck check) {
            this.check = check;
        }

        @Scheduled(initialDelayString = "${spmonitor.completeness.overdue-check.initial-delay:PT1M}",
                fixedDelayString = "${spmonitor.completeness.overdue-check.interval:PT5M}")
        void run() {
            try {
                int announced = check.check();
                if (announced > 0) {
                    log.info("Overdue check: {} reporting period(s) newly overdue, announced", announced);
                }
            }
            catch (RuntimeException ex) {
                log.warn("Overdue check failed; it runs again at its next interval: {}", ex.toString());
            }
        }
    }
}
