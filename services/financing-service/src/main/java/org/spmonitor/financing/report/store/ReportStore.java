package org.spmonitor.financing.report.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FinancingLine;
import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.financing.FinancingReportReturned;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportValidated;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.financing.report.domain.FinancingReport;
import org.spmonitor.financing.report.domain.ReportFilter;
import org.spmonitor.financing.report.domain.ReportLine;
import org.spmonitor.financing.report.domain.ReportStatus;
import org.spmonitor.financing.report.domain.ReportWrite;
import org.spmonitor.financing.report.store.ReportDocument.ReportVersion;
import org.spmonitor.financing.report.store.ReportDocument.StoredLine;
import org.spmonitor.financing.report.store.ReportDocument.StoredReport;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewCriteria;
import org.spmonitor.platform.review.ReviewRules;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.review.Reviewed;
import org.spmonitor.platform.store.VersionedWriter.Decision;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.store.VersionedWriter.Item;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Financing reports in MongoDB, written through the platform's {@link VersionedWriter}: a submission
 * or withdrawal and its event are one atomic write of one document by {@code _id} (and version);
 * concurrent writes of the same report are decided again on the newer version.
 */
@Repository
public class ReportStore {

    /** Reports written per bulk round trip. */
    static final int CHUNK = 1_000;

    private final MongoTemplate mongo;
    private final VersionedWriter<ReportDocument> writer;

