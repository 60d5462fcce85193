package org.spmonitor.reporting.projection.store;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.spmonitor.reporting.projection.domain.Replay;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Which read-model generation is served, which one a replay is building, and the replays requested.
 * Reads switch generations with one single-document update of the pointer.
 */
@Repository
public class GenerationStore {

    static final String GENERATIONS = "reporting_generations";
    static final String REPLAYS = "reporting_replays";
    private static final String POINTER = "pointer";

    /**
     * The layout of the read models this version writes (ADR 0004: buckets and hierarchical rollups; 5,
     * ADR 0006: country summaries carry their resolved financing lines, which the world year combines). A
     * pointer without it names generations in the earliest layout (one document per fact); a lower one,
     * read models the world rollup of this version cannot combine. Either is rebuilt from offset 0.
     */
    public static final int LAYOUT = 5;

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
            int layout) {
    }

    public Optional<Pointer> pointer() {
        Document d = mongo.findById(POINTER, Document.class, GENERATIONS);
        return Optional.ofNullable(d).map(p -> new Pointer(p.getString("serving"), p.getString("previous"),
                p.getString("building"), p.getString("buildingReplayId"), p.getInteger("sequence", 1),
                p.getInteger("layout", 1)));
    }

    /** The first generation of an empty database. */
    public Pointer initialise(String generation) {
        return restart(generation, 1);
    }

    /**
     * Serves a new, empty generation in the current layout (which projects from offset 0), forgetting
     * the generations named before: for an empty database, or one holding an earlier layout.
     */
    public Pointer restart(String generation, int sequence) {
        mongo.save(new Document("_id", POINTER).append("serving", generation).append("sequence", sequence)
                .append("layout", LAYOUT), GENERATIONS);
        return pointer().orElseThrow();
    }

    public void startBuilding(String generation, int sequence, Replay replay) {
        mongo.save(document(replay), REPLAYS);
        mongo.updateFirst(new Query(Criteria.where("_id").is(POINTER)), new Update().set("building", generation)
                .set("buildingReplayId", replay.id()).set("sequence", sequence), GENERATIONS);
    }

    /** Switches reads to the generation being built, in one atomic update. */
    public void switchTo(String generation, String replaced, String replayId, Instant at) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(POINTER).and("building").is(generation)),
                new Update().set("serving", generation).set("previous", replaced).unset("building")
                        .unset("buildingReplayId"), GENERATIONS);
        mongo.updateFirst(new Query(Criteria.where("_id").is(replayId)), new Update()
                .set("status", Replay.Status.COMPLETED.name()).set("switchedAt", Date.from(at)), REPLAYS);
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
        Date switched = d.getDate("switchedAt");
        return new Replay(d.getString("_id"), d.getString("generation"), d.getString("replacedGeneration"),
                Replay.Status.valueOf(d.getString("status")), d.getString("requestedBy"),
                d.getDate("requestedAt").toInstant(), switched == null ? null : switched.toInstant(), targets,
                d.getString("message"));
    }
}
