package org.spmonitor.programme.countryprogramme.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.NotFoundException;
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
    ResultView result(@PathVariable String id, @PathVariable String code, @PathVariable String period) {
        return indicator(id, code).result(period).map(ResultView::of).orElseThrow(
                () -> new NotFoundException("indicator " + code + " of programme " + id + " has no result for "
                        + period));
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
