package org.spmonitor.reporting.dashboard.store;

import java.time.Instant;
import java.util.Optional;

import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryYear;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/** Rollups: one document per (country, year), replaced whenever its facts change. */
@Repository
public class DashboardStore {

    private final MongoTemplate mongo;

    public DashboardStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A stored country dashboard with its freshness. */
    @Document("country_dashboards")
    public record StoredCountryDashboard(@Id String id, CountryDashboard dashboard, Instant newestEventTime,
            Instant projectedAt, Long projectionLagMillis) {
    }

    public void save(StoredCountryDashboard dashboard) {
        mongo.save(dashboard);
    }

    public Optional<StoredCountryDashboard> find(CountryYear key) {
        return Optional.ofNullable(mongo.findById(key.id(), StoredCountryDashboard.class));
    }
}
