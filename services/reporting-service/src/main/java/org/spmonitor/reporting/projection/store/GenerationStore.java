package org.spmonitor.reporting.projection.store;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.spmonitor.reporting.projection.domain.Replay;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Which read-model generation is served, which one a replay is building, and the replays requested
 * with their progress: the one place every instance learns these from (ADR 0012). Reads switch
 * generations with one single-document update of the pointer.
 */
@Repository
public class GenerationStore {

    static final String GENERATIONS = "reporting_generations";
    static final String REPLAYS = "reporting_replays";
    private static final String POINTER = "pointer";

    /**
     * The layout of the read models this version writes (ADR 0004: buckets and hierarchical rollups; 5,
     * ADR 0006: country summaries carry their resolved financing lines, which the world year combines; 6,
     * summaries carry the target population and coverage of each target group; 7, ADR 0021: the fact
     * history beside the facts, which read models of an earlier layout lack for what they projected). A
     * pointer without it names generations in the earliest layout (one document per fact); a lower one,
     * read models the world rollup of this version cannot combine. Either is rebuilt from offset 0.
     */
    public static final int LAYOUT = 7;

    private final MongoTemplate mongo;

    public GenerationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param serving the generation reads use
     * @param previous the generation served before the last switch (kept until the next one)
     * @param building the generation a replay is building, or null
     * @param sequence how many generations were created
     * @param layout the layout of the generations' read models ({@link #LAYOUT}; 1 before ADR 0004)
     */
    public record Pointer(String serving, String previous, String building, String buildingReplayId, int sequence,
            int layout, String lastReplayId) {
    }

    public Optional<Pointer> pointer() {
        Document d = mongo.findById(POINTER, Document.class, GENERATIONS);
        return Optional.ofNullable(d).map(p -> new Pointer(p.getString("serving"), p.getString("previous"),
                p.getString("building"), p.getString("buildingReplayId"), p.getInteger("sequence", 1),
                p.getInteger("layout", 1), p.getString("lastReplayId")));
    }

    /**
     * The first generation of an empty database. Instances starting together agree on one: the first
     * insert wins, the others read it.
     */
    public Pointer initialise(String generation) {
        try {
            mongo.insert(new Document("_id", POINTER).append("serving", generation).append("sequence", 1)
                    .append("layout", LAYOUT), GENERATIONS);
        }
        catch (DuplicateKeyException ex) {
            // another instance initialised it first
        }
        return pointer().orElseThrow();
    }

    /**
     * Serves a new, empty generation in the current layout instead of {@code old}, unless another
     * instance did so first (the pointer no longer names {@code old}).
     *
     * @return whether this call replaced it
     */
    public boolean restartFrom(Pointer old, String generation, int sequence) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(POINTER).and("serving").is(old.serving())),
                new Update().set("serving", generation).set("sequence", sequence).set("layout", LAYOUT)
                        .unset("previous").unset("building").unset("buildingReplayId"), GENERATIONS)
                .getModifiedCount() == 1;
    }

    /**
     * Records the replay and names its generation as the one being built, unless a replay is being
     * built already (requested on this or another instance at the same time): then the replay is
     * recorded as FAILED.
     *
     * @return whether the replay was started
     */
    public boolean startBuilding(String generation, int sequence, Replay replay) {
        mongo.save(document(replay), REPLAYS);
        boolean started = mongo.updateFirst(new Query(Criteria.where("_id").is(POINTER).and("building").is(null)),
                new Update().set("building", generation).set("buildingReplayId", replay.id()).set("sequence", sequence),
                GENERATIONS).getModifiedCount() == 1;
        if (!started) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(replay.id())), new Update()
                    .set("status", Replay.Status.FAILED.name()).set("message", "another replay is running"), REPLAYS);
        }
        return started;
    }

    /**
     * Raises the recorded progress of a replay to the positions an instance has projected its
     * partitions to (never lowers it: a partition's previous owner may report late).
     *
     * @return the replay as recorded now
     */
    public Optional<Replay> recordProgress(String replayId, Map<String, Long> positions) {
        Update update = new Update();
        positions.forEach((partition, position) -> update.max("progress." + progressKey(partition), position));
        return Optional.ofNullable(mongo.findAndModify(new Query(Criteria.where("_id").is(replayId)), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, REPLAYS)).map(GenerationStore::replay);
    }

    /**
     * Switches reads to the generation being built, in one atomic update of the pointer; every instance
     * follows it. Only the first of several instances finding the replay caught up switches.
     *
     * @return whether this call switched
     */
    public boolean switchTo(String generation, String replaced, String replayId, Instant at) {
        boolean switched = mongo.updateFirst(new Query(Criteria.where("_id").is(POINTER).and("building").is(generation)),
                new Update().set("serving", generation).set("previous", replaced).set("lastReplayId", replayId)
                        .unset("building").unset("buildingReplayId"), GENERATIONS).getModifiedCount() == 1;
        if (switched) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(replayId)), new Update()
                    .set("status", Replay.Status.COMPLETED.name()).set("switchedAt", Date.from(at)), REPLAYS);
        }
        return switched;
    }

    public void fail(String replayId, String message) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(POINTER).and("buildingReplayId").is(replayId)),
                new Update().unset("building").unset("buildingReplayId"), GENERATIONS);
        mongo.updateFirst(new Query(Criteria.where("_id").is(replayId)),
                new Update().set("status", Replay.Status.FAILED.name()).set("message", message), REPLAYS);
    }

    public Optional<Replay> replay(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, REPLAYS)).map(GenerationStore::replay);
    }

    public List<Replay> replays() {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "requestedAt")).limit(50), Document.class,
                REPLAYS).stream().map(GenerationStore::replay).toList();
    }

    private static Document document(Replay r) {
        return new Document("_id", r.id()).append("generation", r.generation())
                .append("replacedGeneration", r.replacedGeneration()).append("status", r.status().name())
                .append("requestedBy", r.requestedBy()).append("requestedAt", Date.from(r.requestedAt()))
                .append("targetOffsets", r.targetOffsets().entrySet().stream()
                        .map(e -> new Document("partition", e.getKey()).append("offset", e.getValue())).toList())
                .append("message", r.message());
    }

    private static Replay replay(Document d) {
        Map<String, Long> targets = new LinkedHashMap<>();
        List<Document> t = d.getList("targetOffsets", Document.class);
        if (t != null) {
            t.forEach(e -> targets.put(e.getString("partition"), ((Number) e.get("offset")).longValue()));
        }
        Map<String, Long> progress = new LinkedHashMap<>();
        if (d.get("progress") instanceof Document p) {
            targets.keySet().forEach(partition -> {
                if (p.get(progressKey(partition)) instanceof Number n) {
                    progress.put(partition, n.longValue());
                }
            });
        }
        Date switched = d.getDate("switchedAt");
        return new Replay(d.getString("_id"), d.getString("generation"), d.getString("replacedGeneration"),
                Replay.Status.valueOf(d.getString("status")), d.getString("requestedBy"),
                d.getDate("requestedAt").toInstant(), switched == null ? null : switched.toInstant(), targets,
                d.getString("message"), progress);
    }

    /** A {@code topic-partition} as a field name: topic names hold dots, which field paths cannot. */
    private static String progressKey(String partition) {
        return partition.replace('.', '_');
    }
}
