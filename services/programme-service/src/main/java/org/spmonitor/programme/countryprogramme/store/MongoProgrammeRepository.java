package org.spmonitor.programme.countryprogramme.store;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.programme.countryprogramme.domain.Change;
import org.spmonitor.programme.countryprogramme.domain.HistoryEntry;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeFilter;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeRepository;
import org.spmonitor.programme.countryprogramme.domain.ResultPage;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Programmes in MongoDB, one document each. A change is a single conditional update of that
 * document (matching the version it was decided on) that sets the new state, appends the history
 * entry and appends the event to the document's outbox; the relay is woken right after.
 */
@Repository
class MongoProgrammeRepository implements ProgrammeRepository {

    private static final Logger log = LoggerFactory.getLogger(MongoProgrammeRepository.class);

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;

    MongoProgrammeRepository(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
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
    public boolean insert(Change registered) {
        HistoryEntry entry = registered.entry();
        try {
            mongo.insert(new ProgrammeDocument(registered.programme(), entry,
                    codec.toOutboxEvent(registered.event(), entry.at())));
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
        relay.wakeUp();
        return true;
    }

    @Override
    public boolean update(Change change, long expectedVersion) {
        Programme programme = change.programme();
        HistoryEntry entry = change.entry();
        Update update = new Update().set("version", programme.version())
                .set("nameKey", programme.details().nameKey())
                .set("partnerKeys", ProgrammeDocument.partnerKeys(programme.details()))
                .set("details", programme.details())
                .set("milestones", programme.milestones())
                .set("indicators", programme.indicators())
                .set("updatedAt", programme.updatedAt())
                .set("updatedBy", programme.updatedBy())
                .push("history", entry);
        if (change.event() != null) {
            OutboxDocument.appendEvent(update, codec.toOutboxEvent(change.event(), entry.at()));
        }
        Query sameVersion = new Query(Criteria.where("_id").is(programme.id()).and("version").is(expectedVersion));
        boolean written;
        try {
            written = mongo.updateFirst(sameVersion, update, ProgrammeDocument.class).getModifiedCount() == 1;
        }
        catch (DuplicateKeyException ex) {
            throw new ConflictException("another programme in " + programme.details().country() + " is named '"
                    + programme.details().name() + "' already");
        }
        if (written && change.event() != null) {
            relay.wakeUp();
        }
        return written;
    }

    @Override
    public ResultPage<Programme> list(ProgrammeFilter filter, int page, int size) {
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
        return new ResultPage<>(items, page, size, total);
    }

    @Override
    public Optional<List<HistoryEntry>> history(String id) {
        Query query = new Query(Criteria.where("_id").is(id));
        query.fields().include("history");
        return Optional.ofNullable(mongo.findOne(query, ProgrammeDocument.class)).map(ProgrammeDocument::getHistory);
    }
}
