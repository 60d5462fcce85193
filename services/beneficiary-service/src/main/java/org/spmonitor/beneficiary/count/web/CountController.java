package org.spmonitor.beneficiary.count.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.beneficiary.count.application.CountService;
import org.spmonitor.beneficiary.count.application.SubmissionReader;
import org.spmonitor.beneficiary.count.domain.CountFilter;
import org.spmonitor.beneficiary.count.domain.CountWrite;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.paging.Paging;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.programmeview.ProgrammeLookup;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.review.Reviewed;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

import tools.jackson.databind.JsonNode;

/** {@code /api/v1/beneficiary-counts}: submit one or a batch, list, read with history, withdraw, review. */
@RestController
@RequestMapping("/api/v1/beneficiary-counts")
class CountController {

    private final CountService service;
    private final SubmissionReader reader;
    private final Idempotency idempotency;

    CountController(CountService service, SubmissionReader reader, Idempotency idempotency) {
        this.service = service;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /** A batch, as documented in OpenAPI (the body is read item by item, to name each bad item). */
    record BatchRequest(List<BeneficiaryCountSubmission> items) {
    }

    /** Result of one item of a batch. */
    record ItemResult(int index, String countId, long version, WriteOutcome outcome) {
    }

    /** Result of a batch: one entry per item, in order, and the tallies. */
    record BatchResult(int created, int updated, int unchanged, List<ItemResult> items) {
    }

    @Operation(summary = "Submit one count, or a batch {\"items\": [...]} of up to 10,000 (all or nothing)",
            description = "One count: 201 when new, 200 for a new version or an unchanged re-submission. A batch is "
                    + "checked whole first: any invalid item refuses the batch (400 naming items[i].field) and stores "
                    + "nothing; otherwise 200 with one result per item. Honours Idempotency-Key.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> submit(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(oneOf = { BeneficiaryCountSubmission.class, BatchRequest.class })))
            @RequestBody JsonNode body,
            @RequestHeader(value = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        if (SubmissionReader.isBatch(body)) {
            return idempotency.execute(idempotencyKey, () -> batch(body, caller));
        }
        return idempotency.execute(idempotencyKey, () -> one(body, caller));
    }

    private ResponseEntity<CountWrite> one(JsonNode body, String caller) {
        Violations violations = new Violations();
        BeneficiaryCountSubmission submission = reader.read(body, violations).orElse(null);
        violations.throwIfAny();
        requireWriteFor(List.of(submission));
        CountWrite result = service.submit(submission, Provenance.of(caller, "api"));
        if (result.outcome() == WriteOutcome.CREATED) {
            return ResponseEntity.created(URI.create("/api/v1/beneficiary-counts/" + result.countId())).body(result);
        }
        return ResponseEntity.ok(result);
    }

    private ResponseEntity<BatchResult> batch(JsonNode body, String caller) {
        Violations violations = new Violations();
        List<BeneficiaryCountSubmission> items = reader.readBatch(body, violations);
        violations.throwIfAny();
        requireWriteFor(items);
        List<CountWrite> results = service.submitBatch(items, Provenance.of(caller, "api-batch"), violations);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<ItemResult> itemResults = new java.util.ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            CountWrite r = results.get(i);
            itemResults.add(new ItemResult(i, r.countId(), r.version(), r.outcome()));
            switch (r.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                default -> unchanged++;
            }
        }
        return ResponseEntity.ok(new BatchResult(created, updated, unchanged, itemResults));
    }

    @Operation(summary = "A count with its full version history")
    @GetMapping("/{countId}")
    ResponseEntity<CountView> get(@PathVariable String countId) {
        CountView count = service.find(countId).map(CountView::of)
                .orElseThrow(() -> new NotFoundException("no beneficiary count " + countId));
        return ResponseEntity.ok().eTag("\"" + count.version() + "\"").body(count);
    }

    @Operation(summary = "List counts with filters and paging (latest version of each, without history)")
    @GetMapping
    Page<CountView> list(@RequestParam(required = false) String country,
            @RequestParam(required = false) String programmeId, @RequestParam(required = false) String period,
            @RequestParam(required = false) TargetGroup targetGroup, @RequestParam(required = false) Measure measure,
            @RequestParam(required = false) Boolean withdrawn,
            @Parameter(description = "Review state: SUBMITTED (waiting for a validator), VALIDATED or RETURNED")
            @RequestParam(required = false) ReviewState review,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE_PARAM) int size) {
        Violations violations = new Violations();
        violations.check(country == null || Countries.isIso3(country), "country",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM");
        violations.check(period == null || ReportingPeriod.parse(period).isPresent(), "period",
                () -> ReportingPeriod.FORMAT_HINT);
        Paging paging = Paging.checked(page, size, violations);
        violations.throwIfAny();
        CountFilter filter = new CountFilter(country, programmeId, period, targetGroup, measure, withdrawn, review);
        long total = service.count(filter);
        List<CountView> items = service.list(filter, page, size).stream().map(CountView::of).toList();
        return Page.of(items, paging, total);
    }

    /** Body of a withdrawal. */
    record Withdrawal(String reason) {
    }

    @Operation(summary = "Withdraw a count: dashboards drop it; a later report of the same count revives it")
    @PostMapping("/{countId}/withdrawal")
    ResponseEntity<?> withdraw(@PathVariable String countId, @RequestBody(required = false) Withdrawal body,
            @RequestHeader(value = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        String reason = body == null ? null : body.reason();
        return idempotency.execute(idempotencyKey, () -> {
            service.find(countId).ifPresent(count -> Caller.current().requireWriteFor(count.country()));
            return ResponseEntity.status(HttpStatus.OK).body(service.withdraw(countId, reason, Provenance.of(caller, "api")));
        });
    }

    @Operation(summary = "Validate or return a count (validators of its country, admins)",
            description = "Body {\"decision\": \"VALIDATED\"|\"RETURNED\", \"version\": n, \"comment\": \"...\"}: "
                    + "names the version reviewed (or If-Match: \"n\", the ETag of GET); a RETURNED decision needs a "
                    + "comment. Only a SUBMITTED count is reviewed: the review is a new version that keeps the "
                    + "figures and publishes BeneficiaryCountValidated or BeneficiaryCountReturned. A stale version, "
                    + "a withdrawn count or another decision about a reviewed version is a 409; the same decision "
                    + "again is 200 UNCHANGED. A correction (a new report) makes the count SUBMITTED again.")
    @ApiResponse(responseCode = "200", description = "Reviewed (outcome UPDATED) or a retry (UNCHANGED)")
    @ApiResponse(responseCode = "400", description = "Invalid input naming the field; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "Not a validator of the count's country",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such count",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The version named is stale, or the count is withdrawn or "
            + "already reviewed otherwise", content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/{countId}/review")
    ResponseEntity<?> review(@PathVariable String countId,
            @RequestBody(required = false) Review.Request body,
            @Parameter(description = "The version reviewed, as the ETag of GET: \"3\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = Idempotency.HEADER, required = false) String idempotencyKey) {
        Caller caller = Caller.current();
        Violations violations = new Violations();
        Review review = Review.check(body, ifMatch, violations);
        violations.throwIfAny();
        return idempotency.execute(idempotencyKey, () -> {
            service.find(countId).ifPresent(count -> caller.requireReviewFor(count.country()));
            Reviewed result = service.review(countId, review, Provenance.of(caller.name(), "api"));
            return ResponseEntity.ok().eTag("\"" + result.version() + "\"").body(result);
        });
    }

    /** Body of a bulk review: a decision about every SUBMITTED count of an import, or of a country and period. */
    record BulkReview(String decision, String comment, String importId, String country, String period) {
    }

    /** Result of one count of a bulk review: the review (as one review answers) or the conflict that stopped it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record BulkReviewItem(String countId, String country, Long version, Long reviewedVersion, String state,
            WriteOutcome outcome, String conflict) {
    }

    /** Result of a bulk review: tallies and one entry per count covered. */
    record BulkReviewResult(String decision, int reviewed, int unchanged, int conflicts, List<BulkReviewItem> items) {
    }

    @Operation(summary = "Validate or return many counts at once (validators of their country, admins)",
            description = "Body {\"decision\": \"VALIDATED\"|\"RETURNED\", \"comment\": \"...\"} with either "
                    + "\"importId\" (every count whose current figures came from that import) or \"country\" and "
                    + "\"period\": every SUBMITTED count they cover is reviewed at the version it has when listed. "
                    + "The answer lists each count: its review, or the conflict (it changed meanwhile) that left it "
                    + "as it was. 403, nothing reviewed, if any count belongs to a country the caller does not "
                    + "validate. Honours Idempotency-Key.")
    @ApiResponse(responseCode = "200", description = "One result per count covered")
    @ApiResponse(responseCode = "400", description = "Invalid input naming the field; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "A count of a country the caller does not validate",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/reviews")
    ResponseEntity<?> reviewAll(@RequestBody(required = false) BulkReview body,
            @RequestHeader(value = Idempotency.HEADER, required = false) String idempotencyKey) {
        Caller caller = Caller.current();
        Violations violations = new Violations();
        BulkReview request = body == null ? new BulkReview(null, null, null, null, null) : body;
        Review review = Review.check(new Review.Request(request.decision(), 1L, request.comment()), null, violations);
        if (request.importId() != null) {
            violations.check(request.country() == null && request.period() == null, "importId",
                    () -> "names the counts alone: leave country and period out");
        }
        else {
            violations.check(request.country() != null && Countries.isIso3(request.country()), "country",
                    () -> "is required without importId: an ISO 3166-1 alpha-3 code such as KHM");
            violations.check(request.period() != null && ReportingPeriod.parse(request.period()).isPresent(), "period",
                    () -> "is required without importId: " + ReportingPeriod.FORMAT_HINT);
        }
        violations.throwIfAny();
        if (request.country() != null) {
            caller.requireReviewFor(request.country());
        }
        String period = request.period() == null ? null : ReportingPeriod.parse(request.period()).orElseThrow().toString();
        return idempotency.execute(idempotencyKey, () -> {
            List<CountService.BulkReviewItem> results = service.reviewAll(request.country(), period,
                    request.importId(), review.decision(), review.comment(), Provenance.of(caller.name(), "api-batch")
                            .withReference(request.importId()), caller::requireReviewFor);
            List<BulkReviewItem> items = results.stream().map(r -> r.result() == null
                    ? new BulkReviewItem(r.countId(), r.country(), null, null, null, null, r.conflict())
                    : new BulkReviewItem(r.countId(), r.country(), r.result().version(), r.result().reviewedVersion(),
                            r.result().state().name(), r.result().outcome(), null)).toList();
            int reviewed = (int) items.stream().filter(i -> i.outcome() == WriteOutcome.UPDATED).count();
            int conflicts = (int) items.stream().filter(i -> i.conflict() != null).count();
            return ResponseEntity.ok(new BulkReviewResult(review.decision().name(), reviewed,
                    items.size() - reviewed - conflicts, conflicts, items));
        });
    }

    /**
     * 403 unless the caller may write for the country of every known programme among {@code items}
     * (an unknown programme is a 400 that validation names).
     */
    private void requireWriteFor(List<BeneficiaryCountSubmission> items) {
        Caller caller = Caller.current();
        ProgrammeLookup lookup = service.programmeLookup();
        items.stream().filter(item -> item != null && item.programmeId() != null)
                .map(item -> lookup.find(item.programmeId())).flatMap(Optional::stream)
                .map(KnownProgramme::country).distinct().forEach(caller::requireWriteFor);
    }
}
