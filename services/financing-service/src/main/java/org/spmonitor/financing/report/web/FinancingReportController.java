package org.spmonitor.financing.report.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spmonitor.financing.report.application.ReportService;
import org.spmonitor.financing.report.domain.ReportFilter;
import org.spmonitor.financing.report.domain.ReportStatus;
import org.spmonitor.financing.report.domain.ReportSubmission;
import org.spmonitor.financing.report.domain.ReportWrite;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.paging.Paging;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.reference.Currencies;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.review.BulkReviewResult;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.review.Reviewed;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.platform.write.WriteOutcome;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/financing-reports")
@Tag(name = "Financing reports", description = "SP&PFM financing reports: allocated and executed social protection "
        + "spending by function and funding source, per country and period, in any ISO 4217 currency")
class FinancingReportController {

    static final int MAX_REASON_LENGTH = 1000;
    static final String PROBLEM_JSON = "application/problem+json";
    /** The {@code kind} of accepted submissions for reviews of financing reports. */
    static final String REVIEW_KIND = "financing-report-review";

    private final ReportService reports;
    private final Idempotency idempotency;
    private final SubmissionMetrics metrics;

    FinancingReportController(ReportService reports, Idempotency idempotency, SubmissionMetrics metrics) {
        this.reports = reports;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit or resubmit a financing report",
            description = "Submits the report of (country, period, programmeId). The first submission creates it (201, "
                    + "version 1); a later one with other content makes a new version (200, UPDATED), and identical "
                    + "content changes nothing (200, UNCHANGED). Each new version publishes FinancingReportSubmitted. "
                    + "Accepted figures worth a second look (executed above allocated, no exchange rate for the "
                    + "currency and year yet) come back as warnings. Any invalid field is a 400 naming it, and nothing "
                    + "is stored. With an Idempotency-Key, a repeated request returns the first response.")
    @ApiResponse(responseCode = "201", description = "Created: version 1",
            content = @Content(schema = @Schema(implementation = WriteResponse.class)))
    @ApiResponse(responseCode = "200", description = "A new version, or unchanged",
            content = @Content(schema = @Schema(implementation = WriteResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid; errors lists each field, nothing stored",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> submit(@RequestBody FinancingReportRequest body,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        return idempotency.execute(idempotencyKey, () -> {
            ReportSubmission submission = body == null ? null : body.toSubmission();
            ReportService.Submitted submitted = reports.submit(submission, caller);
            ReportWrite written = submitted.write();
            metrics.accepted("financing-report", SubmissionMetrics.API, written.outcome());
            WriteResponse response = new WriteResponse(written.reportId(), written.version(), ReportStatus.SUBMITTED,
                    written.outcome(), submitted.warnings());
            if (written.outcome() == WriteOutcome.CREATED) {
                return ResponseEntity.created(URI.create("/api/v1/financing-reports/" + written.reportId())).body(response);
            }
            return ResponseEntity.ok(response);
        });
    }

    @PostMapping("/{reportId}/withdrawal")
    @Operation(summary = "Withdraw a financing report",
            description = "Withdraws the report: a new version that removes it from dashboards and publishes "
                    + "FinancingReportWithdrawn. The report and its history stay readable. Withdrawing a withdrawn "
                    + "report changes nothing (UNCHANGED); submitting the report again brings it back as a new version.")
    @ApiResponse(responseCode = "200", description = "Withdrawn, or already withdrawn",
            content = @Content(schema = @Schema(implementation = WriteResponse.class)))
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> withdraw(@PathVariable String reportId, @RequestBody(required = false) WithdrawalRequest body,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        Violations violations = new Violations();
        violations.check(reason == null || reason.length() <= MAX_REASON_LENGTH, "reason",
                () -> "must be at most " + MAX_REASON_LENGTH + " characters");
        violations.throwIfAny();
        return idempotency.execute(idempotencyKey, () -> {
            ReportWrite written = reports.withdraw(reportId, reason, caller);
            metrics.accepted("financing-report", SubmissionMetrics.API,
                    written.outcome() == WriteOutcome.UPDATED ? WriteOutcome.WITHDRAWN : written.outcome());
            return ResponseEntity.ok(new WriteResponse(written.reportId(), written.version(), ReportStatus.WITHDRAWN,
                    written.outcome(), List.of()));
        });
    }

