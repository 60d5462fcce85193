package org.spmonitor.reporting.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.events.reporting.DashboardUpdated;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.PoisonRecordException;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.messaging.DeadLetters;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.store.DashboardStore;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Change;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Freshness;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Stored;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.FactStore.Saved;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.live.LiveUpdates;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;

/**
 * Projects a batch of events into the facts of one read-model generation (version-guarded), then
 * recomputes the rollup of every (country, year) the batch touched from its facts, and the world
 * rollup of every year touched. Never increments a rollup by an event, so a redelivered or replayed
 * batch gives the same dashboards. A failure (database or broker down) fails the batch before its
 * offsets are committed; it is retried with back-off. Poison records go to the dead-letter topic.
 * <p>
 * While its generation is served, a changed country dashboard is announced as DashboardUpdated on
 * {@code reporting.dashboard-updates.v1} (before it is stored, so a failed publication is retried
 * with the batch) and to the browsers' event stream (after it is stored).
 */
class DashboardProjection implements BatchConsumerAwareMessageListener<String, byte[]> {

    /** How far a programme's start..end years are expanded into dashboards to recompute. */
    private static final int MAX_PROGRAMME_YEARS = 50;

    private final ReadModel model;
    private final FactStore facts;
    private final DashboardStore dashboards;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final KafkaTemplate<String, byte[]> kafka;
    private final LiveUpdates live;
    private final Timer batchTimer;
    private final Timer lagTimer;
    private final ProjectionGenerations owner;

    DashboardProjection(ReadModel model, EventCodec codec, DeadLetters deadLetters, KafkaTemplate<String, byte[]> kafka,
            LiveUpdates live, Timer batchTimer, Timer lagTimer, ProjectionGenerations owner) {
        this.model = model;
        this.facts = model.facts();
        this.dashboards = model.dashboards();
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.live = live;
        this.batchTimer = batchTimer;
        this.lagTimer = lagTimer;
        this.owner = owner;
    }

    ReadModel model() {
        return model;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        batchTimer.record(() -> project(records));
        owner.afterBatch(this, consumer);
    }

