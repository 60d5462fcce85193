package org.spmonitor.beneficiary.ingestion.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmissionRejected;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A refused inbound submission and its pending rejection event, one document: the relay publishes it
 * to {@code beneficiaries.submission-rejections.v1}. Its id is the record's {@code topic/partition/offset},
 * so a redelivered record is refused once.
 */
@Document(RejectionDocument.COLLECTION)
public class RejectionDocument extends OutboxDocument implements Versioned {

    public static final String COLLECTION = "submission_rejections";

    @Id
    private String id;
    private String originalId;
    private String country;
    private String submittedBy;
    private List<BeneficiaryCountSubmissionRejected.Reason> reasons;
    private Instant rejectedAt;
    private long version;

    RejectionDocument() {
    }

    /** As the versioned writer stores it, with the rejection event in its outbox. */
    RejectionDocument(String id, BeneficiaryCountSubmissionRejected rejection, Instant rejectedAt) {
        this.version = 1;
        this.id = id;
        this.originalId = rejection.originalId();
        this.country = rejection.country();
        this.submittedBy = rejection.submittedBy();
        this.reasons = rejection.reasons();
        this.rejectedAt = rejectedAt;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getVersion() {
        return version;
    }

    public String getOriginalId() {
        return originalId;
    }

    public List<BeneficiaryCountSubmissionRejected.Reason> getReasons() {
        return reasons;
    }
}