    @GetMapping("/{reportId}")
    @Operation(summary = "Read a financing report with its full version history",
            description = "The latest version and every earlier one (when, by whom, what was submitted or why it was "
                    + "withdrawn), oldest first.")
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<FinancingReportView> get(@PathVariable String reportId) {
        FinancingReportView report = reports.find(reportId).map(FinancingReportView::of)
                .orElseThrow(() -> new NotFoundException("no financing report " + reportId));
        return ResponseEntity.ok().eTag("\"" + report.version() + "\"").body(report);
    }

    @PostMapping("/{reportId}/review")
    @Operation(summary = "Validate or return a financing report (validators of its country, admins)",
            description = "Body {\"decision\": \"VALIDATED\"|\"RETURNED\", \"version\": n, \"comment\": \"...\"}: "
                    + "names the version reviewed (or If-Match: \"n\", the ETag of GET); a RETURNED decision needs a "
                    + "comment. Only a SUBMITTED report is reviewed: the review is a new version that keeps the amounts "
                    + "and publishes FinancingReportValidated or FinancingReportReturned. A stale version, a withdrawn "
                    + "report or another decision about a reviewed version is a 409; the same decision again is 200 "
                    + "UNCHANGED. A correction (a new submission) makes the report SUBMITTED again (ADR 0019).")
    @ApiResponse(responseCode = "200", description = "Reviewed (outcome UPDATED) or a retry (UNCHANGED)")
    @ApiResponse(responseCode = "400", description = "Invalid input naming the field; nothing changed",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "Not a validator of the report's country",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The version named is stale, or the report is withdrawn or "
            + "already reviewed otherwise",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> review(@PathVariable String reportId, @RequestBody(required = false) Review.Request body,
            @Parameter(description = "The version reviewed, as the ETag of GET: \"3\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        Violations violations = new Violations();
        Review review = Review.check(body, ifMatch, violations);
        violations.throwIfAny();
        return idempotency.execute(idempotencyKey, () -> {
            Reviewed result = reports.review(reportId, review, caller);
            metrics.accepted(REVIEW_KIND, SubmissionMetrics.API, result.outcome());
            return ResponseEntity.ok().eTag("\"" + result.version() + "\"").body(result);
        });
    }

    /** Body of a bulk review: a decision about every SUBMITTED report of a country and period, or of an import. */
    record BulkReview(String decision, String comment, String country, String period, String importId) {
    }

    /** Result of one report of a bulk review: the review (as one review answers) or the conflict that stopped it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BulkReviewItem(String reportId, String country, Long version, Long reviewedVersion, String state,
            WriteOutcome outcome, String conflict) {
    }

    @PostMapping("/reviews")
    @Operation(summary = "Validate or return every submitted report of a country and period, or of an import "
            + "(validators, admins)",
            description = "Body {\"decision\": \"VALIDATED\"|\"RETURNED\", \"comment\": \"...\", \"country\": \"KHM\", "
                    + "\"period\": \"2025\"}: every SUBMITTED report of that country and period is reviewed at the "
                    + "version it has when listed. With {\"importId\": \"...\"} instead of country and period: every "
                    + "SUBMITTED report whose current amounts came from that CSV import. The answer lists each report: "
                    + "its review, or the conflict (it changed meanwhile) that left it as it was. 403, nothing "
                    + "reviewed, when any report covered is of a country the caller does not validate. Honours "
                    + "Idempotency-Key.")
    @ApiResponse(responseCode = "200", description = "One result per report covered")
    @ApiResponse(responseCode = "400", description = "Invalid input naming the field; nothing changed",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "A country the caller does not validate",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> reviewAll(@RequestBody(required = false) BulkReview body,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        Caller caller = Caller.current();
        BulkReview request = body == null ? new BulkReview(null, null, null, null, null) : body;
        Violations violations = new Violations();
        Review review = Review.check(new Review.Request(request.decision(), 1L, request.comment()), null, violations);
        Optional<ReportingPeriod> period = request.period() == null ? Optional.empty()
                : ReportingPeriod.parseLenient(request.period());
        if (request.importId() != null) {
            violations.check(!request.importId().isBlank(), "importId", () -> "must name an import, was blank");
            violations.check(request.country() == null && request.period() == null, "importId",
                    () -> "names the reports alone: leave country and period out");
        }
        else {
            violations.check(request.country() != null && Countries.isIso3(request.country()), "country",
                    () -> "is required without importId: an ISO 3166-1 alpha-3 code such as KHM");
            violations.check(period.isPresent(), "period",
                    () -> "is required without importId: " + ReportingPeriod.FORMAT_HINT);
        }
        violations.throwIfAny();
        if (request.country() != null) {
            caller.requireReviewFor(request.country());
        }
        return idempotency.execute(idempotencyKey, () -> {
            List<BulkReviewItem> items = reports.reviewAll(request.country(),
                    period.map(ReportingPeriod::toString).orElse(null), request.importId(), review.decision(),
                    review.comment(), caller.name(), caller::requireReviewFor).stream()
                    .map(r -> r.result() == null
                            ? new BulkReviewItem(r.reportId(), r.country(), null, null, null, null, r.conflict())
                            : new BulkReviewItem(r.reportId(), r.country(), r.result().version(),
                                    r.result().reviewedVersion(), r.result().state().name(), r.result().outcome(), null))
                    .toList();
            items.forEach(i -> {
                if (i.outcome() != null) {
                    metrics.accepted(REVIEW_KIND, SubmissionMetrics.API_BATCH, i.outcome());
                }
            });
            return ResponseEntity.ok(BulkReviewResult.of(review.decision(), items, BulkReviewItem::outcome,
                    BulkReviewItem::conflict));
        });
    }

    @GetMapping
    @Operation(summary = "List financing reports",
            description = "The latest version of each report matching every given filter, ordered by country, period "
                    + "and id, one page at a time (without history).")
    Page<FinancingReportView> list(
            @Parameter(description = "ISO 3166-1 alpha-3 country", example = "KHM")
            @RequestParam(required = false) String country,
            @Parameter(description = "Exact period (2025, 2025Q1, 2025-01)", example = "2025")
            @RequestParam(required = false) String period,
            @Parameter(description = "Every period of this year", example = "2025")
            @RequestParam(required = false) Integer year,
            @Parameter(description = "Reports about this programme")
            @RequestParam(required = false) String programmeId,
            @Parameter(description = "ISO 4217 currency of the reports", example = "KHR")
            @RequestParam(required = false) String currency,
            @Parameter(description = "SUBMITTED or WITHDRAWN; both when absent")
            @RequestParam(required = false) ReportStatus status,
            @Parameter(description = "Review state: SUBMITTED (waiting for a validator), VALIDATED or RETURNED")
            @RequestParam(required = false) ReviewState review,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to " + Paging.MAX_SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE_PARAM) int size) {
        Violations violations = new Violations();
        violations.check(country == null || Countries.isIso3(country), "country",
                () -> "must be an ISO 3166-1 alpha-3 country code such as KHM");
        Optional<ReportingPeriod> parsedPeriod = period == null ? Optional.empty() : ReportingPeriod.parseLenient(period);
        violations.check(period == null || parsedPeriod.isPresent(), "period", () -> ReportingPeriod.FORMAT_HINT);
        violations.check(currency == null || Currencies.isIso4217(currency), "currency",
                () -> "must be an ISO 4217 currency code such as KHR");
        Paging paging = Paging.checked(page, size, violations);
        violations.throwIfAny();
        String canonicalPeriod = parsedPeriod.map(ReportingPeriod::toString).orElse(null);
        ReportFilter filter = new ReportFilter(country, canonicalPeriod, year, programmeId, currency, status, review);
        List<FinancingReportView> items = reports.list(filter, page, size).stream().map(FinancingReportView::of)
                .toList();
        return Page.of(items, paging, reports.count(filter));
    }
}
