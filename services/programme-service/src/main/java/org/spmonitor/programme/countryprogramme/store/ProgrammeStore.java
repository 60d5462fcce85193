package org.spmonitor.programme.countryprogramme.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.store.ProgrammeDocument.ProgrammeChange;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Programmes in MongoDB; every write carries its event in the same document (outbox). */
@Repository
public class ProgrammeStore {

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public ProgrammeStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
    }

    public Programme register(Programme programme, String by) {
        Instant now = Instant.now();
        ProgrammeChange change = new ProgrammeChange(programme.version(), now, by, "REGISTERED", List.of());
        mongo.insert(new ProgrammeDocument(programme, change, codec.toOutboxEvent(programme.registered(), now)));
        relay.wakeUp();
        return programme;
    }

    public Optional<ProgrammeDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ProgrammeDocument.class));
    }

    public List<Programme> list(String country, int page, int size) {
        Query query = new Query();
        if (country != null) {
            query.addCriteria(Criteria.where("details.country").is(country));
        }
        query.with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, ProgrammeDocument.class).stream().map(ProgrammeDocument::toProgramme).toList();
    }
}
