package org.spmonitor.local.chaos;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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

    /** The count facts of {@code country}; 0 before the read model exists. */
    public long countFacts(String country) {
        MongoDatabase db = mongo.getDatabase(LocalService.REPORTING.database());
        Document pointer = db.getCollection("reporting_generations").find(Filters.eq("_id", "pointer")).first();
        return pointer == null ? 0 : db.getCollection(pointer.getString("serving") + "_beneficiary_facts")
                .countDocuments(Filters.eq("country", country));
    }

    @Override
    public void close() {
        mongo.close();
    }
}
