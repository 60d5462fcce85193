package org.spmonitor.reporting.projection;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.live.LiveUpdates;
import org.spmonitor.reporting.projection.domain.Replay;
import org.spmonitor.reporting.projection.store.GenerationStore;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the projection of the served read-model generation and, during a replay, of the generation
 * being rebuilt. Each generation has its own collections and its own consumer group
 * ({@code reporting-service.projection.<generation>}); a new group reads the topics from offset 0.
 * <p>
 * A replay records the end offset of every partition when it is requested. Once its consumer's
 * position has reached all of them, reads switch to the new generation with one atomic update of
 * the generation pointer; its consumer goes on as the live one and the old generation's consumer
 * stops. Until then the old generation is served, whole, so a reader never sees an empty or partial
 * dashboard. The generation served before is kept until the next switch, then dropped.
 * <p>
 * Replays run on the instance that received the request; run one instance while replaying.
 */
@Component
public class ProjectionGenerations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    static final String[] TOPICS = { Topics.PROGRAMME_EVENTS, Topics.FINANCING_REPORT_EVENTS,
            Topics.BENEFICIARY_COUNT_EVENTS };
    private static final String GROUP_PREFIX = "reporting-service.projection.";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final GenerationStore store;
    private final ConcurrentKafkaListenerContainerFactory<String, byte[]> containers;
    private final KafkaAdmin kafkaAdmin;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final KafkaTemplate<String, byte[]> kafka;
    private final LiveUpdates live;
    private final Timer batchTimer;
    private final Timer lagTimer;

    private final Object lock = new Object();
    private volatile ReadModel serving;
    private Running current;
    private Running building;
    private volatile boolean running;

    /** A generation's projection and the container feeding it; a replay's targets when it is one. */
    private record Running(DashboardProjection projection, ConcurrentMessageListenerContainer<String, byte[]> container,
            String replayId, Map<TopicPartition, Long> targets) {
    }

    @SuppressWarnings("unchecked")
    ProjectionGenerations(MongoTemplate mongo, EventCodec codec, GenerationStore store,
            ConcurrentKafkaListenerContainerFactory<?, ?> containers, KafkaAdmin kafkaAdmin,
            DeadLetters deadLetters, KafkaTemplate<String, byte[]> kafka, LiveUpdates live, MeterRegistry meters) {
        this.mongo = mongo;
        this.json = codec.mapper();
        this.codec = codec;
        this.store = store;
        this.containers = (ConcurrentKafkaListenerContainerFactory<String, byte[]>) containers;
        this.kafkaAdmin = kafkaAdmin;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.live = live;
        this.batchTimer = Timer.builder("spmonitor.projection.batch").description("time to project one batch")
                .publishPercentileHistogram().register(meters);
        this.lagTimer = Timer.builder("spmonitor.projection.lag")
                .description("from the time of the newest event of a (country, year) in a batch to its dashboard")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** The read models that dashboards are read from. */
    public ReadModel serving() {
        return serving;
    }

    boolean isServing(ReadModel model) {
        return serving == model;
    }

    @Override
    public void start() {
        synchronized (lock) {
            GenerationStore.Pointer pointer = store.pointer().orElseGet(() -> store.initialise(newGeneration(1)));
            if (pointer.layout() < GenerationStore.LAYOUT) {
                pointer = rebuildInCurrentLayout(pointer);
            }
            serving = new ReadModel(mongo, json, pointer.serving());
            current = run(serving, null, Map.of());
            if (pointer.building() != null) {
                Replay replay = store.replay(pointer.buildingReplayId()).orElse(null);
                if (replay == null) {
                    store.fail(pointer.buildingReplayId(), "replay record lost");
                }
                else {
                    log.info("Resuming replay {} into generation {}", replay.id(), replay.generation());
                    building = run(new ReadModel(mongo, json, replay.generation()), replay.id(),
                            targets(replay.targetOffsets()));
                }
            }
            running = true;
        }
    }

    /**
     * Read models written by an earlier version in another layout cannot be projected on: this version
     * starts a new generation from offset 0 and drops the old ones. Dashboards fill in as it catches up.
     */
    private GenerationStore.Pointer rebuildInCurrentLayout(GenerationStore.Pointer old) {
        log.warn("The read models of generation {} are in layout {}, this version writes layout {}: rebuilding "
                + "them from offset 0 into a new generation", old.serving(), old.layout(), GenerationStore.LAYOUT);
        if (old.buildingReplayId() != null) {
            store.fail(old.buildingReplayId(), "superseded by a rebuild in layout " + GenerationStore.LAYOUT);
        }
        GenerationStore.Pointer pointer = store.restart(newGeneration(old.sequence() + 1), old.sequence() + 1);
        for (String generation : new String[] { old.serving(), old.previous(), old.building() }) {
            if (generation != null) {
                new ReadModel(mongo, json, generation).drop();
            }
        }
        return pointer;
    }

    /**
     * Starts rebuilding the read models from offset 0 into a new generation.
     *
     * @throws ConflictException while another replay is running
     */
    public Replay requestReplay(String requestedBy) {
        synchronized (lock) {
            if (building != null) {
                throw new ConflictException("a replay is already running: " + building.replayId());
            }
            GenerationStore.Pointer pointer = store.pointer().orElseThrow();
            int sequence = pointer.sequence() + 1;
            String generation = newGeneration(sequence);
            Map<TopicPartition, Long> targets = endOffsets();
            Map<String, Long> described = new LinkedHashMap<>();
            targets.forEach((tp, offset) -> described.put(tp.toString(), offset));
            Replay replay = new Replay(UUID.randomUUID().toString(), generation, pointer.serving(),
                    Replay.Status.BUILDING, requestedBy, Instant.now(), null, described, null);
            store.startBuilding(generation, sequence, replay);
            log.info("Replay {} requested by {}: rebuilding into generation {} up to {}", replay.id(), requestedBy,
                    generation, described);
            building = run(new ReadModel(mongo, json, generation), replay.id(), targets);
            if (targets.values().stream().allMatch(offset -> offset == 0)) {
                switchOver();
            }
            return store.replay(replay.id()).orElse(replay);
        }
    }

    public java.util.Optional<Replay> replay(String id) {
        return store.replay(id);
    }

    public List<Replay> replays() {
        return store.replays();
    }

    /** Called by a projection after each batch: switches reads over once a replay has caught up. */
    void afterBatch(DashboardProjection projection, Consumer<?, ?> consumer) {
        synchronized (lock) {
            if (building == null || building.projection() != projection || !caughtUp(consumer, building.targets())) {
                return;
            }
            switchOver();
        }
    }

    private void switchOver() {
        Running replaced = current;
        Running replay = building;
        String previous = store.pointer().map(GenerationStore.Pointer::previous).orElse(null);
        Instant now = Instant.now();
        store.switchTo(replay.projection().model().generation(), replaced.projection().model().generation(),
                replay.replayId(), now);
        serving = replay.projection().model();
        current = replay;
        building = null;
        log.info("Replay {} caught up: reads switched from generation {} to {}", replay.replayId(),
                replaced.projection().model().generation(), serving.generation());
        replaced.container().stop(() -> log.info("Stopped the projection of generation {}",
                replaced.projection().model().generation()));
        if (previous != null && !previous.equals(serving.generation())) {
            new ReadModel(mongo, json, previous).drop();
        }
        live.broadcast("read-models-switched", Map.of("generation", serving.generation(), "replayId",
                replay.replayId()));
    }

    private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> targets) {
        try {
            for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
                if (target.getValue() > 0 && consumer.position(target.getKey()) < target.getValue()) {
                    return false;
                }
            }
            return true;
        }
        catch (IllegalStateException ex) {
            return false; // a partition is not assigned to this consumer (yet)
        }
    }

    private Running run(ReadModel model, String replayId, Map<TopicPartition, Long> targets) {
        DashboardProjection projection = new DashboardProjection(model, codec, deadLetters, kafka, live, batchTimer,
                lagTimer, this);
        ConcurrentMessageListenerContainer<String, byte[]> container = containers.createContainer(TOPICS);
        container.getContainerProperties().setGroupId(GROUP_PREFIX + model.generation());
        container.getContainerProperties().setMessageListener(projection);
        container.setConcurrency(1);
        container.setBeanName("onDashboardEvents-" + model.generation());
        container.setAutoStartup(false);
        container.start();
        return new Running(projection, container, replayId, targets);
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

    private static Map<TopicPartition, Long> targets(Map<String, Long> described) {
        Map<TopicPartition, Long> targets = new LinkedHashMap<>();
        described.forEach((key, offset) -> {
            int dash = key.lastIndexOf('-');
            targets.put(new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1))), offset);
        });
        return targets;
    }

    private static String newGeneration(int sequence) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return "g" + sequence + "-" + HexFormat.of().formatHex(random);
    }

    @Override
    public void stop() {
        Running[] toStop;
        synchronized (lock) {
            running = false;
            toStop = new Running[] { building, current };
        }
        // outside the lock: a listener thread finishing its batch may be waiting for it in afterBatch
        for (Running r : toStop) {
            if (r != null) {
                r.container().stop();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
