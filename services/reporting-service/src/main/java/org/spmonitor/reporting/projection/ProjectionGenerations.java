package org.spmonitor.reporting.projection;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.Topics;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.messaging.DeadLetters;
import org.spmonitor.platform.messaging.KafkaBatches;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.live.LiveUpdates;
import org.spmonitor.reporting.projection.domain.Replay;
import org.spmonitor.reporting.projection.store.GenerationStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the projection of the served read-model generation and, during a replay, of the generation
 * being rebuilt. Each generation has its own collections and its own consumer group
 * ({@code reporting-service.projection.<generation>}), shared by every instance, which spreads the
 * partitions over them; a new group reads the topics from offset 0.
 * <p>
 * Each generation's consumer is a Spring Cloud Stream binding of the Kafka binder, bound and unbound
 * here as generations come and go ({@code onDashboardEvents-<generation>}, ADR 0013): one multiplexed
 * consumer of the three event topics, in batch mode, with the platform's batch converter (the records
 * themselves and the consumer, {@link KafkaBatches}) and its retry-for-ever error handler.
 * <p>
 * Which generation is served and which one a replay builds live in MongoDB ({@link GenerationStore},
 * ADR 0012), never in one instance's memory: every instance reads the pointer at start and every
 * {@code spmonitor.reporting.generations.poll-interval} (1 s), serves the generation it names and runs
 * a consumer for each generation it names. A replay requested on any instance is therefore carried
 * out by all of them. A replay records the end offset of every partition when it is requested; after
 * each batch, the instance projecting a partition of the replay records how far it got in the replay's
 * document, and the instance that finds every partition at its target switches the pointer in one
 * atomic update. Every instance then serves the new generation, tells its browsers
 * ({@code read-models-switched}) and stops the old generation's consumer. Until then the old
 * generation is served, whole, so a reader never sees an empty or partial dashboard. The generation
 * served before is kept until the next switch, then dropped.
 */
