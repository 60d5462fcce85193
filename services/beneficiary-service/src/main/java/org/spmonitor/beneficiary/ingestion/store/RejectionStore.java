package org.spmonitor.beneficiary.ingestion.store;

import java.util.List;
import java.util.Optional;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmissionRejected;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.store.VersionedWriter.Decision;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Refusals of inbound submissions, each written with its rejection event (outbox). */
@Repository
public class RejectionStore {

    private final MongoTemplate mongo;
    private final VersionedWriter<RejectionDocument> writer;

    public RejectionStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.writer = new VersionedWriter<>(mongo, codec, relay, RejectionDocument.class, RejectionDocument.COLLECTION);
    }

    /** Records the refusal of the record {@code deliveryId}; false when it was already refused (a redelivery). */
    public boolean reject(String deliveryId, BeneficiaryCountSubmissionRejected rejection) {
        return writer.write(deliveryId, (current, now) -> current != null ? Decision.unchanged(false)
                : Decision.create(new RejectionDocument(deliveryId, rejection, now), null, List.of(rejection), true));
    }

    public Optional<RejectionDocument> find(String deliveryId) {
        return Optional.ofNullable(mongo.findById(deliveryId, RejectionDocument.class));
    }
}
