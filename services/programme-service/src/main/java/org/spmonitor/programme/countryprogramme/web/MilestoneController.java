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
import org.spmonitor.programme.countryprogramme.domain.Milestone;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;
import org.spmonitor.programme.countryprogramme.web.WriteResults.MilestoneWritten;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = OpenApiConfiguration.MILESTONES)
@RestController
@RequestMapping(ProgrammeController.BASE + "/{id}/milestones")
class MilestoneController {

    private final ProgrammeService programmes;
    private final Idempotency idempotency;
    private final SubmissionMetrics metrics;

    MilestoneController(ProgrammeService programmes, Idempotency idempotency, SubmissionMetrics metrics) {
        this.programmes = programmes;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @Operation(summary = "Add a milestone to a programme",
            description = "Answers 201 with the new milestone and its Location; the programme's version grows by "
                    + "one and MilestoneReported is published. Adding the same milestone again (same title, case "
                    + "ignored, due date, status and note) answers 200 with the existing one; another milestone "
                    + "with a title the programme already uses is a 409: report a status change of it instead.")
    @ApiResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = MilestoneWritten.class)))
    @ApiResponse(responseCode = "200", description = "Added before: nothing new",
            content = @Content(schema = @Schema(implementation = MilestoneWritten.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The title is taken by another milestone",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping
    ResponseEntity<?> add(@PathVariable String id, @RequestBody MilestoneRequest body,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        String path = ProgrammeController.BASE + "/" + id + "/milestones";
        return idempotency.execute(idempotencyKey, () -> {
            WriteAccess.requireWriteFor(programmes, id);
            Change change = programmes.addMilestone(id, body.toMilestone(), by);
            metrics.accepted("milestone", SubmissionMetrics.API, change.outcome());
            return VersionHeaders.written(change).location(URI.create(path + "/" + change.about())).body(written(change));
        });
    }

    @Operation(summary = "Change a milestone's status, with a dated note",
            description = "Records a new assessment: status, date (today when left out), note, and optionally a "
                    + "new due date. The programme's version grows by one and MilestoneReported is published. The "
                    + "very same assessment again (same status, date, note and due date) is unchanged: 200, "
                    + "nothing new.")
    @ApiResponse(responseCode = "200", description = "Recorded (Spmonitor-Outcome: UPDATED) or unchanged",
            content = @Content(schema = @Schema(implementation = MilestoneWritten.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme or milestone",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/{milestoneId}/status-changes")
    ResponseEntity<?> changeStatus(@PathVariable String id, @PathVariable String milestoneId,
            @RequestBody StatusChangeRequest body,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        String path = ProgrammeController.BASE + "/" + id + "/milestones/" + milestoneId + "/status-changes";
        return idempotency.execute(idempotencyKey, () -> {
            WriteAccess.requireWriteFor(programmes, id);
            Change change = programmes.changeMilestoneStatus(id, milestoneId, body.toReport(), by);
            metrics.accepted("milestone", SubmissionMetrics.API, change.outcome());
            return VersionHeaders.written(change).body(written(change));
        });
    }

    @Operation(summary = "List a programme's milestones", description = "In the order they were added.")
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping
    List<MilestoneView> list(@PathVariable String id) {
        return programmes.get(id).milestones().stream().map(MilestoneView::of).toList();
    }

    @Operation(summary = "Read a milestone with its status changes")
    @ApiResponse(responseCode = "404", description = "No such programme or milestone",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{milestoneId}")
    MilestoneView get(@PathVariable String id, @PathVariable String milestoneId) {
        return programmes.get(id).milestone(milestoneId).map(MilestoneView::of)
                .orElseThrow(() -> new NotFoundException("programme " + id + " has no milestone " + milestoneId));
    }

    private static MilestoneWritten written(Change change) {
        Milestone milestone = change.programme().milestone(change.about()).orElseThrow();
        return new MilestoneWritten(change.programme().id(), change.programme().version(), change.outcome(),
                MilestoneView.of(milestone));
    }
}