@Component
public class ProjectionGenerations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    static final String[] TOPICS = { Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS,
            Topics.BENEFICIARY_COUNT_EVENTS };
    private static final String GROUP_PREFIX = "reporting-service.projection.";
    static final String BINDING_PREFIX = "onDashboardEvents-";
    /** The platform's retry-for-ever batch error handler (PlatformAutoConfiguration). */
    private static final String ERROR_HANDLER = "kafkaErrorHandler";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final GenerationStore store;
    private final BindingService bindings;
    private final BinderFactory binders;
    private final KafkaAdmin kafkaAdmin;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final KafkaTemplate<String, byte[]> kafka;
    private final LiveUpdates live;
    private final Timer batchTimer;
    private final Timer lagTimer;
    private final Counter conflicts;
    private final Duration pollInterval;

    private final Object lock = new Object();
    private volatile ReadModel serving;
    /** The replay being built as this instance last read the pointer, or null. */
    private volatile String buildingReplayId;
    /** This instance's consumer of each generation it runs, by generation. */
    private final Map<String, Running> running = new LinkedHashMap<>();
    private ScheduledExecutorService watcher;
    private volatile boolean started;

    /** A generation's projection and the name of the binding feeding it. */
    private record Running(DashboardProjection projection, String binding) {
    }

    ProjectionGenerations(MongoTemplate mongo, EventCodec codec, GenerationStore store, BindingService bindings,
            BinderFactory binders, KafkaAdmin kafkaAdmin,
            DeadLetters deadLetters, KafkaTemplate<String, byte[]> kafka, LiveUpdates live, MeterRegistry meters,
            @Value("${spmonitor.reporting.generations.poll-interval:1s}") Duration pollInterval) {
        this.mongo = mongo;
        this.json = codec.mapper();
        this.codec = codec;
        this.store = store;
        this.bindings = bindings;
        this.binders = binders;
        this.kafkaAdmin = kafkaAdmin;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.live = live;
        this.pollInterval = pollInterval;
        this.batchTimer = Timer.builder("spmonitor.projection.batch").description("time to project one batch")
                .publishPercentileHistogram().register(meters);
        this.lagTimer = Timer.builder("spmonitor.projection.lag")
                .description("from the time of the newest event of a (country, year) in a batch to its dashboard")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.conflicts = Counter.builder("spmonitor.projection.conflicts")
                .description("batches projected again because another instance wrote a document they read")
                .register(meters);
    }

    /** The read models that dashboards are read from. */
    public ReadModel serving() {
        return serving;
    }

    boolean isServing(ReadModel model) {
        ReadModel current = serving;
        return current != null && current.generation().equals(model.generation());
    }

    @Override
    public void start() {
        synchronized (lock) {
            GenerationStore.Pointer pointer = store.pointer().orElseGet(() -> store.initialise(newGeneration(1)));
            if (pointer.layout() < GenerationStore.LAYOUT) {
                rebuildInCurrentLayout(pointer);
            }
            follow(store.pointer().orElseThrow());
            started = true;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-generations");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::refresh, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Read models written by an earlier version in another layout cannot be projected on: this version
     * starts a new generation from offset 0 and drops the old ones. Dashboards fill in as it catches up.
     * Of several instances starting together, the first to replace the pointer does it.
     */
    private void rebuildInCurrentLayout(GenerationStore.Pointer old) {
        log.warn("The read models of generation {} are in layout {}, this version writes layout {}: rebuilding "
                + "them from offset 0 into a new generation", old.serving(), old.layout(), GenerationStore.LAYOUT);
        if (!store.restartFrom(old, newGeneration(old.sequence() + 1), old.sequence() + 1)) {
            return; // another instance did
        }
        if (old.buildingReplayId() != null) {
            store.fail(old.buildingReplayId(), "superseded by a rebuild in layout " + GenerationStore.LAYOUT);
        }
        for (String generation : new String[] { old.serving(), old.previous(), old.building() }) {
            if (generation != null) {
                new ReadModel(mongo, json, generation).drop();
            }
        }
    }

    /** Follows the pointer as stored now; called every poll interval. */
    private void refresh() {
        try {
            synchronized (lock) {
                if (started) {
                    store.pointer().ifPresent(this::follow);
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not read the generation pointer (trying again in {}): {}", pollInterval, ex.toString());
        }
    }

    /**
     * Serves the generation the pointer names, runs a consumer for it and for the one a replay builds,
     * and stops the consumers of generations it no longer names. Tells this instance's browsers when
     * the served generation changed.
     */
    private void follow(GenerationStore.Pointer pointer) {
        ReadModel before = serving;
        if (before == null || !before.generation().equals(pointer.serving())) {
            Running run = running.get(pointer.serving());
            serving = run != null ? run.projection().model() : new ReadModel(mongo, json, pointer.serving());
            if (before != null) {
                log.info("Reads switched from generation {} to {} (replay {})", before.generation(),
                        pointer.serving(), pointer.lastReplayId());
                live.readModelsSwitched(pointer.serving(), pointer.lastReplayId());
            }
        }
        if (!running.containsKey(pointer.serving())) {
            running.put(pointer.serving(), run(serving));
        }
        String building = pointer.building();
        buildingReplayId = building == null ? null : pointer.buildingReplayId();
        if (building != null && !running.containsKey(building)) {
            if (store.replay(pointer.buildingReplayId()).isEmpty()) {
                store.fail(pointer.buildingReplayId(), "replay record lost");
                buildingReplayId = null;
            }
            else {
                log.info("Projecting replay {} into generation {}", pointer.buildingReplayId(), building);
                running.put(building, run(new ReadModel(mongo, json, building)));
            }
        }
        running.entrySet().removeIf(entry -> {
            if (entry.getKey().equals(pointer.serving()) || entry.getKey().equals(building)) {
                return false;
            }
            unbind(entry.getValue(), entry.getKey());
            return true;
        });
    }

    /**
     * Starts rebuilding the read models from offset 0 into a new generation, on every instance.
     *
     * @throws ConflictException while another replay is running
     */
    public Replay requestReplay(String requestedBy) {
        synchronized (lock) {
            GenerationStore.Pointer pointer = store.pointer().orElseThrow();
            if (pointer.building() != null) {
                throw new ConflictException("a replay is already running: " + pointer.buildingReplayId());
            }
            int sequence = pointer.sequence() + 1;
            String generation = newGeneration(sequence);
            Map<TopicPartition, Long> targets = endOffsets();
            Map<String, Long> described = new LinkedHashMap<>();
            targets.forEach((tp, offset) -> described.put(tp.toString(), offset));
            Replay replay = new Replay(UUID.randomUUID().toString(), generation, pointer.serving(),
                    Replay.Status.BUILDING, requestedBy, Instant.now(), null, described, null, Map.of());
            if (!store.startBuilding(generation, sequence, replay)) {
                throw new ConflictException("a replay is already running");
            }
            log.info("Replay {} requested by {}: rebuilding into generation {} up to {}", replay.id(), requestedBy,
                    generation, described);
            follow(store.pointer().orElseThrow());
            if (replay.caughtUp()) {
                switchOver(replay);
            }
            return store.replay(replay.id()).orElse(replay);
        }
    }

    public Optional<Replay> replay(String id) {
        return store.replay(id);
    }

    public List<Replay> replays() {
        return store.replays();
    }

    /**
     * Called by a projection after each batch: records in the replay's document how far this instance
     * projected the partitions it owns, and switches every instance over once all partitions of the
     * group have reached their targets.
     */
    void afterBatch(DashboardProjection projection, Consumer<?, ?> consumer) {
        String replayId = buildingReplayId;
        if (replayId == null || isServing(projection.model())) {
            return;
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp.toString(), consumer.position(tp));
        }
        Optional<Replay> replay = store.recordProgress(replayId, positions);
        if (replay.isPresent() && replay.get().generation().equals(projection.model().generation())
                && replay.get().status() == Replay.Status.BUILDING && replay.get().caughtUp()) {
            synchronized (lock) {
                switchOver(replay.get());
            }
        }
    }

    private void switchOver(Replay replay) {
        GenerationStore.Pointer before = store.pointer().orElseThrow();
        if (!replay.generation().equals(before.building())) {
            return;
        }
        if (store.switchTo(replay.generation(), before.serving(), replay.id(), Instant.now())) {
            log.info("Replay {} caught up: reads switched from generation {} to {}", replay.id(), before.serving(),
                    replay.generation());
            if (before.previous() != null && !before.previous().equals(replay.generation())) {
                new ReadModel(mongo, json, before.previous()).drop();
            }
        }
        follow(store.pointer().orElseThrow());
    }

    private Running run(ReadModel model) {
        model.prepareForWrites();
        DashboardProjection projection = new DashboardProjection(model, codec, deadLetters, kafka, batchTimer,
                lagTimer, conflicts, this);
        String binding = BINDING_PREFIX + model.generation();
        BindingProperties properties = bindings.getBindingServiceProperties().getBindingProperties(binding);
        properties.setDestination(String.join(",", TOPICS));
        properties.setGroup(GROUP_PREFIX + model.generation());
        ConsumerProperties consumer = bindings.getBindingServiceProperties().getConsumerProperties(binding);
        consumer.setBatchMode(true);
        consumer.setMultiplex(true); // one consumer of the three topics: one batch at a time, in order
        consumer.setConcurrency(1);
        KafkaConsumerProperties kafkaConsumer = kafkaBinder().getExtendedConsumerProperties(binding);
        kafkaConsumer.setConverterBeanName(KafkaBatches.CONVERTER);
        kafkaConsumer.setCommonErrorHandlerBeanName(ERROR_HANDLER);
        DirectChannel records = new DirectChannel();
        records.setComponentName(binding);
        records.subscribe(message -> projection.onMessage(KafkaBatches.records(message),
                KafkaBatches.consumer(message)));
        bindings.bindConsumer(records, binding);
        return new Running(projection, binding);
    }

    private KafkaMessageChannelBinder kafkaBinder() {
        return (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    }

    private void unbind(Running run, String generation) {
        bindings.unbindConsumers(run.binding());
        log.info("Stopped the projection of generation {}", generation);
    }

    /** The current end offset of every non-empty partition of the consumed topics (0 for an empty one). */
    private Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
            admin.describeTopics(List.of(TOPICS)).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> {
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                    }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> beginnings = admin.listOffsets(earliest).all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> targets = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
            latest.keySet().forEach(tp -> {
                long end = ends.get(tp).offset();
                targets.put(tp, end <= beginnings.get(tp).offset() ? 0L : end);
            });
            return targets;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("could not read the end offsets of the consumed topics", ex);
        }
    }

    private static String newGeneration(int sequence) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return "g" + sequence + "-" + HexFormat.of().formatHex(random);
    }

    @Override
    public void stop() {
        List<Running> toStop;
        synchronized (lock) {
            started = false;
            toStop = new ArrayList<>(running.values());
            running.clear();
            serving = null;
        }
        if (watcher != null) {
            watcher.shutdownNow();
        }
        // outside the lock: a listener thread finishing its batch may be waiting for it in afterBatch
        for (Running r : toStop) {
            bindings.unbindConsumers(r.binding());
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