    public ReportStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.writer = new VersionedWriter<>(mongo, codec, relay, ReportDocument.class, ReportDocument.COLLECTION);
        try {
            mongo.indexOps(ReportDocument.COLLECTION).createIndex(new Index().on("country", Sort.Direction.ASC)
                    .on("year", Sort.Direction.ASC).named("country_year"));
        }
        catch (RuntimeException ex) {
            // an index only speeds up the list; the queries work without it
        }
    }

    /** Stores a report; its event carries {@code origin}: who and through which channel (ADR 0021). */
    public ReportWrite submit(FinancingReport report, EventOrigin origin) {
        return writer.write(report.key().reportId(),
                (current, now) -> decide(report, origin, current, now).withOrigin(origin));
    }

    /**
     * Submits many reports of distinct keys in bulk, through the same decision as {@link #submit}: one
     * {@code _id $in} read, one hint and one bulk write per chunk of {@value #CHUNK}. With {@code dryRun}
     * nothing is written and the results say what would happen. Results are in the order of
     * {@code reports}.
     */
    public List<ReportWrite> submitAll(List<FinancingReport> reports, EventOrigin origin, boolean dryRun) {
        List<ReportWrite> results = new ArrayList<>(reports.size());
        for (int from = 0; from < reports.size(); from += CHUNK) {
            List<Item<ReportDocument, ReportWrite>> chunk = reports
                    .subList(from, Math.min(reports.size(), from + CHUNK)).stream()
                    .map(report -> new Item<ReportDocument, ReportWrite>(report.key().reportId(),
                            (current, now) -> decide(report, origin, current, now).withOrigin(origin)))
                    .toList();
            results.addAll(writer.writeAll(chunk, dryRun));
        }
        return results;
    }

    /** A first version, the next version, or nothing when the content is the same as the current one. */
    static Decision<ReportWrite> decide(FinancingReport report, EventOrigin origin, ReportDocument current,
            Instant now) {
        String by = origin.actor();
        String reportId = report.key().reportId();
        StoredReport stored = stored(report);
        if (current == null) {
            return Decision.create(new ReportDocument(reportId, stored, report.year(), now, by),
                    new ReportVersion(1, now, origin, ReportStatus.SUBMITTED, stored, null),
                    List.of(submitted(reportId, 1, report)), new ReportWrite(reportId, 1, WriteOutcome.CREATED));
        }
        // the same content again changes nothing, unless it answers a return: then it is submitted again
        if (current.getStatus() == ReportStatus.SUBMITTED && report.sameContentAs(domain(current.getCurrent()))
                && current.getReviewState() != ReviewState.RETURNED) {
            return Decision.unchanged(new ReportWrite(reportId, current.getVersion(), WriteOutcome.UNCHANGED));
        }
        long next = current.getVersion() + 1;
        Update changes = new Update().set("current", stored).set("currency", report.currency())
                .set("status", ReportStatus.SUBMITTED).set("updatedAt", now).set("updatedBy", by)
                .set(ReportDocument.REVIEW_STATE_FIELD, ReviewRules.afterNewVersion().name())
                .set(ReportDocument.FIGURES_VERSION_FIELD, next);
        return Decision.update(changes, new ReportVersion(next, now, origin, ReportStatus.SUBMITTED, stored, null),
                List.of(submitted(reportId, next, report)), new ReportWrite(reportId, next, WriteOutcome.UPDATED));
    }

    /**
     * Withdraws the report: a new version that removes it from dashboards. Withdrawing a withdrawn
     * report changes nothing.
     *
     * @throws NotFoundException when there is no such report
     */
    public ReportWrite withdraw(String reportId, String reason, EventOrigin origin) {
        String by = origin.actor();
        return writer.write(reportId, (current, now) -> {
            if (current == null) {
                throw new NotFoundException("no financing report " + reportId);
            }
            if (current.getStatus() == ReportStatus.WITHDRAWN) {
                return Decision.unchanged(new ReportWrite(reportId, current.getVersion(), WriteOutcome.UNCHANGED));
            }
            long next = current.getVersion() + 1;
            Update changes = new Update().set("status", ReportStatus.WITHDRAWN).set("updatedAt", now).set("updatedBy", by);
            return Decision.update(changes, new ReportVersion(next, now, origin, ReportStatus.WITHDRAWN, null, reason),
                    List.of(new FinancingReportWithdrawn(reportId, next, current.getCountry(), current.getPeriod(),
                            reason)),
                    new ReportWrite(reportId, next, WriteOutcome.UPDATED)).withOrigin(origin);
        });
    }

    /**
     * Validates or returns the current version of a report ({@link ReviewRules}, ADR 0019): a new version
     * that keeps the amounts, with FinancingReportValidated or FinancingReportReturned.
     *
     * @throws NotFoundException when there is no such report
     */
    public Reviewed review(String reportId, Review review, EventOrigin origin) {
        return writer.write(reportId,
                (current, now) -> decideReview(reportId, current, review, origin, now).withOrigin(origin));
    }

    /**
     * The SUBMITTED reports (not withdrawn, not reviewed) a bulk review covers, by id: those of a country
     * and period, or those whose current amounts came from one import ({@code importId}, the
     * {@code reference} of their current version); at most {@code limit + 1}. A cold path (not by
     * {@code _id}): a validator's request.
     */
    public List<ReportDocument> submitted(String country, String period, String importId, int limit) {
        Query query = new Query(Criteria.where("status").is(ReportStatus.SUBMITTED.name()));
        if (importId != null) {
            query.addCriteria(Criteria.where("history.reference").is(importId));
        }
        else {
            query.addCriteria(Criteria.where("country").is(country)).addCriteria(Criteria.where("period").is(period));
        }
        query.with(Sort.by("_id")).limit(limit + 1);
        query.fields().exclude("outbox");
        if (importId == null) {
            query.fields().exclude("history");
        }
        return mongo.find(query, ReportDocument.class).stream()
                .filter(d -> d.getReviewState() == ReviewState.SUBMITTED)
                .filter(d -> importId == null || d.getHistory().stream().anyMatch(
                        v -> v.version() == d.getFiguresVersion() && importId.equals(v.reference())))
                .toList();
    }

    static Decision<Reviewed> decideReview(String reportId, ReportDocument current, Review review, EventOrigin origin,
            Instant now) {
        String by = origin.actor();
        if (current == null) {
            throw new NotFoundException("no financing report " + reportId);
        }
        long figures = current.getFiguresVersion();
        ReviewRules.Effect effect = ReviewRules.decide(current.getReviewState(), current.getVersion(), figures,
                current.getStatus() == ReportStatus.WITHDRAWN, review);
        if (effect == ReviewRules.Effect.UNCHANGED) {
            return Decision.unchanged(new Reviewed(reportId, current.getVersion(), figures, current.getReviewState(),
                    WriteOutcome.UNCHANGED));
        }
        long next = current.getVersion() + 1;
        Update changes = new Update().set(ReportDocument.REVIEW_STATE_FIELD, review.decision().name())
                .set(ReportDocument.FIGURES_VERSION_FIELD, figures).set("reviewComment", review.comment())
                .set("reviewedBy", by).set("reviewedAt", now);
        DomainEvent event = review.decision() == ReviewState.VALIDATED
                ? new FinancingReportValidated(reportId, next, figures, current.getCountry(), current.getPeriod(),
                        current.getProgrammeId(), by, review.comment())
                : new FinancingReportReturned(reportId, next, figures, current.getCountry(), current.getPeriod(),
                        current.getProgrammeId(), by, review.comment());
        return Decision.update(changes, new ReportVersion(next, now, origin, ReportStatus.SUBMITTED, null, null,
                review.decision().name(), review.comment()), List.of(event),
                new Reviewed(reportId, next, figures, review.decision(), WriteOutcome.UPDATED));
    }

    public Optional<ReportDocument> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, ReportDocument.class));
    }

    /** One page of reports matching {@code filter}, without their history, by country, period and id. */
    public List<ReportDocument> list(ReportFilter filter, int page, int size) {
        Query query = query(filter).with(Sort.by("country", "period", "_id")).skip((long) page * size).limit(size);
        query.fields().exclude("history").exclude("outbox");
        return mongo.find(query, ReportDocument.class);
    }

    public long count(ReportFilter filter) {
        return mongo.count(query(filter), ReportDocument.class);
    }

    private static Query query(ReportFilter filter) {
        Query query = new Query();
        if (filter.country() != null) {
            query.addCriteria(Criteria.where("country").is(filter.country()));
        }
        if (filter.period() != null) {
            query.addCriteria(Criteria.where("period").is(filter.period()));
        }
        if (filter.year() != null) {
            query.addCriteria(Criteria.where("year").is(filter.year()));
        }
        if (filter.programmeId() != null) {
            query.addCriteria(Criteria.where("programmeId").is(filter.programmeId()));
        }
        if (filter.currency() != null) {
            query.addCriteria(Criteria.where("currency").is(filter.currency()));
        }
        if (filter.status() != null) {
            query.addCriteria(Criteria.where("status").is(filter.status().name()));
        }
        if (filter.review() != null) {
            query.addCriteria(ReviewCriteria.inState(ReportDocument.REVIEW_STATE_FIELD, filter.review()));
        }
        return query;
    }

    static FinancingReportSubmitted submitted(String reportId, long version, FinancingReport report) {
        return new FinancingReportSubmitted(reportId, version, report.country(), report.period().toString(),
                report.currency(), report.gdp(), report.totalGovernmentExpenditure(), report.programmeId(),
                report.lines().stream().map(l -> new FinancingLine(l.function(), l.source(), l.allocated(), l.executed()))
                        .toList());
    }

    static StoredReport stored(FinancingReport report) {
        return new StoredReport(report.country(), report.period().toString(), report.currency(), plain(report.gdp()),
                plain(report.totalGovernmentExpenditure()), report.programmeId(), report.lines().stream()
                        .map(l -> new StoredLine(l.function().name(), l.source().name(), plain(l.allocated()),
                                plain(l.executed())))
                        .toList());
    }

    static FinancingReport domain(StoredReport stored) {
        return new FinancingReport(stored.country(),
                ReportingPeriod.parse(stored.period()).orElseThrow(() -> new IllegalStateException(
                        "stored period " + stored.period() + " is not canonical")),
                stored.currency(), decimal(stored.gdp()), decimal(stored.totalGovernmentExpenditure()),
                stored.programmeId(), stored.lines().stream().map(l -> new ReportLine(
                        FinancingFunction.valueOf(l.function()), FundingSource.valueOf(l.source()),
                        decimal(l.allocated()), decimal(l.executed()))).toList());
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
