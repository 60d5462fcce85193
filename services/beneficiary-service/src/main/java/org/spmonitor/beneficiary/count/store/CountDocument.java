package org.spmonitor.beneficiary.count.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewRules;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A beneficiary count as stored: latest version, full history and pending events in one document.
 * This is storage, never an API response (see the web package's views).
 */
@Document(CountDocument.COLLECTION)
public class CountDocument extends OutboxDocument implements Versioned {

    /** The Mongo field of {@link #getUpdatedAt()}: documents already stored keep their name. */
    static final String UPDATED_AT_FIELD = "changedAt";
    /** The Mongo field of {@link #getUpdatedBy()}. */
    static final String UPDATED_BY_FIELD = "changedBy";

    public static final String COLLECTION = "beneficiary_counts";
    static final String REVIEW_STATE_FIELD = "reviewState";
    static final String FIGURES_VERSION_FIELD = "figuresVersion";

    @Id
    private String id;
    private long version;
    private String country;
    private String programmeId;
    private String period;
    private int year;
    private String targetGroup;
    private String measure;
    private boolean withdrawn;
    private BeneficiaryCountSubmission current;
    /** Stored as {@value #UPDATED_AT_FIELD} (its name before the audit fields were named alike everywhere). */
    @Field(UPDATED_AT_FIELD)
    private Instant updatedAt;
    @Field(UPDATED_BY_FIELD)
    private String updatedBy;
    private List<CountVersion> history;
    /** The review state ({@code ReviewState}); absent on documents stored before reviews: SUBMITTED. */
    private String reviewState;
    /** The version whose figures {@link #current} holds (the last report); 0 on older documents: {@link #version}. */
    private long figuresVersion;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;

    CountDocument() {
    }

    /** The first version as the versioned writer stores it (it adds version, history and outbox). */
    CountDocument(PreparedCount count, Instant at, String by) {
        BeneficiaryCountSubmission submission = count.submission();
        this.id = count.countId();
        this.version = 1;
        this.country = count.country();
        this.programmeId = submission.programmeId();
        this.period = submission.period();
        this.year = count.year();
        this.targetGroup = submission.targetGroup().name();
        this.measure = submission.measure().name();
        this.current = submission;
        this.updatedAt = at;
        this.updatedBy = by;
        this.reviewState = ReviewRules.afterNewVersion().name();
        this.figuresVersion = 1;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getVersion() {
        return version;
    }

    public String getCountry() {
        return country;
    }

    public String getProgrammeId() {
        return programmeId;
    }

    public String getPeriod() {
        return period;
    }

    public int getYear() {
        return year;
    }

    public String getTargetGroup() {
        return targetGroup;
    }

    public String getMeasure() {
        return measure;
    }

    public boolean isWithdrawn() {
        return withdrawn;
    }

    /** The latest reported figures (kept when withdrawn, so a reader sees what was withdrawn). */
    public BeneficiaryCountSubmission getCurrent() {
        return current;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public ReviewState getReviewState() {
        return ReviewState.of(reviewState);
    }

    /** The version whose figures {@link #getCurrent()} holds: a review is a version that keeps the figures. */
    public long getFiguresVersion() {
        return figuresVersion == 0 ? version : figuresVersion;
    }

    /** The comment of the last review (a return's reason), null before any. */
    public String getReviewComment() {
        return reviewComment;
    }

    public String getReviewedBy() {
        return reviewedBy;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }

    /** Every version, oldest first; absent when a list query left it out. */
    public List<CountVersion> getHistory() {
        return history == null ? List.of() : history;
    }

    /**
     * One version: when, by whom, through which channel, and either the reported figures or the
     * withdrawal reason, or a review ({@code review} VALIDATED or RETURNED, with its comment). {@code writeId} identifies the write that made it (set by the versioned writer,
     * whose bulk writes check it).
     */
    public record CountVersion(long version, Instant at, String by, String channel, String reference,
            String deliveryId, String writeId, BeneficiaryCountSubmission submission, boolean withdrawal,
            String withdrawalReason, String review, String comment) {

        static CountVersion reported(long version, Instant at, Provenance provenance, String writeId,
                BeneficiaryCountSubmission submission) {
            return new CountVersion(version, at, provenance.by(), provenance.channel(), provenance.reference(),
                    provenance.deliveryId(), writeId, submission, false, null, null, null);
        }

        static CountVersion withdrawn(long version, Instant at, Provenance provenance, String writeId,
                String reason) {
            return new CountVersion(version, at, provenance.by(), provenance.channel(), provenance.reference(),
                    provenance.deliveryId(), writeId, null, true, reason, null, null);
        }

        static CountVersion reviewed(long version, Instant at, Provenance provenance, Review review) {
            return new CountVersion(version, at, provenance.by(), provenance.channel(), provenance.reference(),
                    provenance.deliveryId(), null, null, false, null, review.decision().name(), review.comment());
        }
    }
}
