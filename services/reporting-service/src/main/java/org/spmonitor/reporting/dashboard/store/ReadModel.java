package org.spmonitor.reporting.dashboard.store;

import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * One generation of the read models: its facts and rollups live in collections prefixed with the
 * generation's name, so a replay can rebuild a new generation beside the one being served.
 */
public final class ReadModel {

    private final String generation;
    private final FactStore facts;
    private final DashboardStore dashboards;
    private final CompletenessStore completeness;
    private final FactHistory history;

    public ReadModel(MongoTemplate mongo, JsonMapper json, String generation) {
        this.generation = generation;
        this.facts = new FactStore(mongo, json, generation);
        this.dashboards = new DashboardStore(mongo, json, generation);
        this.completeness = new CompletenessStore(mongo, json, generation);
        this.history = new FactHistory(mongo, json, generation);
    }

    public String generation() {
        return generation;
    }

    public FactStore facts() {
        return facts;
    }

    public DashboardStore dashboards() {
        return dashboards;
    }

    /** What each country owes and delivered (ADR 0020). */
    public CompletenessStore completeness() {
        return completeness;
    }

    /** Every fact version projected into this generation (ADR 0021). */
    public FactHistory history() {
        return history;
    }

    /**
     * Creates the indexes the guarded writes of the projection use (ADR 0012); idempotent, called once by
     * a generation's projection before it writes.
     */
    public void prepareForWrites() {
        facts.ensureIndexes();
        dashboards.ensureIndexes();
        completeness.ensureIndexes();
    }

    /** Drops every collection of this generation. */
    public void drop() {
        facts.drop();
        dashboards.drop();
        completeness.drop();
        history.drop();
    }
}
