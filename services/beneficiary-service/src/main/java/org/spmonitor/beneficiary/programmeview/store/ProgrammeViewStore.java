package org.spmonitor.beneficiary.programmeview.store;

import java.util.Optional;

import org.bson.Document;
import org.spmonitor.beneficiary.programmeview.domain.KnownProgramme;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.platform.store.VersionGuard;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The local programme view: id, country, dates, status, kept by version. */
@Repository
public class ProgrammeViewStore {

    static final String COLLECTION = "programme_view";

    private final MongoTemplate mongo;

    public ProgrammeViewStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

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
                document.getString("country"), start == null ? null : java.time.LocalDate.parse(start),
                end == null ? null : java.time.LocalDate.parse(end),
                status == null ? null : ProgrammeStatus.valueOf(status)));
    }
}
