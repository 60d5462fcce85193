package org.spmonitor.programme.countryprogramme.store;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.programme.countryprogramme.domain.Change;
import org.spmonitor.programme.countryprogramme.domain.HistoryEntry;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeFilter;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Programmes in MongoDB, one document each, written through the platform's {@link VersionedWriter}:
 * a change is a single update of that document by {@code _id} conditional on the version it was
 * decided on, which sets the new state, the version, appends the history entry and appends the event
 * to the document's outbox. {@link org.spmonitor.programme.countryprogramme.domain.ProgrammeService}
 * decides again when another change came first.
 */
@Repository
class MongoProgrammeRepository implements ProgrammeRepository {

    private static final Logger log = LoggerFactory.getLogger(MongoProgrammeRepository.class);

    private final MongoTemplate mongo;
    private final VersionedWriter<ProgrammeDocument> writer;

    MongoProgrammeRepository(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.writer = new VersionedWriter<>(mongo, codec, relay, ProgrammeDocument.class, ProgrammeDocument.COLLECTION);
        createIndexes();
    }

    private void createIndexes() {
        try {
            mongo.indexOps(ProgrammeDocument.class).createIndex(new Index().on("nameKey", Sort.Direction.ASC)
                    .unique().named("programme_name_per_country"));
            mongo.indexOps(ProgrammeDocument.class).createIndex(new Index().on("details.country", Sort.Direction.ASC)
                    .named("programme_country"));
        }
        catch (RuntimeException ex) {
            log.warn("Could not create the programme indexes (names are still checked before each write): {}",
                    ex.toString());
        }
    }

    @Override
    public Optional<Programme> find(String id) {
        Query query = new Query(Criteria.where("_id").is(id));
        query.fields().exclude("history").exclude("outbox");
        return Optional.ofNullable(mongo.findOne(query, ProgrammeDocument.class)).map(ProgrammeDocument::toProgramme);
    }

    @Override
    public Optional<Programme> findByNameKey(String nameKey) {
        Query query = new Query(Criteria.where("nameKey").is(nameKey));
        query.fields().exclude("history").exclude("outbox");
        return Optional.ofNullable(mongo.findOne(query, ProgrammeDocument.class)).map(ProgrammeDocument::toProgramme);
    }

    @Override
    public boolean insert(Change registered, EventOrigin origin) {
        try {
            return writer.create(registered.programme().id(), new ProgrammeDocument(registered.programme()),
                    registered.entry(), events(registered), registered.entry().at(), origin);
        }
        catch (DuplicateKeyException ex) {
            return false; // the name key is taken by now: decide again
        }
    }

    @Override
    public boolean update(Change change, long expectedVersion, EventOrigin origin) {
        Programme programme = change.programme();
        if (programme.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("a change of version " + expectedVersion + " makes version "
                    + (expectedVersion + 1) + ", not " + programme.version());
        }
        Update changes = new Update()
                .set("nameKey", programme.details().nameKey())
                .set("partnerKeys", ProgrammeDocument.partnerKeys(programme.details()))
                .set("details", programme.details())
                .set("milestones", programme.milestones())
                .set("indicators", programme.indicators())
                .set("updatedAt", programme.updatedAt())
                .set("updatedBy", programme.updatedBy());
        try {
            return writer.update(programme.id(), expectedVersion, changes, change.entry(), events(change),
                    change.entry().at(), origin);
        }
        catch (DuplicateKeyException ex) {
            throw new ConflictException("another programme in " + programme.details().country() + " is named '"
                    + programme.details().name() + "' already");
        }
    }

    private static List<DomainEvent> events(Change change) {
        return change.event() == null ? List.of() : List.of(change.event());
    }

    @Override
    public Page<Programme> list(ProgrammeFilter filter, int page, int size) {
        Query query = new Query();
        if (filter.country() != null) {
            query.addCriteria(Criteria.where("details.country").is(filter.country()));
        }
        if (filter.status() != null) {
            query.addCriteria(Criteria.where("details.status").is(filter.status().name()));
        }
        if (filter.partner() != null) {
            query.addCriteria(Criteria.where("partnerKeys").is(ProgrammeDocument.partnerKey(filter.partner())));
        }
        if (filter.targetGroup() != null) {
            query.addCriteria(Criteria.where("details.targetGroups").is(filter.targetGroup().name()));
        }
        long total = mongo.count(query, ProgrammeDocument.class);
        query.with(Sort.by("nameKey", "_id")).skip((long) page * size).limit(size);
        query.fields().exclude("history").exclude("outbox").exclude("milestones").exclude("indicators");
        List<Programme> items = mongo.find(query, ProgrammeDocument.class).stream()
                .map(ProgrammeDocument::toProgramme).toList();
        return Page.of(items, page, size, total);
    }

    @Override
    public Optional<List<HistoryEntry>> history(String id) {
        Query query = new Query(Criteria.where("_id").is(id));
        query.fields().include("history");
        return Optional.ofNullable(mongo.findOne(query, ProgrammeDocument.class)).map(ProgrammeDocument::getHistory);
    }
}
