package org.spmonitor.financing.report.store;

import org.spmonitor.platform.events.EventOrigin;
import java.time.Instant;
import java.util.List;

import org.spmonitor.financing.report.domain.ReportStatus;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.review.ReviewRules;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A financing report: the latest version, its full history and its pending events in one document,
 * so a submission and the event it emits are one atomic write. Amounts are stored as decimal strings
 * exactly as accepted, never as binary floating point.
 */
@Document(ReportDocument.COLLECTION)
public class ReportDocument extends OutboxDocument implements Versioned {

    public static final String COLLECTION = "financing_reports";
    static final String REVIEW_STATE_FIELD = "reviewState";
    static final String FIGURES_VERSION_FIELD = "figuresVersion";

    @Id
    private String id;
    private long version;
    private String country;
    private String period;
    private int year;
    private String programmeId;
    private String currency;
    private ReportStatus status;
    private Instant updatedAt;
    private String updatedBy;
    private StoredReport current;
    private List<ReportVersion> history;
    /** The review state ({@code ReviewState}); absent on documents stored before reviews: SUBMITTED. */
    private String reviewState;
    /** The version whose amounts {@link #current} holds (the last submission); 0 on older documents: {@link #version}. */
    private long figuresVersion;
    private String reviewComment;
    private String reviewedBy;
    private Instant reviewedAt;

    ReportDocument() {
    }

    /** The first version as the versioned writer stores it (it adds version, history and outbox). */
    ReportDocument(String id, StoredReport report, int year, Instant at, String by) {
        this.id = id;
        this.version = 1;
        this.country = report.country();
        this.period = report.period();
        this.year = year;
        this.programmeId = report.programmeId();
        this.currency = report.currency();
        this.status = ReportStatus.SUBMITTED;
        this.updatedAt = at;
        this.updatedBy = by;
        this.current = report;
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

    public String getPeriod() {
        return period;
    }

    public int getYear() {
        return year;
    }

    public String getProgrammeId() {
        return programmeId;
    }

    public String getCurrency() {
        return currency;
    }

    public ReportStatus getStatus() {
        return status;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    /** The content of the latest submission (kept when the report is withdrawn). */
    public StoredReport getCurrent() {
        return current;
    }

    public ReviewState getReviewState() {
        return ReviewState.of(reviewState);
    }

    /**
     * The version whose amounts {@link #getCurrent()} holds: a review is a version that keeps the amounts.
     * Documents stored before reviews hold the amounts of their current version.
     */
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

    /** Every version, oldest first; empty when the list query left it out. */
    public List<ReportVersion> getHistory() {
        return history == null ? List.of() : history;
    }

    /** The content of one submitted version, amounts as plain decimal strings. */
    public record StoredReport(String country, String period, String currency, String gdp,
            String totalGovernmentExpenditure, String programmeId, List<StoredLine> lines) {
    }

    public record StoredLine(String function, String source, String allocated, String executed) {
    }

    /**
     * One version: when, by whom, and either the submitted content or the withdrawal reason, or a review
     * ({@code review} VALIDATED or RETURNED with the validator's {@code comment}; {@code action} is then the
     * report's status, SUBMITTED); through which {@code channel} (api, api-batch, import-csv) and, for an
     * import, its id ({@code reference}, ADR 0021). Versions stored before ADR 0021 have neither.
     */
    public record ReportVersion(long version, Instant at, String by, ReportStatus action, StoredReport report,
            String reason, String review, String comment, String channel, String reference) {

        ReportVersion(long version, Instant at, EventOrigin origin, ReportStatus action, StoredReport report,
                String reason) {
            this(version, at, origin, action, report, reason, null, null);
        }

        ReportVersion(long version, Instant at, EventOrigin origin, ReportStatus action, StoredReport report,
                String reason, String review, String comment) {
            this(version, at, origin.actor(), action, report, reason, review, comment, origin.channel(),
                    origin.reference());
        }
    }
}
