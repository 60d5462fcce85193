package org.spmonitor.local.chaos;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.spmonitor.local.LocalService;

/**
 * How many beneficiary counts of a country reporting-service's served read model holds, read from its
 * database directly. The dashboards only change once a whole batch is applied; the facts grow record
 * by record, so this tells when a batch is part-way through: to time a crash, never to judge an
 * outcome (that is the dashboards' job). Knows reporting-service's collection names, so it belongs to
 * fault tooling only.
 */
public final class ReadModelPeek implements AutoCloseable {

    private final MongoClient mongo;

    public ReadModelPeek(String mongoUri) {
        this.mongo = MongoClients.create(mongoUri);
    }

    /**
     * The count facts of {@code country}; 0 before the read model exists. They live in buckets of one
     * (country, year, programme) each (ADR 0004), so this sums the buckets' facts: a cold-path query.
     */
    public long countFacts(String country) {
        MongoDatabase db = mongo.getDatabase(LocalService.REPORTING.database());
        Document pointer = db.getCollection("reporting_generations").find(Filters.eq("_id", "pointer")).first();
        if (pointer == null) {
            return 0;
        }
        long facts = 0;
        for (Document bucket : db.getCollection(pointer.getString("serving") + "_count_buckets")
                .find(Filters.eq("country", country)).projection(Projections.include("facts.id"))) {
            facts += bucket.getList("facts", Document.class, List.of()).size();
        }
        return facts;
    }

    @Override
    public void close() {
        mongo.close();
    }
}
