package org.spmonitor.reporting.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.reporting.dashboard.application.DashboardQueries;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.Validation;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboards: global, per country, per programme, for a year (default: the current year), as
 * JSON or, with {@code ?format=csv}, as CSV (see {@link DashboardCsv}). Read from the served
 * read-model generation.
 */
@RestController
@RequestMapping("/api/v1/dashboards")
class DashboardController {

    static final String ENROLMENT_NOTE = "Totals are beneficiary-programme enrolments, not unique persons: "
            + "a person in two programmes counts twice.";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final DashboardQueries dashboards;

    DashboardController(DashboardQueries dashboards) {
        this.dashboards = dashboards;
    }

    /** The world's dashboard for a year. */
    @Operation(summary = "The dashboard of all countries for a year", description = "JSON, or the long CSV table with format=csv.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = GlobalDashboardView.class)),
            @Content(mediaType = "text/csv") })
    @GetMapping("/global")
    ResponseEntity<?> global(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format) {
        Violations violations = new Violations();
        int y = year(year, violations);
        boolean csv = csv(format, violations);
        violations.throwIfAny();
        DashboardQueries.Served<GlobalDashboard> served = dashboards.global(y);
        GlobalDashboardView view = new GlobalDashboardView(served.dashboard(), ENROLMENT_NOTE, served.freshness());
        return csv ? csv("dashboard-global-" + y, DashboardCsv.global(view.dashboard(), view.freshness()))
                : ResponseEntity.ok(view);
    }

    /** The dashboard of a country for a year. */
    @Operation(summary = "The dashboard of a country for a year", description = "JSON, or the long CSV table with "
            + "format=csv. validation=validated holds the last validated version of each beneficiary count only, "
            + "rolled up by the same rules (financing reports are not reviewed yet, so it holds no financing); "
            + "`validation` says which figures it holds and the share of count facts validated (ADR 0014).")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = CountryDashboardView.class)),
            @Content(mediaType = "text/csv") })
    @GetMapping("/countries/{iso3}")
    ResponseEntity<?> country(@PathVariable String iso3, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation) {
        Violations violations = new Violations();
        violations.check(Countries.isIso3(iso3), "iso3",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + iso3 + "'");
        int y = year(year, violations);
        boolean csv = csv(format, violations);
        String selected = validation(validation, violations);
        violations.throwIfAny();
        DashboardQueries.Served<CountryDashboard> served = dashboards.country(iso3, y, selected);
        CountryDashboardView view = new CountryDashboardView(served.dashboard(), ENROLMENT_NOTE, served.freshness(),
                served.validation());
        String suffix = Validation.VALIDATED.equals(selected) ? "-validated" : "";
        return csv ? csv("dashboard-" + iso3 + "-" + y + suffix,
                DashboardCsv.country(view.dashboard(), view.freshness(), served.validation()))
                : ResponseEntity.ok(view);
    }

    /** The dashboard of a programme: figures and financing for a year, all milestones and indicator actuals. */
    @Operation(summary = "The dashboard of a programme", description = "Figures and financing for a year, all its "
            + "milestones and indicator actuals. JSON, or the long CSV table with format=csv. validation=validated "
            + "holds the last validated version of each beneficiary count only, rolled up by the same rules "
            + "(default validation=all: every accepted figure); either way `validation` says which it holds and "
            + "the share of the count facts whose current version is validated (ADR 0014).")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ProgrammeDashboardView.class)),
            @Content(mediaType = "text/csv") })
    @GetMapping("/programmes/{id}")
    ResponseEntity<?> programme(@PathVariable String id, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation) {
        Violations violations = new Violations();
        int y = year(year, violations);
        boolean csv = csv(format, violations);
        String view = validation(validation, violations);
        violations.throwIfAny();
        DashboardQueries.Served<ProgrammeDashboard> served = dashboards.programme(id, y, view);
        ProgrammeDashboard dashboard = served.dashboard();
        Freshness freshness = served.freshness();
        String suffix = Validation.VALIDATED.equals(view) ? "-validated" : "";
        return csv ? csv("dashboard-programme-" + id + "-" + y + suffix,
                DashboardCsv.programme(dashboard, freshness, served.validation()))
                : ResponseEntity.ok(new ProgrammeDashboardView(dashboard, ENROLMENT_NOTE, freshness, served.validation()));
    }

    /** Years that have data, latest first, and the generation of the read models served. */
    @GetMapping("/years")
    Map<String, Object> years() {
        DashboardQueries.Years years = dashboards.years();
        return Map.of("years", years.years(), "generation", years.generation());
    }

    private static int year(Integer year, Violations violations) {
        int y = year == null ? Instant.now().atZone(ZoneOffset.UTC).getYear() : year;
        violations.check(y >= 1900 && y <= 2200, "year", () -> "must be a calendar year between 1900 and 2200");
        return y;
    }

    private static String validation(String validation, Violations violations) {
        Optional<String> view = Validation.view(validation);
        violations.check(view.isPresent(), "validation", () -> "must be all or validated, was '" + validation + "'");
        return view.orElse(Validation.ALL);
    }

    private static boolean csv(String format, Violations violations) {
        violations.check(format == null || format.equals("json") || format.equals("csv"), "format",
                () -> "must be json or csv, was '" + format + "'");
        return "csv".equals(format);
    }

    private static ResponseEntity<String> csv(String name, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(body);
    }

    record CountryDashboardView(@JsonUnwrapped CountryDashboard dashboard, String note, Freshness freshness,
            Validation validation) {
    }

    record GlobalDashboardView(@JsonUnwrapped GlobalDashboard dashboard, String note, Freshness freshness) {
    }

    record ProgrammeDashboardView(@JsonUnwrapped ProgrammeDashboard dashboard, String note, Freshness freshness,
            Validation validation) {
    }
}