    void project(List<ConsumerRecord<String, byte[]>> records) {
        Map<CountryYear, Instant> touched = new TreeMap<>((a, b) -> a.id().compareTo(b.id()));
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
        if (touched.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        boolean serving = owner.isServing(model);
        List<Change<CountryDashboard>> changes = new ArrayList<>();
        Map<Integer, Instant> years = new TreeMap<>();
        touched.forEach((key, newestInBatch) -> {
            recompute(key, now, newestInBatch).ifPresent(changes::add);
            years.merge(key.year(), newestInBatch, (a, b) -> a.isAfter(b) ? a : b);
        });
        List<Change<CountryDashboard>> announced = changes.stream().filter(Change::figuresChanged).toList();
        if (serving) {
            publish(announced, now);
        }
        changes.forEach(dashboards::saveCountry);
        List<Stored<GlobalDashboard>> globals = new ArrayList<>();
        years.forEach((year, newestInBatch) -> recomputeGlobal(year, now, newestInBatch).ifPresent(change -> {
            dashboards.saveGlobal(change);
            if (change.figuresChanged()) {
                globals.add(change.stored());
            }
        }));
        if (serving) {
            touched.values().forEach(time -> lagTimer.record(Duration.ofMillis(lagMillis(time, now))));
            announced.forEach(change -> live.dashboardUpdated(dashboardUpdated(change.stored())));
            globals.forEach(g -> live.globalUpdated(g.dashboard().year(), g.freshness().newestEventTime()));
        }
    }

    /** Stores the event's fact; returns the (country, year)s whose dashboards it may change. */
    private Set<CountryYear> apply(ReceivedEvent event) {
        Set<CountryYear> touched = new TreeSet<>((a, b) -> a.id().compareTo(b.id()));
        Object payload = event.payload();
        Instant time = event.time();
        if (payload instanceof BeneficiaryCountReported count) {
            requireValid(count);
            touch(touched, count.country(), yearOf(count.period()), facts.saveCount(count, time));
        }
        else if (payload instanceof BeneficiaryCountWithdrawn withdrawn) {
            requireId(withdrawn.countId(), "countId");
            requireCountry(withdrawn.country());
            touch(touched, withdrawn.country(), yearOf(withdrawn.period()), facts.withdrawCount(withdrawn, time));
        }
        else if (payload instanceof ProgrammeRegistered p) {
            touched.addAll(saveProgramme(ProgrammeFact.of(p), p.version(), time));
        }
        else if (payload instanceof ProgrammeUpdated p) {
            touched.addAll(saveProgramme(ProgrammeFact.of(p), p.version(), time));
        }
        else if (payload instanceof FinancingReportSubmitted report) {
            requireCountry(report.country());
            touch(touched, report.country(), yearOf(report.period()), facts.saveFinancing(report, time));
        }
        else if (payload instanceof FinancingReportWithdrawn withdrawn) {
            requireCountry(withdrawn.country());
            touch(touched, withdrawn.country(), yearOf(withdrawn.period()), facts.withdrawFinancing(withdrawn, time));
        }
        else if (payload instanceof ExchangeRatePublished rate) {
            if (rate.currency() == null || rate.unitsPerUsd() == null) {
                throw new PoisonRecordException("an exchange rate needs a currency and unitsPerUsd");
            }
            facts.saveRate(rate, time);
            facts.countriesReportingIn(rate.currency(), rate.year())
                    .forEach(country -> touched.add(new CountryYear(country, rate.year())));
        }
        else if (payload instanceof MilestoneReported milestone) {
            requireCountry(milestone.country());
            int year = DashboardCalculator.milestoneYear(milestone);
            Saved saved = facts.saveMilestone(milestone, time);
            if (validYear(year)) {
                touch(touched, milestone.country(), year, saved);
            }
        }
        else if (payload instanceof IndicatorResultReported result) {
            requireCountry(result.country());
            yearOf(result.period());
            facts.saveIndicator(result, time);
            facts.yearsOfIndicator(result.programmeId(), result.indicatorCode())
                    .forEach(year -> touched.add(new CountryYear(result.country(), year)));
        }
        return touched;
    }

    private static void touch(Set<CountryYear> touched, String country, int year, Saved saved) {
        requireCountry(country);
        touched.add(new CountryYear(country, year));
        saved.previousYear().filter(previous -> previous != year && validYear(previous))
                .ifPresent(previous -> touched.add(new CountryYear(country, previous)));
    }

    private Set<CountryYear> saveProgramme(ProgrammeFact programme, long version, Instant time) {
        requireCountry(programme.country());
        facts.saveProgramme(programme, version, time);
        Set<Integer> years = new TreeSet<>(facts.yearsWithFacts(programme.country()));
        if (programme.annualTargets() != null) {
            programme.annualTargets().forEach(t -> years.add(t.year()));
        }
        if (programme.startDate() != null) {
            int first = programme.startDate().getYear();
            int last = programme.endDate() == null ? first : programme.endDate().getYear();
            for (int y = first; y <= Math.min(last, first + MAX_PROGRAMME_YEARS); y++) {
                years.add(y);
            }
        }
        Set<CountryYear> touched = new TreeSet<>((a, b) -> a.id().compareTo(b.id()));
        years.stream().filter(DashboardProjection::validYear)
                .forEach(y -> touched.add(new CountryYear(programme.country(), y)));
        return touched;
    }

    private Optional<Change<CountryDashboard>> recompute(CountryYear key, Instant now, Instant newestInBatch) {
        FactStore.Loaded loaded = facts.countryFacts(key.country(), key.year());
        CountryDashboard dashboard = DashboardCalculator.country(key.country(), key.year(), loaded.facts());
        Instant newest = loaded.newestEventTime().orElse(newestInBatch);
        return dashboards.changeOf(dashboard, new Freshness(newest, now, lagMillis(newestInBatch, now)));
    }

    private Optional<Change<GlobalDashboard>> recomputeGlobal(int year, Instant now, Instant newestInBatch) {
        List<Stored<CountryDashboard>> countries = dashboards.countriesOf(year);
        GlobalDashboard global = GlobalCalculator.global(year, countries.stream().map(Stored::dashboard).toList());
        Instant newest = countries.stream().map(s -> s.freshness().newestEventTime()).filter(t -> t != null)
                .max(Instant::compareTo).orElse(newestInBatch);
        return dashboards.changeOf(global, new Freshness(newest, now, lagMillis(newestInBatch, now)));
    }

    /** Publishes DashboardUpdated for each change and waits for the broker's acknowledgement. */
    private void publish(List<Change<CountryDashboard>> changes, Instant now) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Change<CountryDashboard> change : changes) {
            sends.add(kafka.send(codec.toRecord(dashboardUpdated(change.stored()), now)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing dashboard updates", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not publish dashboard updates; the batch will be retried", ex);
        }
    }

