package org.spmonitor.programme.countryprogramme.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.review.BulkReviewResult;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.programme.countryprogramme.domain.Change;
import org.spmonitor.programme.countryprogramme.domain.Indicator;
import org.spmonitor.programme.countryprogramme.domain.IndicatorResult;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;
import org.spmonitor.programme.countryprogramme.web.IndicatorView.ResultView;
import org.spmonitor.programme.countryprogramme.web.WriteResults.IndicatorWritten;
import org.spmonitor.programme.countryprogramme.web.WriteResults.ResultWritten;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = OpenApiConfiguration.INDICATORS)
@RestController
@RequestMapping(ProgrammeController.BASE + "/{id}")
class IndicatorController {

    /** The {@code kind} of accepted submissions for reviews of indicator results. */
    static final String REVIEW_KIND = "indicator-result-review";

    private final ProgrammeService programmes;
    private final Idempotency idempotency;
    private final SubmissionMetrics metrics;

    IndicatorController(ProgrammeService programmes, Idempotency idempotency, SubmissionMetrics metrics) {
        this.programmes = programmes;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @Operation(summary = "Define a results indicator",
            description = "Code, name, unit, and optionally a baseline and a target (each a value in a year). "
                    + "Answers 201 with its Location; the programme's version grows by one. No event is published "
                    + "for a definition: the definition travels with every IndicatorResultReported of the "
                    + "indicator. The same definition again answers 200; another definition under a code the "
                    + "programme already uses is a 409: revise it with PUT instead.")
    @ApiResponse(responseCode = "201", description = "Defined",
            content = @Content(schema = @Schema(implementation = IndicatorWritten.class)))
    @ApiResponse(responseCode = "200", description = "Defined before: nothing new",
            content = @Content(schema = @Schema(implementation = IndicatorWritten.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The code is taken by another definition",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/indicators")
    ResponseEntity<?> define(@PathVariable String id, @RequestBody IndicatorRequest body,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        String path = ProgrammeController.BASE + "/" + id + "/indicators";
        return idempotency.execute(idempotencyKey, () -> {
            WriteAccess.requireWriteFor(programmes, id);
            Change change = programmes.defineIndicator(id, body.toDefinition(), by);
            metrics.accepted("indicator", SubmissionMetrics.API, change.outcome());
            return VersionHeaders.written(change).location(URI.create(path + "/" + change.about())).body(written(change));
        });
    }

    @Operation(summary = "Revise a results indicator",
            description = "Replaces name, unit, baseline and target; the code and the reported results stay. "
                    + "The programme's version grows by one; no event (see define).")
    @ApiResponse(responseCode = "200", description = "Revised (Spmonitor-Outcome: UPDATED) or unchanged",
            content = @Content(schema = @Schema(implementation = IndicatorWritten.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme or indicator",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PutMapping("/indicators/{code}")
    ResponseEntity<IndicatorWritten> revise(@PathVariable String id, @PathVariable String code,
            @RequestBody IndicatorRequest body) {
        WriteAccess.requireWriteFor(programmes, id);
        Change change = programmes.reviseIndicator(id, code, body.toDefinition(), Caller.current().name());
        metrics.accepted("indicator", SubmissionMetrics.API, change.outcome());
        return VersionHeaders.written(change).body(written(change));
    }

    @Operation(summary = "Report the actual value of an indicator for a period",
            description = "The period is a year (2025), a quarter (2025Q1) or a month (2025-01) that has begun and "
                    + "lies inside the programme's dates. Answers 201 for a period without a value so far and 200 "
                    + "for a new value of a period (the old one stays in the history); either way the programme's "
                    + "version grows by one and IndicatorResultReported is published. The same value again is "
                    + "unchanged: 200, nothing new.")
    @ApiResponse(responseCode = "201", description = "Reported for a new period",
            content = @Content(schema = @Schema(implementation = ResultWritten.class)))
    @ApiResponse(responseCode = "200", description = "A revised value (Spmonitor-Outcome: UPDATED) or unchanged",
            content = @Content(schema = @Schema(implementation = ResultWritten.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/indicator-results")
    ResponseEntity<?> report(@PathVariable String id, @RequestBody ResultRequest body,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        String path = ProgrammeController.BASE + "/" + id + "/indicator-results";
        return idempotency.execute(idempotencyKey, () -> {
            WriteAccess.requireWriteFor(programmes, id);
            Change change = programmes.reportResult(id, body.toReport(), by);
            metrics.accepted("indicator-result", SubmissionMetrics.API, change.outcome());
            Indicator indicator = change.programme().indicator(change.about()).orElseThrow();
            IndicatorResult result = indicator.result(body.period()).orElseThrow();
            ResultWritten written = new ResultWritten(change.programme().id(), change.programme().version(),
                    change.outcome(), indicator.code(), result.period(), result.actualValue().toPlainString());
            return VersionHeaders.written(change).location(URI.create(ProgrammeController.BASE + "/" + id + "/indicators/"
                    + indicator.code() + "/results/" + result.period())).body(written);
        });
    }

    @Operation(summary = "Validate or return the value of an indicator for a period (validators of the programme's "
            + "country, admins)",
            description = "Body {\"decision\": \"VALIDATED\"|\"RETURNED\", \"version\": n, \"comment\": \"...\"}: "
                    + "names the result's version (its `version`, or If-Match: \"n\", the ETag of GET of the result); "
                    + "a RETURNED decision needs a comment. Only a SUBMITTED result is reviewed: the review is a new "
                    + "programme version that keeps the value and publishes IndicatorResultValidated or "
                    + "IndicatorResultReturned. A stale version or another decision about a reviewed value is a 409; "
                    + "the same decision again is 200 UNCHANGED. A new value for the period (or the same value after a "
                    + "return) makes it SUBMITTED again (ADR 0019).")
    @ApiResponse(responseCode = "200", description = "Reviewed (Spmonitor-Outcome: UPDATED) or a retry (UNCHANGED)",
            content = @Content(schema = @Schema(implementation = ResultView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input naming the field; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "Not a validator of the programme's country",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme, indicator or result",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The version named is stale, or the value is already reviewed "
            + "otherwise", content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/indicators/{code}/results/{period}/review")
    ResponseEntity<?> review(@PathVariable String id, @PathVariable String code, @PathVariable String period,
            @RequestBody(required = false) Review.Request body,
            @Parameter(description = "The result's version reviewed, as the ETag of GET of the result: \"7\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        Violations violations = new Violations();
        Review review = Review.check(body, ifMatch, violations);
        violations.throwIfAny();
        return idempotency.execute(idempotencyKey, () -> {
            requireReviewFor(id);
            Change change = programmes.reviewResult(id, code, period, review, by);
            metrics.accepted(REVIEW_KIND, SubmissionMetrics.API, change.outcome());
            Indicator indicator = change.programme().indicator(change.about()).orElseThrow();
            IndicatorResult result = indicator.results().stream()
                    .filter(r -> r.period().equals(ReportingPeriod.parseLenient(period).map(ReportingPeriod::toString)
                            .orElse(period)))
                    .findFirst().orElseThrow();
            return ResponseEntity.ok().header(VersionHeaders.OUTCOME, change.outcome().name())
                    .eTag(VersionHeaders.etag(result.version())).body(ResultView.of(result));
        });
    }

    /** Body of a bulk review: a decision about every SUBMITTED result of the programme, or of one period. */
    record BulkReview(String decision, String comment, String period) {
    }

    @Operation(summary = "Validate or return every submitted indicator result of a programme (validators, admins)",
            description = "Body {\"decision\": \"VALIDATED\"|\"RETURNED\", \"comment\": \"...\", \"period\": \"2025\"} "
                    + "(period optional): every SUBMITTED result of the programme (of that period) is reviewed at the "
                    + "version it has when listed; one item per result: the programme version its review made, or the "
                    + "conflict that left it as it was. Honours Idempotency-Key.")
    @ApiResponse(responseCode = "200", description = "One result per indicator result covered")
    @ApiResponse(responseCode = "400", description = "Invalid input naming the field; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "Not a validator of the programme's country",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/indicator-results/reviews")
    ResponseEntity<?> reviewAll(@PathVariable String id, @RequestBody(required = false) BulkReview body,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        BulkReview request = body == null ? new BulkReview(null, null, null) : body;
        Violations violations = new Violations();
        Review review = Review.check(new Review.Request(request.decision(), 1L, request.comment()), null, violations);
        Optional<ReportingPeriod> period = request.period() == null ? Optional.empty()
                : ReportingPeriod.parseLenient(request.period());
        violations.check(request.period() == null || period.isPresent(), "period", () -> ReportingPeriod.FORMAT_HINT);
        violations.throwIfAny();
        return idempotency.execute(idempotencyKey, () -> {
            requireReviewFor(id);
            List<ProgrammeService.ReviewedResult> items = programmes.reviewResults(id,
                    period.map(ReportingPeriod::toString).orElse(null), review.decision(), review.comment(), by);
            items.forEach(i -> {
                if (i.outcome() != null) {
                    metrics.accepted(REVIEW_KIND, SubmissionMetrics.API_BATCH, i.outcome());
                }
            });
            return ResponseEntity.ok(BulkReviewResult.of(review.decision(), items,
                    ProgrammeService.ReviewedResult::outcome, ProgrammeService.ReviewedResult::conflict));
        });
    }

    /** 403 unless the caller validates for programme {@code id}'s country (or is an admin); 404 without it. */
    private void requireReviewFor(String id) {
        Caller.current().requireReviewFor(programmes.get(id).details().country());
    }

    @Operation(summary = "List a programme's results indicators with their results")
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/indicators")
    List<IndicatorView> list(@PathVariable String id) {
        return programmes.get(id).indicators().stream().map(IndicatorView::of).toList();
    }

    @Operation(summary = "Read a results indicator with its results")
    @ApiResponse(responseCode = "404", description = "No such programme or indicator",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/indicators/{code}")
    IndicatorView get(@PathVariable String id, @PathVariable String code) {
        return IndicatorView.of(indicator(id, code));
    }

    @Operation(summary = "Read the actual value of an indicator for one period")
    @ApiResponse(responseCode = "404", description = "No such programme, indicator or result",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/indicators/{code}/results/{period}")
    ResponseEntity<ResultView> result(@PathVariable String id, @PathVariable String code,
            @PathVariable String period) {
        ResultView result = indicator(id, code).result(period).map(ResultView::of).orElseThrow(
                () -> new NotFoundException("indicator " + code + " of programme " + id + " has no result for "
                        + period));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (result.version() != null) {
            ok.eTag(VersionHeaders.etag(result.version()));
        }
        return ok.body(result);
    }

    private Indicator indicator(String id, String code) {
        return programmes.get(id).indicator(code)
                .orElseThrow(() -> new NotFoundException("programme " + id + " has no indicator " + code));
    }

    private static IndicatorWritten written(Change change) {
        Indicator indicator = change.programme().indicator(change.about()).orElseThrow();
        return new IndicatorWritten(change.programme().id(), change.programme().version(), change.outcome(),
                IndicatorView.of(indicator));
    }
}
