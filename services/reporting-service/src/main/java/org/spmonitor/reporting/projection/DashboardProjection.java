package org.spmonitor.reporting.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.events.Topics;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.PoisonRecordException;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.messaging.DeadLetters;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.store.DashboardStore;
import org.spmonitor.reporting.dashboard.store.DashboardStore.StoredCountryDashboard;
import org.spmonitor.reporting.dashboard.store.FactStore;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Projects a batch of events into facts (version-guarded), then recomputes the rollup of every
 * (country, year) the batch touched from its facts. Never increments a rollup by an event, so a
 * redelivered or replayed batch gives the same dashboards. A failure (database down) fails the batch
 * before its offsets are committed; it is retried with back-off.
 */
@Component
class DashboardProjection {

    private final EventCodec codec;
    private final FactStore facts;
    private final DashboardStore dashboards;
    private final DeadLetters deadLetters;
    private final Timer batchTimer;

    DashboardProjection(EventCodec codec, FactStore facts, DashboardStore dashboards, DeadLetters deadLetters,
            MeterRegistry meters) {
        this.codec = codec;
        this.facts = facts;
        this.dashboards = dashboards;
        this.deadLetters = deadLetters;
        this.batchTimer = Timer.builder("spmonitor.projection.batch").description("time to project one batch")
                .register(meters);
    }

    @KafkaListener(id = "onDashboardEvents", groupId = "reporting-service", batch = "true",
            topics = { Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS, Topics.BENEFICIARY_COUNT_EVENTS })
    void onDashboardEvents(List<ConsumerRecord<String, byte[]>> records) {
        batchTimer.record(() -> project(records));
    }

    void project(List<ConsumerRecord<String, byte[]>> records) {
        Map<CountryYear, Instant> touched = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ReceivedEvent event = codec.decode(record);
                for (CountryYear key : apply(event)) {
                    touched.merge(key, event.time(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            catch (PoisonRecordException ex) {
                deadLetters.publish(record, ex);
            }
        }
        Instant now = Instant.now();
        touched.forEach((key, newestInBatch) -> recompute(key, now, newestInBatch));
    }

    /** Stores the event's fact; returns the (country, year)s whose dashboards it may change. */
    private Set<CountryYear> apply(ReceivedEvent event) {
        Set<CountryYear> touched = new TreeSet<>((a, b) -> a.id().compareTo(b.id()));
        Object payload = event.payload();
        if (payload instanceof BeneficiaryCountReported count) {
            int year = yearOf(count.period());
            facts.saveCount(count, event.time());
            touched.add(new CountryYear(count.country(), year));
        }
        else if (payload instanceof BeneficiaryCountWithdrawn withdrawn) {
            int year = yearOf(withdrawn.period());
            facts.withdrawCount(withdrawn, event.time());
            touched.add(new CountryYear(withdrawn.country(), year));
        }
        else if (payload instanceof ProgrammeRegistered p) {
            touched.addAll(saveProgramme(new ProgrammeFact(p.programmeId(), p.country(), p.name(), p.status(),
                    p.startDate(), p.endDate(), p.annualTargets()), p.version(), event.time()));
        }
        else if (payload instanceof ProgrammeUpdated p) {
            touched.addAll(saveProgramme(new ProgrammeFact(p.programmeId(), p.country(), p.name(), p.status(),
                    p.startDate(), p.endDate(), p.annualTargets()), p.version(), event.time()));
        }
        return touched;
    }

    private Set<CountryYear> saveProgramme(ProgrammeFact programme, long version, Instant time) {
        facts.saveProgramme(programme, version, time);
        Set<Integer> years = new TreeSet<>(facts.yearsWithCounts(programme.country()));
        if (programme.annualTargets() != null) {
            programme.annualTargets().forEach(t -> years.add(t.year()));
        }
        if (programme.startDate() != null) {
            int last = programme.endDate() == null ? programme.startDate().getYear() : programme.endDate().getYear();
            for (int y = programme.startDate().getYear(); y <= Math.min(last, programme.startDate().getYear() + 50); y++) {
                years.add(y);
            }
        }
        Set<CountryYear> touched = new TreeSet<>((a, b) -> a.id().compareTo(b.id()));
        years.forEach(y -> touched.add(new CountryYear(programme.country(), y)));
        return touched;
    }

    private void recompute(CountryYear key, Instant now, Instant newestInBatch) {
        CountryDashboard dashboard = DashboardCalculator.country(key.country(), key.year(),
                facts.counts(key.country(), key.year()), facts.programmes(key.country()));
        Instant newest = facts.newestEventTime(key.country(), key.year()).orElse(newestInBatch);
        dashboards.save(new StoredCountryDashboard(key.id(), dashboard, newest, now,
                Math.max(0, Duration.between(newestInBatch, now).toMillis())));
    }

    private static int yearOf(String period) {
        return ReportingPeriod.parse(period).map(ReportingPeriod::year)
                .orElseThrow(() -> new PoisonRecordException("bad period " + period));
    }
}