    static DashboardUpdated dashboardUpdated(Stored<CountryDashboard> stored) {
        CountryDashboard d = stored.dashboard();
        return new DashboardUpdated(d.country(), d.year(), stored.version(), d.activeBeneficiaries(),
                d.newBeneficiaries(), d.targetPopulation(), d.coverageRate(), d.financing().allocatedUsd(),
                d.financing().executedUsd(), stored.freshness().newestEventTime());
    }

    private static long lagMillis(Instant eventTime, Instant now) {
        return Math.max(0, Duration.between(eventTime, now).toMillis());
    }

    private static int yearOf(String period) {
        return ReportingPeriod.parse(period).map(ReportingPeriod::year)
                .orElseThrow(() -> new PoisonRecordException("bad period " + period));
    }

    private static boolean validYear(int year) {
        return year >= 1900 && year <= 2200;
    }

    private static void requireCountry(String country) {
        if (country == null || country.isBlank()) {
            throw new PoisonRecordException("event without a country");
        }
    }

    /**
     * What the BeneficiaryCountReported schema requires and the dashboards rely on, checked before the
     * fact is stored: a count breaking it is dead-lettered and changes nothing (stored, it could replace
     * a good count of the same id, show negative people, or fail every recompute of its dashboard).
     */
    private static void requireValid(BeneficiaryCountReported count) {
        requireId(count.countId(), "countId");
        requireId(count.programmeId(), "programmeId");
        requireCountry(count.country());
        if (count.targetGroup() == null || count.measure() == null) {
            throw new PoisonRecordException("a beneficiary count needs a targetGroup and a measure");
        }
        if (count.version() < 0) {
            throw new PoisonRecordException("negative version " + count.version());
        }
        requireCounts("total", count.total());
        if (count.sex() != null) {
            requireCounts("sex", count.sex().female(), count.sex().male(), count.sex().unknown());
        }
        if (count.ageGroup() != null) {
            requireCounts("ageGroup", count.ageGroup().children(), count.ageGroup().workingAge(),
                    count.ageGroup().older(), count.ageGroup().unknown());
        }
        if (count.withDisability() != null) {
            requireCounts("withDisability", count.withDisability().yes(), count.withDisability().no(),
                    count.withDisability().unknown());
        }
        if (count.informalEconomy() != null) {
            requireCounts("informalEconomy", count.informalEconomy().yes(), count.informalEconomy().no(),
                    count.informalEconomy().unknown());
        }
    }

    private static void requireId(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new PoisonRecordException("event without a " + field);
        }
    }

    private static void requireCounts(String field, Long... counts) {
        for (Long count : counts) {
            if (count != null && count < 0) {
                throw new PoisonRecordException(field + " holds a negative count " + count);
            }
        }
    }
}
