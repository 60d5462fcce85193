package org.spmonitor.programme.countryprogramme.web;

import java.net.URI;
import java.util.Arrays;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.paging.Paging;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.programme.countryprogramme.domain.Change;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeFilter;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeService;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = OpenApiConfiguration.PROGRAMMES)
@RestController
@RequestMapping(ProgrammeController.BASE)
class ProgrammeController {

    static final String BASE = "/api/v1/programmes";

    private final ProgrammeService programmes;
    private final Idempotency idempotency;
    private final SubmissionMetrics metrics;

    ProgrammeController(ProgrammeService programmes, Idempotency idempotency, SubmissionMetrics metrics) {
        this.programmes = programmes;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @Operation(summary = "Register a country programme",
            description = "Answers 201 with the programme at version 1 and its Location, and publishes "
                    + "ProgrammeRegistered. Registering the same details again (same country and name, case and "
                    + "spacing ignored) answers 200 with the existing programme and creates nothing; other details "
                    + "under a name the country already uses are a 409.")
    @ApiResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @ApiResponse(responseCode = "200", description = "Registered before with these very details: nothing new",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; `errors` names each bad field; nothing stored",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The name is taken in that country by other details, or the "
            + "Idempotency-Key was used with another request",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping
    ResponseEntity<?> register(@RequestBody ProgrammeRequest body,
            @Parameter(description = "Makes a retry safe: the same key and body replay the first answer")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String by = Caller.current().name();
        return idempotency.execute(idempotencyKey, () -> {
            Violations violations = new Violations();
            violations.check(body.version() == null, "version",
                    () -> "must be left out when registering: a new programme starts at version 1");
            ProgrammeDetails details = body.toDetails();
            details.validate(violations);
            violations.throwIfAny();
            Caller.current().requireWriteFor(details.country());
            Change change = programmes.register(details, by);
            metrics.accepted("programme", SubmissionMetrics.API, change.outcome());
            return VersionHeaders.written(change).location(URI.create(BASE + "/" + change.programme().id()))
                    .body(ProgrammeView.of(change.programme()));
        });
    }

    @Operation(summary = "Read a programme with its milestones and indicators",
            description = "The ETag header carries the version, for a later PUT's If-Match.")
    @ApiResponse(responseCode = "200", description = "The programme")
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{id}")
    ResponseEntity<ProgrammeView> get(@PathVariable String id) {
        Programme programme = programmes.get(id);
        return ResponseEntity.ok().eTag(VersionHeaders.etag(programme.version())).body(ProgrammeView.of(programme));
    }

    @Operation(summary = "Replace a programme's details",
            description = "Full replacement: a field left out is cleared (status becomes PLANNED). Name the "
                    + "version you edited with If-Match: \"3\" (the ETag of GET) or a `version` field to get a 409 "
                    + "instead of overwriting someone else's change; without either, the replacement applies to "
                    + "the current version. Details equal to the current ones are unchanged: 200, no new version, "
                    + "no event, whatever version was named. Otherwise the version grows by one and "
                    + "ProgrammeUpdated lists the changed fields. The country cannot change, and the dates must "
                    + "keep every annual target and indicator result inside them.")
    @ApiResponse(responseCode = "200", description = "Replaced (Spmonitor-Outcome: UPDATED) or unchanged "
            + "(Spmonitor-Outcome: UNCHANGED)")
    @ApiResponse(responseCode = "400", description = "Invalid input; nothing changed",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The version named is stale, or the new name is taken",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PutMapping("/{id}")
    ResponseEntity<ProgrammeView> replace(@PathVariable String id, @RequestBody ProgrammeRequest body,
            @Parameter(description = "The version you edited, as the ETag of GET: \"3\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long headerVersion = VersionHeaders.ifMatchVersion(ifMatch);
        if (headerVersion != null && body.version() != null && !headerVersion.equals(body.version())) {
            throw new InvalidInputException("version", "differs from the If-Match header (" + headerVersion
                    + "), was " + body.version());
        }
        Long expectedVersion = headerVersion != null ? headerVersion : body.version();
        WriteAccess.requireWriteFor(programmes, id);
        Change change = programmes.replaceDetails(id, body.toDetails(), expectedVersion, Caller.current().name());
        metrics.accepted("programme", SubmissionMetrics.API, change.outcome());
        return VersionHeaders.written(change).body(ProgrammeView.of(change.programme()));
    }

    @Operation(summary = "List programmes",
            description = "Filters combine (AND); a filter left out matches all. Sorted by country, then name. "
                    + "The body carries the page and the total number of matching programmes (totalItems, "
                    + "totalPages). Items leave out milestones and indicators: read one programme for those.")
    @ApiResponse(responseCode = "200", description = "One page of programmes")
    @ApiResponse(responseCode = "400", description = "An invalid filter or page parameter, named in `errors`",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping
    Page<ProgrammeView> list(
            @Parameter(description = "ISO3 country", example = "KHM") @RequestParam(required = false) String country,
            @Parameter(description = "PLANNED, ACTIVE, SUSPENDED or COMPLETED")
            @RequestParam(required = false) String status,
            @Parameter(description = "A partner the programme names, case ignored", example = "ILO")
            @RequestParam(required = false) String partner,
            @Parameter(description = "A target group the programme is for", example = "CHILDREN")
            @RequestParam(required = false) String targetGroup,
            @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Programmes per page, 1 to " + Paging.MAX_SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE_PARAM) int size) {
        Violations violations = new Violations();
        if (country != null) {
            violations.check(Countries.isIso3(country), "country",
                    () -> "must be an ISO 3166-1 alpha-3 code in upper case such as KHM, was '" + country + "'");
        }
        ProgrammeStatus statusFilter = enumParameter(violations, "status", status, ProgrammeStatus.class);
        TargetGroup groupFilter = enumParameter(violations, "targetGroup", targetGroup, TargetGroup.class);
        if (partner != null) {
            violations.check(!partner.isBlank() && partner.length() <= 100, "partner",
                    () -> "must be a name of 1 to 100 characters");
        }
        Paging paging = Paging.checked(page, size, violations);
        violations.throwIfAny();
        return programmes.list(new ProgrammeFilter(country, statusFilter, partner == null ? null : partner.strip(),
                groupFilter), paging.page(), paging.size()).map(ProgrammeView::summary);
    }

    @Operation(summary = "Read the version history of a programme",
            description = "Every version, oldest first: what changed (each field with its previous and new "
                    + "value), when, by whom. Version 1 lists the registered values.")
    @ApiResponse(responseCode = "200", description = "The history")
    @ApiResponse(responseCode = "404", description = "No such programme",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{id}/history")
    HistoryView history(@PathVariable String id) {
        return HistoryView.of(id, programmes.history(id));
    }

    static <E extends Enum<E>> E enumParameter(Violations violations, String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        violations.add(name, "has an invalid value '" + value + "'; allowed: "
                + Arrays.toString(type.getEnumConstants()));
        return null;
    }
}
