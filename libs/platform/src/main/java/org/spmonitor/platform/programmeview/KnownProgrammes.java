package org.spmonitor.platform.programmeview;

import java.time.LocalDate;
import java.util.Optional;

import org.bson.Document;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.platform.store.VersionGuard;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The store of a service's local, event-fed view of programmes (id, country, dates, status) in its own database,
 * collection {@value #COLLECTION}. Writes are version-guarded, so redelivered and replayed programme
 * events change nothing and an older event never overwrites a newer one.
 */
public class KnownProgrammes {

    public static final String COLLECTION = "programme_view";

    private final MongoTemplate mongo;

    public KnownProgrammes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores {@code programme} unless the view already holds this version or a newer one. */
    public boolean save(KnownProgramme programme) {
        Update update = new Update().set("country", programme.country())
                .set("startDate", programme.startDate() == null ? null : programme.startDate().toString())
                .set("endDate", programme.endDate() == null ? null : programme.endDate().toString())
                .set("status", programme.status() == null ? null : programme.status().name());
        return VersionGuard.upsertIfNewer(mongo, COLLECTION, programme.id(), programme.version(), update);
    }

    public Optional<KnownProgramme> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Document document = mongo.findById(id, Document.class, COLLECTION);
        if (document == null) {
            return Optional.empty();
        }
        String start = document.getString("startDate");
        String end = document.getString("endDate");
        String status = document.getString("status");
        return Optional.of(new KnownProgramme(id, ((Number) document.get("version")).longValue(),
                document.getString("country"), start == null ? null : LocalDate.parse(start),
                end == null ? null : LocalDate.parse(end), status == null ? null : ProgrammeStatus.valueOf(status)));
    }
}
