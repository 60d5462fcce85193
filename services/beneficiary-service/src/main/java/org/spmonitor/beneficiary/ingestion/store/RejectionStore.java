package org.spmonitor.beneficiary.ingestion.store;

import java.time.Instant;
import java.util.Optional;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmissionRejected;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxRelay;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Refusals of inbound submissions, each written with its rejection event (outbox). */
@Repository
public class RejectionStore {

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public RejectionStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
    }

    /** Records the refusal of the record {@code deliveryId}; false when it was already refused (a redelivery). */
    public boolean reject(String deliveryId, BeneficiaryCountSubmissionRejected rejection) {
        Instant now = Instant.now();
        try {
            mongo.insert(new RejectionDocument(deliveryId, rejection, now, codec.toOutboxEvent(rejection, now)));
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
        relay.wakeUp();
        return true;
    }

    public Optional<RejectionDocument> find(String deliveryId) {
        return Optional.ofNullable(mongo.findById(deliveryId, RejectionDocument.class));
    }
}
