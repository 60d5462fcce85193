package org.spmonitor.reporting.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountReturned;
import org.spmonitor.events.beneficiary.BeneficiaryCountValidated;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportReturned;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportValidated;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.IndicatorResultReturned;
import org.spmonitor.events.programme.IndicatorResultValidated;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.events.reporting.DashboardUpdated;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.PoisonRecordException;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.messaging.DeadLetters;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.tracing.TraceHeaders;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.store.CountryNode;
import org.spmonitor.reporting.dashboard.store.DashboardStore;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Change;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Stored;
import org.spmonitor.reporting.dashboard.store.DashboardStore.WrittenCountry;
import org.spmonitor.reporting.dashboard.store.FactBucket;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.FactStore.ProgrammeYear;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;
import org.spmonitor.reporting.dashboard.store.RateNode;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.dashboard.store.StoredFact;
import org.spmonitor.reporting.dashboard.store.WriteConflictException;

import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Projects a batch of events into the facts of one read-model generation (version-guarded inside
 * their bucket documents), then recomputes every programme-year the batch touched from its own facts,
 * every country-year from its programme-year summaries, and every world year from its country
 * summaries (ADR 0004), reading and writing documents by {@code _id} only. Never increments a rollup
 * by an event, so a redelivered or replayed batch gives the same dashboards. A failure (database or
 * broker down) fails the batch before its offsets are committed; it is retried with back-off. Poison
 * records go to the dead-letter topic.
 * <p>
 * Several instances project the partitions of one generation side by side (ADR 0012): every document
 * is written only if no other writer changed it since it was read ({@code {_id, version}}), and a
 * batch that meets another's write is projected again from what is stored. An exchange rate (keyed by
 * currency) thereby recomputes the country-years of countries another instance owns, and the world
 * rollup merges every instance's countries.
 * <p>
 * While its generation is served, a country dashboard whose figures changed is announced as
 * DashboardUpdated on {@code reporting.dashboard-updates.v1} once it is stored (a node keeps
 * {@code announce: true} until the broker acknowledged it, so a failed publication is retried); every
 * instance's live stream is fed from that topic ({@code live.DashboardUpdatesBinding}).
 * <p>
 * Each record is received in a span that continues its {@code traceparent}; a DashboardUpdated
 * carries the trace of the last event of the batch that touched its country-year.
 */
class DashboardProjection {

    /** Attempts at a batch whose guarded writes keep meeting another writer's, before the container's back-off. */
    static final int MAX_ATTEMPTS = 20;
    private static final Comparator<CountryYear> BY_ID = Comparator.comparing(CountryYear::id);
    private static final Comparator<ProgrammeYear> NODE_ORDER = Comparator.comparing(ProgrammeYear::country)
            .thenComparing(ProgrammeYear::year).thenComparing(ProgrammeYear::programmeId);

    private final ReadModel model;
    private final FactStore facts;
    private final DashboardStore dashboards;
    private final EventCodec codec;
    private final JsonMapper json;
    private final DeadLetters deadLetters;
    private final KafkaTemplate<String, byte[]> kafka;
    private static final Logger log = LoggerFactory.getLogger(DashboardProjection.class);

    private final Timer batchTimer;
    private volatile boolean firstBatch = true;
    private final Timer lagTimer;
    private final Counter conflicts;
    private final ProjectionGenerations owner;
    private final CompletenessProjection completeness;
    private final CountryYearSummaries summaries;
    /** Appends every fact version to the generation's history (ADR 0021): dashboards as of a date, audit trail. */
    private final FactHistoryRecorder history;

    DashboardProjection(ReadModel model, EventCodec codec, DeadLetters deadLetters, KafkaTemplate<String, byte[]> kafka,
            Timer batchTimer, Timer lagTimer, Counter conflicts, ProjectionGenerations owner) {
        this.model = model;
        this.facts = model.facts();
        this.dashboards = model.dashboards();
        this.codec = codec;
        this.json = codec.mapper();
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.conflicts = conflicts;
        this.batchTimer = batchTimer;
        this.lagTimer = lagTimer;
        this.owner = owner;
        this.completeness = new CompletenessProjection(model.completeness(), json);
        this.summaries = new CountryYearSummaries(json);
        this.history = new FactHistoryRecorder(model.history(), json);
    }

    ReadModel model() {
        return model;
    }

