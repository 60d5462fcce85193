package org.spmonitor.reporting.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.ParameterObject;
import org.spmonitor.events.programme.Branch;
import org.spmonitor.events.programme.FloorGuarantee;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.reporting.dashboard.application.DashboardQueries;
import org.spmonitor.reporting.dashboard.application.ProgrammeSelection;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFilter;

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

    private final ProgrammeSelection selected;

    DashboardController(DashboardQueries dashboards, ProgrammeSelection selected) {
        this.dashboards = dashboards;
        this.selected = selected;
    }

    /** The world's dashboard for a year. */
    @Operation(summary = "The dashboard of all countries for a year", description = "JSON, or the long CSV table with format=csv.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = GlobalDashboardView.class)),
            @Content(mediaType = "text/csv") })
    @GetMapping("/global")
    ResponseEntity<?> global(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format, @ParameterObject Selection selection) {
        Violations violations = new Violations();
        int y = year(year, violations);
        boolean csv = csv(format, violations);
        ProgrammeFilter filter = selection.filter(violations);
        violations.throwIfAny();
        DashboardQueries.Served<GlobalDashboard> served = selected.global(y, filter);
        GlobalDashboardView view = new GlobalDashboardView(served.dashboard(), ENROLMENT_NOTE, served.freshness());
        return csv ? csv("dashboard-global-" + y, DashboardCsv.global(view.dashboard(), view.freshness()))
                : ResponseEntity.ok(view);
    }

    /** The dashboard of a country for a year. */
    @Operation(summary = "The dashboard of a country for a year", description = "JSON, or the long CSV table with format=csv.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = CountryDashboardView.class)),
            @Content(mediaType = "text/csv") })
    @GetMapping("/countries/{iso3}")
    ResponseEntity<?> country(@PathVariable String iso3, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format, @ParameterObject Selection selection) {
        Violations violations = new Violations();
        violations.check(Countries.isIso3(iso3), "iso3",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + iso3 + "'");
        int y = year(year, violations);
        boolean csv = csv(format, violations);
        ProgrammeFilter filter = selection.filter(violations);
        violations.throwIfAny();
        DashboardQueries.Served<CountryDashboard> served = selected.country(iso3, y, filter);
        CountryDashboardView view = new CountryDashboardView(served.dashboard(), ENROLMENT_NOTE, served.freshness());
        return csv ? csv("dashboard-" + iso3 + "-" + y, DashboardCsv.country(view.dashboard(), view.freshness()))
                : ResponseEntity.ok(view);
    }

    /** The dashboard of a programme: figures and financing for a year, all milestones and indicator actuals. */
    @Operation(summary = "The dashboard of a programme", description = "Figures and financing for a year, all its "
            + "milestones and indicator actuals. JSON, or the long CSV table with format=csv.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ProgrammeDashboardView.class)),
            @Content(mediaType = "text/csv") })
    @GetMapping("/programmes/{id}")
    ResponseEntity<?> programme(@PathVariable String id, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format) {
        Violations violations = new Violations();
        int y = year(year, violations);
        boolean csv = csv(format, violations);
        violations.throwIfAny();
        DashboardQueries.Served<ProgrammeDashboard> served = dashboards.programme(id, y);
        ProgrammeDashboard dashboard = served.dashboard();
        Freshness freshness = served.freshness();
        return csv ? csv("dashboard-programme-" + id + "-" + y, DashboardCsv.programme(dashboard, freshness))
                : ResponseEntity.ok(new ProgrammeDashboardView(dashboard, ENROLMENT_NOTE, freshness));
    }

    /**
     * The programmes of a year (of one country, or all), selected by the filters, with their figures,
     * their achievement against target beneficiaries and their overdue milestones.
     */
    @Operation(summary = "The programmes of a year", description = "Each with its figures for the year, active "
            + "beneficiaries against its target beneficiaries, and its milestones overdue (due date passed in or "
            + "before the year, not achieved), whatever year they were due in. Filtered like the dashboards.")
    @GetMapping("/programmes")
    Map<String, Object> programmes(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String country, @ParameterObject Selection selection) {
        Violations violations = new Violations();
        violations.check(country == null || Countries.isIso3(country), "country",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + country + "'");
        int y = year(year, violations);
        ProgrammeFilter filter = selection.filter(violations);
        violations.throwIfAny();
        return Map.of("year", y, "programmes", selected.programmes(y, country, filter));
    }

    /** The headline figures of every year that has data, of the world or one country, filtered like the dashboards. */
    @Operation(summary = "Headline figures across the years with data", description = "Active and new "
            + "beneficiaries, coverage, allocated and executed USD, execution rate and spending share of GDP per "
            + "year, earliest first; of one country with country=ISO3. Filtered like the dashboards.")
    @GetMapping("/trends")
    Map<String, Object> trends(@RequestParam(required = false) String country, @ParameterObject Selection selection) {
        Violations violations = new Violations();
        violations.check(country == null || Countries.isIso3(country), "country",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + country + "'");
        ProgrammeFilter filter = selection.filter(violations);
        violations.throwIfAny();
        return Map.of("years", selected.trends(country, filter));
    }

    /**
     * Years that have data, latest first, the generation of the read models served, and the year the
     * web app opens on ({@code latestWithData}).
     */
    @Operation(summary = "Years that have data", description = "latestWithData: the latest year up to the current "
            + "one with a beneficiary or financing figure (else the earliest later one), where the web app opens.")
    @GetMapping("/years")
    Map<String, Object> years() {
        DashboardQueries.Years years = dashboards.years();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("years", years.years());
        body.put("generation", years.generation());
        body.put("latestWithData", years.latestWithData());
        return body;
    }

    private static int year(Integer year, Violations violations) {
        int y = year == null ? Instant.now().atZone(ZoneOffset.UTC).getYear() : year;
        violations.check(y >= 1900 && y <= 2200, "year", () -> "must be a calendar year between 1900 and 2200");
        return y;
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

    /**
     * The programmes a dashboard counts (query parameters, each repeatable; none: every programme): a
     * programme counts when it has one of the donors, one of the partners, ... named.
     */
    record Selection(List<String> donor, List<String> partner, List<String> targetGroup, List<String> floorGuarantee,
            List<String> branch) {

        ProgrammeFilter filter(Violations violations) {
            checkNames(targetGroup, TargetGroup.class, "targetGroup", violations);
            checkNames(floorGuarantee, FloorGuarantee.class, "floorGuarantee", violations);
            checkNames(branch, Branch.class, "branch", violations);
            return new ProgrammeFilter(donor, partner, targetGroup, floorGuarantee, branch);
        }

        private static <E extends Enum<E>> void checkNames(List<String> values, Class<E> type, String field,
                Violations violations) {
            if (values == null) {
                return;
            }
            List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            values.stream().filter(v -> !names.contains(v)).findFirst().ifPresent(bad -> violations.check(false,
                    field, () -> "must be one of " + String.join(", ", names) + ", was '" + bad + "'"));
        }
    }

    record CountryDashboardView(@JsonUnwrapped CountryDashboard dashboard, String note, Freshness freshness) {
    }

    record GlobalDashboardView(@JsonUnwrapped GlobalDashboard dashboard, String note, Freshness freshness) {
    }

    record ProgrammeDashboardView(@JsonUnwrapped ProgrammeDashboard dashboard, String note, Freshness freshness) {
    }
}
