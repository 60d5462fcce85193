package org.spmonitor.financing.report.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.financing.rate.store.RateStore;
import org.spmonitor.financing.report.domain.FinancingReport;
import org.spmonitor.financing.report.domain.FinancingReportRules;
import org.spmonitor.financing.report.domain.ReportFilter;
import org.spmonitor.financing.report.domain.ReportRecord;
import org.spmonitor.financing.report.domain.ReportSubmission;
import org.spmonitor.financing.report.domain.ReportWarnings;
import org.spmonitor.financing.report.domain.ReportWrite;
import org.spmonitor.financing.report.store.ReportDocument;
import org.spmonitor.financing.report.store.ReportDocument.StoredReport;
import org.spmonitor.financing.report.store.ReportStore;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.review.Reviewed;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.InvalidInputException;

import org.springframework.stereotype.Service;

/**
 * The financing-report use cases the API offers: submit (checked against the rules and the programme
 * it is about), withdraw, read and list. Each write is allowed only for a country the caller may
 * write for.
 */
@Service
public class ReportService {

    private final ReportStore reports;
    private final RateStore rates;
    private final KnownProgrammes programmes;

    public ReportService(ReportStore reports, RateStore rates, KnownProgrammes programmes) {
        this.reports = reports;
        this.rates = rates;
        this.programmes = programmes;
    }

    /** What a submission did, with the accepted figures worth a second look. */
    public record Submitted(ReportWrite write, List<Warning> warnings) {
    }

    /**
     * Checks and stores a submission: a first version, a new version, or nothing when its content equals
     * the latest one.
     *
     * @throws org.spmonitor.platform.validation.InvalidInputException naming each invalid field; nothing is stored
     */
    public Submitted submit(ReportSubmission submission, String by) {
        Optional<KnownProgramme> programme = submission == null ? Optional.empty()
                : programmes.find(submission.programmeId());
        FinancingReport report = FinancingReportRules.check(submission, programme);
        Caller.current().requireWriteFor(report.country());
        ReportWrite written = reports.submit(report, new EventOrigin(by, EventOrigin.API, null, null));
        return new Submitted(written,
                ReportWarnings.of(report, programme, rates.exists(report.currency(), report.year())));
    }

    /**
     * Withdraws a report; withdrawing a withdrawn report changes nothing.
     *
     * @throws org.spmonitor.platform.validation.NotFoundException when there is no such report
     */
    public ReportWrite withdraw(String reportId, String reason, String by) {
        reports.find(reportId).ifPresent(report -> Caller.current().requireWriteFor(report.getCountry()));
        return reports.withdraw(reportId, reason, new EventOrigin(by, EventOrigin.API, null, null));
    }

    /** Most reports one bulk review covers. */
    public static final int MAX_BULK_REVIEW = 10_000;

    /**
     * Validates or returns the version of a report the review names (ADR 0019): validators of the report's
     * country and admins.
     *
     * @throws org.spmonitor.platform.validation.NotFoundException when there is no such report
     */
    public Reviewed review(String reportId, Review review, String by) {
        reports.find(reportId).ifPresent(report -> Caller.current().requireReviewFor(report.getCountry()));
        return reports.review(reportId, review, new EventOrigin(by, EventOrigin.API, null, null));
    }

    /** One report of a bulk review: what the review did, or why it did not (a 409's reason). */
    public record BulkReviewItem(String reportId, String country, Reviewed result, String conflict) {
    }

    /**
     * Reviews every SUBMITTED report of a country and period, or of one import ({@code importId}, then
     * country and period are null), each at the version it has when listed: a report changed meanwhile
     * is a per-item conflict and stays as it is. {@code allowed} checks every country first: nothing is
     * reviewed unless all are allowed.
     */
    public List<BulkReviewItem> reviewAll(String country, String period, String importId, ReviewState decision,
            String comment, String by, Consumer<String> allowed) {
        if (country != null) {
            allowed.accept(country);
        }
        List<ReportDocument> submitted = reports.submitted(country, period, importId, MAX_BULK_REVIEW);
        if (submitted.size() > MAX_BULK_REVIEW) {
            throw new InvalidInputException(importId != null ? "importId" : "period", "covers more than "
                    + MAX_BULK_REVIEW + " submitted reports; review them in smaller sets");
        }
        submitted.stream().map(ReportDocument::getCountry).distinct().forEach(allowed);
        List<BulkReviewItem> items = new ArrayList<>(submitted.size());
        EventOrigin origin = new EventOrigin(by, EventOrigin.API_BATCH, importId, null);
        for (ReportDocument report : submitted) {
            try {
                Reviewed result = reports.review(report.getId(), new Review(decision, report.getVersion(), comment),
                        origin);
                items.add(new BulkReviewItem(report.getId(), report.getCountry(), result, null));
            }
            catch (ConflictException ex) {
                items.add(new BulkReviewItem(report.getId(), report.getCountry(), null, ex.getMessage()));
            }
        }
        return items;
    }

    /** The report with its full version history. */
    public Optional<ReportRecord> find(String reportId) {
        return reports.find(reportId).map(document -> record(document, true));
    }

    /** One page of reports matching {@code filter}, without their history, by country, period and id. */
    public List<ReportRecord> list(ReportFilter filter, int page, int size) {
        return reports.list(filter, page, size).stream().map(document -> record(document, false)).toList();
    }

    public long count(ReportFilter filter) {
        return reports.count(filter);
    }

    private static ReportRecord record(ReportDocument document, boolean withHistory) {
        return new ReportRecord(document.getId(), document.getVersion(), document.getStatus(), document.getCountry(),
                document.getPeriod(), document.getProgrammeId(), content(document.getCurrent()),
                document.getUpdatedAt(), document.getUpdatedBy(), withHistory ? document.getHistory().stream()
                        .map(v -> new ReportRecord.Revision(v.version(), v.at(), v.by(), v.action(),
                                v.report() == null ? null : content(v.report()), v.reason(), v.review(), v.comment(),
                                v.channel(), v.reference()))
                        .toList() : null,
                new ReportRecord.ReviewStatus(document.getReviewState(), document.getFiguresVersion(),
                        document.getReviewComment(), document.getReviewedBy(), document.getReviewedAt()));
    }

    private static ReportRecord.Content content(StoredReport stored) {
        return new ReportRecord.Content(stored.currency(), stored.gdp(), stored.totalGovernmentExpenditure(),
                stored.lines().stream().map(l -> new ReportRecord.Line(l.function(), l.source(), l.allocated(),
                        l.executed())).toList());
    }
}