    /** One poll of the generation's binding ({@link ProjectionGenerations}), and the consumer that polled it. */
    void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        long started = System.nanoTime();
        batchTimer.record(() -> project(records));
        owner.afterBatch(this, consumer);
        if (firstBatch) {
            firstBatch = false;
            log.info("Projection into {}: first batch since start, {} records projected and committed in {} ms",
                    model.generation(), records.size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    void project(List<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String span = record.topic() + " process";
            try (TraceHeaders.Trace trace = codec.traces().continueFrom(record.headers(), span)) {
                try {
                    ReceivedEvent event = codec.decode(record);
                    requireValid(event.payload());
                    events.add(event.continuedIn(trace.traceparent()));
                }
                catch (PoisonRecordException ex) {
                    trace.error(ex);
                    deadLetters.publish(record, ex);
                }
            }
        }
        if (!events.isEmpty()) {
            history.record(events);
            projectWithRetries(events);
        }
    }

    /**
     * Projects the batch; when another instance changed a document it read meanwhile (ADR 0012), reads
     * everything again and projects the batch again (facts are version-guarded and rollups recomputed,
     * so doing it twice changes nothing). After {@value #MAX_ATTEMPTS} conflicts in a row the batch fails
     * uncommitted and the container's back-off retries it.
     */
    private void projectWithRetries(List<ReceivedEvent> events) {
        for (int attempt = 1;; attempt++) {
            try {
                new Batch(events).project();
                return;
            }
            catch (WriteConflictException ex) {
                conflicts.increment();
                if (attempt >= MAX_ATTEMPTS) {
                    throw ex;
                }
                log.debug("Projection into {}: {}; projecting the batch again (attempt {})", model.generation(),
                        ex.getMessage(), attempt + 1);
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 10)));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between projection attempts", ex);
        }
    }

    /**
     * One batch, projected with a fixed number of round trips whatever the size of the read model:
     * every document is read by {@code _id} ({@code $in}, one query per collection) and written back by
     * {@code _id} (one bulk per collection). Facts are applied in memory under their version guards,
     * then every programme-year, country-year and world year they touched is recomputed, each from the
     * summaries one level down (ADR 0004). A redelivered batch recomputes the same nodes from the same
     * facts, so it changes nothing.
     */
    private final class Batch {

        private final List<ReceivedEvent> events;
        private final Map<CountryYear, Instant> touched = new TreeMap<>(BY_ID);
        /** The trace of the last event that touched each country-year: its DashboardUpdated continues it. */
        private final Map<CountryYear, String> causes = new TreeMap<>(BY_ID);
        private String cause;
        private final Set<ProgrammeYear> nodes = new TreeSet<>(NODE_ORDER);
        private Map<String, ProgrammeNode> programmes;
        private Map<String, RateNode> rates;
        private Map<String, FactBucket> counts;
        private Map<CountryYear, FactBucket> financing;

        Batch(List<ReceivedEvent> events) {
            this.events = events;
        }

        /**
         * The order matters with several instances (ADR 0012): the country-year nodes are read before
         * anything they are computed from, and written only if still at the version read, so a node
         * written last was computed from inputs no other batch changed unseen.
         */
        void project() {
            load();
            for (ReceivedEvent event : events) {
                cause = event.traceparent();
                apply(event);
            }
            fanOutRates();
            Map<CountryYear, CountryNode> countries = dashboards.countryNodes(touched.keySet());
            var owed = completeness.read(touched.keySet()); // ADR 0020: read before its inputs, like the nodes
            counts = facts.countBuckets(nodes);
            financing = facts.financingBuckets(touched.keySet());
            for (ReceivedEvent event : events) {
                applyToBuckets(event);
            }
            facts.save(counts.values(), financing.values(), programmes.values(), rates.values());
            recompute(countries);
            completeness.project(owed, events, nodes, programmes, counts, financing);
        }

        /** The programmes and rates the events name, by _id. */
        private void load() {
            Set<String> programmeIds = new TreeSet<>();
            Set<String> rateIds = new TreeSet<>();
            for (ReceivedEvent event : events) {
                Object payload = event.payload();
                if (payload instanceof BeneficiaryCountReported c) {
                    programmeIds.add(c.programmeId());
                }
                else if (payload instanceof BeneficiaryCountWithdrawn w) {
                    programmeIds.add(w.programmeId());
                }
                else if (payload instanceof BeneficiaryCountValidated v) {
                    programmeIds.add(v.programmeId());
                }
                else if (payload instanceof BeneficiaryCountReturned r) {
                    programmeIds.add(r.programmeId());
                }
                else if (payload instanceof ProgrammeRegistered p) {
                    programmeIds.add(p.programmeId());
                }
                else if (payload instanceof ProgrammeUpdated p) {
                    programmeIds.add(p.programmeId());
                }
                else if (payload instanceof MilestoneReported m) {
                    programmeIds.add(m.programmeId());
                }
                else if (payload instanceof IndicatorResultReported i) {
                    programmeIds.add(i.programmeId());
                }
                else if (payload instanceof IndicatorResultValidated i) {
                    programmeIds.add(i.programmeId());
                }
                else if (payload instanceof IndicatorResultReturned i) {
                    programmeIds.add(i.programmeId());
                }
                else if (payload instanceof FinancingReportSubmitted r) {
                    rateIds.add(RateNode.id(r.currency(), yearOf(r.period())));
                }
                else if (payload instanceof ExchangeRatePublished r) {
                    rateIds.add(RateNode.id(r.currency(), r.year()));
                }
            }
            programmes = facts.programmes(programmeIds);
            rates = facts.rates(rateIds);
        }

        /** Applies what lives in programme and rate documents, and notes the nodes every event touches. */
        private void apply(ReceivedEvent event) {
            Object payload = event.payload();
            Instant time = event.time();
            if (payload instanceof BeneficiaryCountReported c) {
                touch(programmes.get(c.programmeId()), c.country(), yearOf(c.period()), time);
            }
            else if (payload instanceof BeneficiaryCountWithdrawn w) {
                touch(programmes.get(w.programmeId()), w.country(), yearOf(w.period()), time);
            }
            else if (payload instanceof BeneficiaryCountValidated v) {
                touch(programmes.get(v.programmeId()), v.country(), yearOf(v.period()), time);
            }
            else if (payload instanceof BeneficiaryCountReturned r) {
                touch(programmes.get(r.programmeId()), r.country(), yearOf(r.period()), time);
            }
            else if (payload instanceof ProgrammeRegistered p) {
                applyProgramme(ProgrammeFact.of(p), p.version(), time);
            }
            else if (payload instanceof ProgrammeUpdated p) {
                applyProgramme(ProgrammeFact.of(p), p.version(), time);
            }
            else if (payload instanceof MilestoneReported m) {
                ProgrammeNode programme = programmes.get(m.programmeId());
                int before = programme.milestones().get(m.milestoneId())
                        .map(f -> DashboardCalculator.milestoneYear(read(f, MilestoneReported.class))).orElse(0);
                programme.milestones().apply(new StoredFact(m.milestoneId(), m.version(), time, false, write(m)));
                for (int year : new int[] { before, DashboardCalculator.milestoneYear(m) }) {
                    if (validYear(year)) {
                        touch(programme, m.country(), year, time);
                    }
                }
            }
            else if (payload instanceof IndicatorResultReported r) {
                ProgrammeNode programme = programmes.get(r.programmeId());
                programme.indicators().apply(new StoredFact(r.indicatorCode() + "/" + r.period(), r.version(), time,
                        false, write(r)));
                touch(programme, r.country(), yearOf(r.period()), time);
                // the latest version's baseline and target show in every year the indicator has actuals in
                programme.indicators().all().stream().map(f -> read(f, IndicatorResultReported.class))
                        .filter(i -> r.indicatorCode().equals(i.indicatorCode()))
                        .forEach(i -> touch(programme, i.country(), yearOf(i.period()), time));
            }
            else if (payload instanceof IndicatorResultValidated v) {
                applyIndicatorReview(v.programmeId(), v.country(), v.indicatorCode(), v.period(), v.version(),
                        v.reviewedVersion(), true, time);
            }
            else if (payload instanceof IndicatorResultReturned r) {
                applyIndicatorReview(r.programmeId(), r.country(), r.indicatorCode(), r.period(), r.version(),
                        r.reviewedVersion(), false, time);
            }
            else if (payload instanceof ExchangeRatePublished r) {
                String id = RateNode.id(r.currency(), r.year());
                rates.get(id).rate().apply(new StoredFact(id, r.version(), time, false, write(r)));
            }
            else if (payload instanceof FinancingReportSubmitted r) {
                rates.get(RateNode.id(r.currency(), yearOf(r.period()))).addCountry(r.country());
                touched(new CountryYear(r.country(), yearOf(r.period())), time);
            }
            else if (payload instanceof FinancingReportWithdrawn w) {
                touched(new CountryYear(w.country(), yearOf(w.period())), time);
            }
            else if (payload instanceof FinancingReportValidated v) {
                touched(new CountryYear(v.country(), yearOf(v.period())), time);
            }
            else if (payload instanceof FinancingReportReturned r) {
                touched(new CountryYear(r.country(), yearOf(r.period())), time);
            }
        }

        /** A review of an indicator result (ADR 0019), kept beside the result under its version guard. */
        private void applyIndicatorReview(String programmeId, String country, String code, String period,
                long version, long reviewedVersion, boolean validated, Instant time) {
            ProgrammeNode programme = programmes.get(programmeId);
            programme.indicators().applyReview(code + "/" + period, version, reviewedVersion, validated, time);
            touch(programme, country, yearOf(period), time);
        }

        private void applyProgramme(ProgrammeFact fact, long version, Instant time) {
            ProgrammeNode programme = programmes.get(fact.programmeId());
            programme.programme().apply(new StoredFact(fact.programmeId(), version, time, false, write(fact)));
            programme.countryIfUnknown(fact.country());
            ProgrammeNode.yearsNamedBy(fact).forEach(programme::addYear);
            // every year the programme has a summary in, and every year its dates and targets ever named
            String country = programme.country().orElse(fact.country());
            List.copyOf(programme.years()).forEach(year -> touch(programme, country, year, time));
        }

        private void addYear(ProgrammeNode programme, int year) {
            if (validYear(year)) {
                programme.addYear(year);
            }
        }

        private void touch(ProgrammeNode programme, String country, int year, Instant time) {
            programme.countryIfUnknown(country);
            programme.addYear(year);
            nodes.add(new ProgrammeYear(country, year, programme.programmeId()));
            touched(new CountryYear(country, year), time);
        }

        private void touched(CountryYear key, Instant time) {
            touched.merge(key, time, (a, b) -> a.isAfter(b) ? a : b);
            causes.put(key, cause);
        }

        /**
         * A rate recomputes every country-year reporting in its currency and year, found by the rate's
         * own document: a fan-out over those countries (a rare, admin event).
         */
        private void fanOutRates() {
            for (ReceivedEvent event : events) {
                if (event.payload() instanceof ExchangeRatePublished r) {
                    cause = event.traceparent();
                    rates.get(RateNode.id(r.currency(), r.year())).countries()
                            .forEach(country -> touched(new CountryYear(country, r.year()), event.time()));
                }
            }
        }

        private void applyToBuckets(ReceivedEvent event) {
            Object payload = event.payload();
            Instant time = event.time();
            if (payload instanceof BeneficiaryCountReported c) {
                counts.get(FactStore.countBucketId(c.country(), yearOf(c.period()), c.programmeId())).facts()
                        .apply(new StoredFact(c.countId(), c.version(), time, false, write(c)));
            }
            else if (payload instanceof BeneficiaryCountWithdrawn w) {
                counts.get(FactStore.countBucketId(w.country(), yearOf(w.period()), w.programmeId())).facts()
                        .apply(new StoredFact(w.countId(), w.version(), time, true, null));
            }
            else if (payload instanceof BeneficiaryCountValidated v) {
                counts.get(FactStore.countBucketId(v.country(), yearOf(v.period()), v.programmeId())).facts()
                        .applyReview(v.countId(), v.version(), v.reviewedVersion(), true, time);
            }
            else if (payload instanceof BeneficiaryCountReturned r) {
                counts.get(FactStore.countBucketId(r.country(), yearOf(r.period()), r.programmeId())).facts()
                        .applyReview(r.countId(), r.version(), r.reviewedVersion(), false, time);
            }
            else if (payload instanceof FinancingReportSubmitted r) {
                financing.get(new CountryYear(r.country(), yearOf(r.period()))).facts()
                        .apply(new StoredFact(r.reportId(), r.version(), time, false, write(r)));
            }
            else if (payload instanceof FinancingReportWithdrawn w) {
                financing.get(new CountryYear(w.country(), yearOf(w.period()))).facts()
                        .apply(new StoredFact(w.reportId(), w.version(), time, true, null));
            }
            else if (payload instanceof FinancingReportValidated v) {
                financing.get(new CountryYear(v.country(), yearOf(v.period()))).facts()
                        .applyReview(v.reportId(), v.version(), v.reviewedVersion(), true, time);
            }
            else if (payload instanceof FinancingReportReturned r) {
                financing.get(new CountryYear(r.country(), yearOf(r.period()))).facts()
                        .applyReview(r.reportId(), r.version(), r.reviewedVersion(), false, time);
            }
        }

        private void recompute(Map<CountryYear, CountryNode> countries) {
            Instant now = Instant.now();
            boolean serving = owner.isServing(model);
            // read again after the nodes: another partition's batch may have changed them since load()
            Set<String> programmeIds = new TreeSet<>();
            nodes.forEach(node -> programmeIds.add(node.programmeId()));
            programmes = facts.programmes(programmeIds);
            for (ProgrammeYear node : nodes) {
                countries.get(node.countryYear()).put(programmeYear(node));
            }
            Map<CountryYear, List<FinancingFact>> reports = new TreeMap<>(BY_ID);
            Set<String> rateIds = new TreeSet<>();
            financing.forEach((key, bucket) -> {
                List<FinancingFact> live = summaries.reports(bucket);
                reports.put(key, live);
                rateIds.addAll(CountryYearSummaries.rateIds(live));
            });
            Map<String, RateNode> allRates = facts.rates(rateIds);

            Map<CountryYear, Change<CountryDashboard>> changes = new LinkedHashMap<>();
            Map<Integer, Instant> years = new TreeMap<>();
            touched.forEach((key, newestInBatch) -> {
                CountryNode node = countries.get(key);
                CountryYearSummaries.Country computed = summaries.country(key, node.parts(), financing.get(key),
                        reports.get(key), allRates);
                node.tally(computed.tally());
                CountryDashboard dashboard = computed.dashboard();
                Freshness freshness = new Freshness(computed.newestEventTime().orElse(newestInBatch), now,
                        lagMillis(newestInBatch, now));
                dashboards.changeOf(node, dashboard, freshness).ifPresent(c -> changes.put(key, c));
                years.merge(key.year(), newestInBatch, (a, b) -> a.isAfter(b) ? a : b);
            });
            List<WrittenCountry> written = dashboards.saveCountries(countries.values(), changes, now, serving);

            Map<Integer, DashboardStore.World> worlds = dashboards.mergeWrittenIntoWorld(written);
            List<DashboardStore.ComputedGlobal> globals = new ArrayList<>();
            worlds.forEach((year, world) -> {
                Instant newestInBatch = years.getOrDefault(year, now);
                GlobalDashboard global = GlobalCalculator.global(year, world.summaries().dashboards());
                Freshness freshness = new Freshness(world.summaries().newestEventTime().orElse(newestInBatch), now,
                        lagMillis(newestInBatch, now));
                globals.add(new DashboardStore.ComputedGlobal(global, freshness, world.version(),
                        world.summaries().tally()));
            });
            dashboards.saveGlobals(globals, now);
            if (serving) {
                // after everything is stored: a reader of the topic finds what it announces
                List<WrittenCountry> announced = written.stream().filter(WrittenCountry::announce).toList();
                publish(announced, causes, now);
                dashboards.markAnnounced(announced);
                touched.values().forEach(time -> lagTimer.record(Duration.ofMillis(lagMillis(time, now))));
            }
        }

        /** A programme's summary for one country and year, from its count bucket and its programme document. */
        private CountryNode.Part programmeYear(ProgrammeYear node) {
            return summaries.programmeYear(node,
                    counts.get(FactStore.countBucketId(node.country(), node.year(), node.programmeId())),
                    programmes.get(node.programmeId()));
        }
    }

    private <T> T read(StoredFact fact, Class<T> type) {
        return json.readValue(fact.json(), type);
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }

    /** What every event must hold to be projected; a record breaking it is dead-lettered and changes nothing. */
    private static void requireValid(Object payload) {
        if (payload instanceof BeneficiaryCountReported count) {
            requireValid(count);
            yearOf(count.period());
        }
        else if (payload instanceof BeneficiaryCountWithdrawn withdrawn) {
            requireId(withdrawn.countId(), "countId");
            requireId(withdrawn.programmeId(), "programmeId");
            requireCountry(withdrawn.country());
            yearOf(withdrawn.period());
        }
        else if (payload instanceof BeneficiaryCountValidated v) {
            requireCountReview(v.countId(), v.programmeId(), v.country(), v.version(), v.reviewedVersion());
            yearOf(v.period());
        }
        else if (payload instanceof BeneficiaryCountReturned r) {
            requireCountReview(r.countId(), r.programmeId(), r.country(), r.version(), r.reviewedVersion());
            yearOf(r.period());
        }
        else if (payload instanceof ProgrammeRegistered p) {
            requireId(p.programmeId(), "programmeId");
            requireCountry(p.country());
        }
        else if (payload instanceof ProgrammeUpdated p) {
            requireId(p.programmeId(), "programmeId");
            requireCountry(p.country());
        }
        else if (payload instanceof FinancingReportSubmitted report) {
            requireId(report.reportId(), "reportId");
            requireCountry(report.country());
            if (report.currency() == null) {
                throw new PoisonRecordException("a financing report needs a currency");
            }
            yearOf(report.period());
        }
        else if (payload instanceof FinancingReportWithdrawn withdrawn) {
            requireId(withdrawn.reportId(), "reportId");
            requireCountry(withdrawn.country());
            yearOf(withdrawn.period());
        }
        else if (payload instanceof FinancingReportValidated v) {
            requireReview(v.reportId(), "reportId", v.country(), v.version(), v.reviewedVersion());
            yearOf(v.period());
        }
        else if (payload instanceof FinancingReportReturned r) {
            requireReview(r.reportId(), "reportId", r.country(), r.version(), r.reviewedVersion());
            yearOf(r.period());
        }
        else if (payload instanceof IndicatorResultValidated v) {
            requireId(v.programmeId(), "programmeId");
            requireReview(v.indicatorCode(), "indicatorCode", v.country(), v.version(), v.reviewedVersion());
            yearOf(v.period());
        }
        else if (payload instanceof IndicatorResultReturned r) {
            requireId(r.programmeId(), "programmeId");
            requireReview(r.indicatorCode(), "indicatorCode", r.country(), r.version(), r.reviewedVersion());
            yearOf(r.period());
        }
        else if (payload instanceof ExchangeRatePublished rate) {
            if (rate.currency() == null || rate.unitsPerUsd() == null) {
                throw new PoisonRecordException("an exchange rate needs a currency and unitsPerUsd");
            }
        }
        else if (payload instanceof MilestoneReported milestone) {
            requireId(milestone.programmeId(), "programmeId");
            requireId(milestone.milestoneId(), "milestoneId");
            requireCountry(milestone.country());
        }
        else if (payload instanceof IndicatorResultReported result) {
            requireId(result.programmeId(), "programmeId");
            requireId(result.indicatorCode(), "indicatorCode");
            requireCountry(result.country());
            yearOf(result.period());
        }
    }

    /**
     * Publishes DashboardUpdated for each written node, in the trace of its cause in this batch (a new
     * trace for an announcement left over from an earlier attempt), and waits for the broker's
     * acknowledgement.
     */
    private void publish(List<WrittenCountry> written, Map<CountryYear, String> causes, Instant now) {
        if (written.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (WrittenCountry w : written) {
            DashboardUpdated update = dashboardUpdated(w.stored());
            String cause = causes.get(new CountryYear(update.country(), update.year()));
            sends.add(kafka.send(codec.toRecord(update, now, cause)));
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
        if (!Countries.isIso3(country)) {
            // it names documents and fields (world_years.countries.<ISO3>): never anything else
            throw new PoisonRecordException("country " + country + " is not an ISO 3166-1 alpha-3 code");
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

    /** A review names its count, programme and country, and a reviewed version below its own. */
    private static void requireCountReview(String countId, String programmeId, String country, long version,
            long reviewedVersion) {
        requireId(programmeId, "programmeId");
        requireReview(countId, "countId", country, version, reviewedVersion);
    }

    /** A review names what it reviews ({@code field}) and its country, and a reviewed version below its own. */
    private static void requireReview(String id, String field, String country, long version, long reviewedVersion) {
        requireId(id, field);
        requireCountry(country);
        if (reviewedVersion < 1 || reviewedVersion >= version) {
            throw new PoisonRecordException("a review of version " + reviewedVersion + " cannot be version " + version);
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
