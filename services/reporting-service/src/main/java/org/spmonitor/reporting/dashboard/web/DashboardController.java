package org.spmonitor.reporting.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.spmonitor.reporting.dashboard.application.DashboardsAsOf;
import org.spmonitor.reporting.dashboard.application.ProgrammeSelection;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFilter;
import org.spmonitor.reporting.dashboard.domain.Validation;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboards: global, per country, per programme, for a year (default: the current year), as
 * JSON, with {@code ?format=csv} as CSV (see {@link DashboardCsv}), or with {@code ?format=sdmx-csv}
 * as SDMX-CSV (see {@link DashboardSdmxCsv}, {@link Format}). Every format answers the same query (the
 * same filters) from the served read-model generation.
 */
@RestController
@RequestMapping("/api/v1/dashboards")
class DashboardController {

    static final String ENROLMENT_NOTE = "Totals are beneficiary-programme enrolments, not unique persons: "
            + "a person in two programmes counts twice.";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final String AS_OF = "An RFC 3339 instant such as 2025-06-30T12:00:00Z: the answer as it was then, from "
            + "the facts whose event time (ce_time) is not after it, with the versions and review states known then "
            + "(ADR 0021), in either view (validation=all|validated). Programme filters (donor, partner, targetGroup, "
            + "floorGuarantee, branch) select the programmes as they were then. An instant after the server's clock "
            + "is answered as of now (asOf in the answer says so).";
    static final String VALIDATION = "Which figures the dashboard holds (view: all or validated) and how much of what "
            + "they come from is validated (ADR 0019). facts, validatedFacts and validatedShare: the beneficiary count "
            + "facts (one per programme, period, target group and measure; withdrawn ones left out), those whose "
            + "current version is validated, and their ratio (a fraction with 4 decimals, null without facts). "
            + "byDataset gives the same three for beneficiaryCounts, financingReports (the reports the financing "
            + "figures come from: the country-year's, a programme's own, or the selected programmes') and "
            + "indicatorResults (one per programme, indicator and period: of the country and year on country and "
            + "global dashboards, every result a programme dashboard shows); overall the same over the three "
            + "datasets together, a ratio of the sums. In both views the counts are of the facts behind every "
            + "accepted figure, so the share says how much of the all-figures view the validated view holds.";
    private static final String SDMX_CSV_TYPE = "application/vnd.sdmx.data+csv";
    private static final String SDMX_FORMATS = "JSON, the long CSV table with format=csv, or SDMX-CSV of "
            + "beneficiaries and coverage per target group (SDG 1.3.1 in ILOSTAT's shape) with format=sdmx-csv "
            + "(2.0.0), format=sdmx-csv-1.0 or Accept: application/vnd.sdmx.data+csv; version=2.0.0.";

    private final DashboardQueries dashboards;

    private final ProgrammeSelection selected;

    private final DashboardsAsOf history;

    private final Clock clock;

    DashboardController(DashboardQueries dashboards, ProgrammeSelection selected, DashboardsAsOf history,
            Clock clock) {
        this.dashboards = dashboards;
        this.selected = selected;
        this.history = history;
        this.clock = clock;
    }

    /** The world's dashboard for a year. */
    @Operation(summary = "The dashboard of all countries for a year", description = SDMX_FORMATS + " validation=validated "
            + "holds validated figures only: GlobalCalculator over the validated dashboards of the year's countries "
            + "(the last validated version of each beneficiary count, financing report and indicator result, rolled "
            + "up by the same rules); `validation` says which figures it holds and the share validated of each "
            + "dataset and over all (ADR 0019). Programme filters apply to either view.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = GlobalDashboardView.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = SDMX_CSV_TYPE + "; version=2.0.0") })
    @GetMapping("/global")
    ResponseEntity<?> global(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @ParameterObject Selection selection,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        int y = year(year, violations);
        Format f = Format.of(format, accept, violations);
        ProgrammeFilter filter = selection.filter(violations);
        String view = validation(validation, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        DashboardQueries.Served<GlobalDashboard> served = selected.global(y, filter, view, at);
        GlobalDashboardView shown = new GlobalDashboardView(served.dashboard(), ENROLMENT_NOTE, served.freshness(),
                served.validation(), at);
        String name = "dashboard-global-" + y + (Validation.VALIDATED.equals(view) ? "-validated" : "")
                + AsOf.suffix(at);
        return switch (f) {
            case JSON -> ResponseEntity.ok(shown);
            case CSV -> csv(name, DashboardCsv.global(shown.dashboard(), shown.freshness(), served.validation(), at));
            case SDMX_CSV_1, SDMX_CSV_2 -> sdmx(f, name, DashboardSdmxCsv.countries(f.sdmx(), selected.countries(
                    shown.dashboard().countries().stream().map(GlobalDashboard.CountryRow::country).toList(), y, filter,
                    view, at), view));
        };
    }

    /** The dashboard of a country for a year. */
    @Operation(summary = "The dashboard of a country for a year", description = SDMX_FORMATS + " validation=validated "
            + "holds the last validated version of each beneficiary count, financing report and indicator result only, "
            + "rolled up by the same rules; `validation` says which figures it holds and the "
            + "share validated of each dataset and over all (ADR 0019). Programme filters apply to either view.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = CountryDashboardView.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = SDMX_CSV_TYPE + "; version=2.0.0") })
    @GetMapping("/countries/{iso3}")
    ResponseEntity<?> country(@PathVariable String iso3, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @ParameterObject Selection selection,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        violations.check(Countries.isIso3(iso3), "iso3",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + iso3 + "'");
        int y = year(year, violations);
        Format f = Format.of(format, accept, violations);
        ProgrammeFilter filter = selection.filter(violations);
        String view = validation(validation, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        DashboardQueries.Served<CountryDashboard> served = selected.country(iso3, y, filter, view, at);
        CountryDashboardView shown = new CountryDashboardView(served.dashboard(), ENROLMENT_NOTE, served.freshness(),
                served.validation(), at);
        String name = "dashboard-" + iso3 + "-" + y + (Validation.VALIDATED.equals(view) ? "-validated" : "")
                + AsOf.suffix(at);
        return switch (f) {
            case JSON -> ResponseEntity.ok(shown);
            case CSV -> csv(name, DashboardCsv.country(shown.dashboard(), shown.freshness(), served.validation(), at));
            case SDMX_CSV_1, SDMX_CSV_2 -> sdmx(f, name, DashboardSdmxCsv.countries(f.sdmx(), List.of(shown.dashboard()), view));
        };
    }

    /** The dashboard of a programme: figures and financing for a year, all milestones and indicator actuals. */
    @Operation(summary = "The dashboard of a programme", description = "Figures and financing for a year, all its "
            + "milestones and indicator actuals. JSON, the long CSV table with format=csv, or SDMX-CSV with "
            + "format=sdmx-csv (2.0.0) or sdmx-csv-1.0. validation=validated holds the last validated version of each "
            + "beneficiary count, financing report and indicator result only, rolled up by the same rules (default validation=all: every accepted figure); "
            + "either way `validation` says which it holds and the share of the facts whose current version is "
            + "validated, per dataset and over all (ADR 0019).")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ProgrammeDashboardView.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = SDMX_CSV_TYPE + "; version=2.0.0") })
    @GetMapping("/programmes/{id}")
    ResponseEntity<?> programme(@PathVariable String id, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        int y = year(year, violations);
        Format f = Format.of(format, accept, violations);
        String view = validation(validation, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        DashboardQueries.Served<ProgrammeDashboard> served = at == null ? dashboards.programme(id, y, view)
                : history.programme(id, y, view, at);
        ProgrammeDashboard dashboard = served.dashboard();
        Freshness freshness = served.freshness();
        String name = "dashboard-programme-" + id + "-" + y + (Validation.VALIDATED.equals(view) ? "-validated" : "")
                + AsOf.suffix(at);
        return switch (f) {
            case JSON -> ResponseEntity.ok(new ProgrammeDashboardView(dashboard, ENROLMENT_NOTE, freshness,
                    served.validation(), at));
            case CSV -> csv(name, DashboardCsv.programme(dashboard, freshness, served.validation(), at));
            case SDMX_CSV_1, SDMX_CSV_2 -> sdmx(f, name, DashboardSdmxCsv.programme(f.sdmx(), dashboard, view));
        };
    }

    /**
     * The programmes of a year (of one country, or all), selected by the filters, with their figures,
     * their achievement against target beneficiaries and their overdue milestones.
     */
    @Operation(summary = "The programmes of a year", description = "Each with its figures for the year, active "
            + "beneficiaries against its target beneficiaries, and its milestones overdue (due date passed in or "
            + "before the year, not achieved), whatever year they were due in. Filtered like the dashboards. "
            + "validation=validated: each programme's validated figures (ADR 0019); `validation` says which it holds "
            + "and the share of count facts validated. With asOf, the programmes and figures as they were then, "
            + "milestones overdue on that day.")
    @GetMapping("/programmes")
    Map<String, Object> programmes(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String country, @ParameterObject Selection selection,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        violations.check(country == null || Countries.isIso3(country), "country",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + country + "'");
        int y = year(year, violations);
        ProgrammeFilter filter = selection.filter(violations);
        String view = validation(validation, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        ProgrammeSelection.Listing listing = selected.programmes(y, country, filter, view, at);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", y);
        body.put("programmes", listing.programmes());
        body.put("validation", listing.validation());
        putAsOf(body, at);
        return body;
    }

    /** The headline figures of every year that has data, of the world or one country, filtered like the dashboards. */
    @Operation(summary = "Headline figures across the years with data", description = "Active and new "
            + "beneficiaries, coverage, allocated and executed USD, execution rate and spending share of GDP per "
            + "year, earliest first; of one country with country=ISO3. Filtered like the dashboards. "
            + "validation=validated: validated figures only (ADR 0019). With asOf, each year as it was then, and only "
            + "the years that had figures then in the series' scope (the world's, or the country's).")
    @GetMapping("/trends")
    Map<String, Object> trends(@RequestParam(required = false) String country, @ParameterObject Selection selection,
            @Parameter(description = "all (default): every accepted figure; validated: validated figures only")
            @RequestParam(required = false) String validation,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        violations.check(country == null || Countries.isIso3(country), "country",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + country + "'");
        ProgrammeFilter filter = selection.filter(violations);
        String view = validation(validation, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("years", selected.trends(country, filter, view, at));
        body.put("validation", Map.of("view", view));
        putAsOf(body, at);
        return body;
    }

    /**
     * Years that have data, latest first, the generation of the read models served, and the year the
     * web app opens on ({@code latestWithData}).
     */
    @Operation(summary = "Years that have data", description = "latestWithData: the latest year up to the current "
            + "one with a beneficiary or financing figure (else the earliest later one), where the web app opens. "
            + "With asOf: the years that had a dashboard then, latestWithData judged in the year of asOf.")
    @GetMapping("/years")
    Map<String, Object> years(@Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        DashboardQueries.Years years = at == null ? dashboards.years() : history.years(at);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("years", years.years());
        body.put("generation", years.generation());
        body.put("latestWithData", years.latestWithData());
        putAsOf(body, at);
        return body;
    }

    private static void putAsOf(Map<String, Object> body, Instant asOf) {
        if (asOf != null) {
            body.put("asOf", asOf);
        }
    }

    static int year(Integer year, Violations violations) {
        int y = year == null ? Instant.now().atZone(ZoneOffset.UTC).getYear() : year;
        violations.check(y >= 1900 && y <= 2200, "year", () -> "must be a calendar year between 1900 and 2200");
        return y;
    }

    private static String validation(String validation, Violations violations) {
        Optional<String> view = Validation.view(validation);
        violations.check(view.isPresent(), "validation", () -> "must be all or validated, was '" + validation + "'");
        return view.orElse(Validation.ALL);
    }

    /**
     * What a dashboard is answered as: {@code ?format=json|csv|sdmx-csv|sdmx-csv-1.0} (sdmx-csv is
     * SDMX-CSV 2.0.0), or, without {@code format}, an Accept header naming
     * {@code application/vnd.sdmx.data+csv} (version=1.0.0 or 2.0.0, default 2.0.0); JSON otherwise.
     */
    enum Format {
        JSON, CSV, SDMX_CSV_1, SDMX_CSV_2;

        static Format of(String format, String accept, Violations violations) {
            if (format == null) {
                return accept != null && accept.toLowerCase(Locale.ROOT).contains(SDMX_CSV_TYPE)
                        ? (DashboardSdmxCsv.Version.accepted(accept) == DashboardSdmxCsv.Version.V1 ? SDMX_CSV_1
                                : SDMX_CSV_2)
                        : JSON;
            }
            return switch (format) {
                case "json" -> JSON;
                case "csv" -> CSV;
                case "sdmx-csv" -> SDMX_CSV_2;
                case "sdmx-csv-1.0" -> SDMX_CSV_1;
                default -> {
                    violations.add("format", "must be json, csv, sdmx-csv (SDMX-CSV 2.0) or sdmx-csv-1.0, was '"
                            + format + "'");
                    yield JSON;
                }
            };
        }

        DashboardSdmxCsv.Version sdmx() {
            return this == SDMX_CSV_1 ? DashboardSdmxCsv.Version.V1 : DashboardSdmxCsv.Version.V2;
        }
    }

    private static ResponseEntity<String> csv(String name, String body) {
        return attachment(CSV, name, body);
    }

    private static ResponseEntity<String> sdmx(Format format, String name, String body) {
        return attachment(MediaType.parseMediaType(format.sdmx().mediaType() + "; charset=utf-8"), name + ".sdmx",
                body);
    }

    private static ResponseEntity<String> attachment(MediaType type, String name, String body) {
        return ResponseEntity.ok().contentType(type)
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

    /** A dashboard with its note, freshness, validation and, as of a date, the instant it shows (ADR 0021). */
    record CountryDashboardView(@JsonUnwrapped CountryDashboard dashboard, String note, Freshness freshness,
            @Schema(description = VALIDATION) Validation validation, @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf) {
    }

    record GlobalDashboardView(@JsonUnwrapped GlobalDashboard dashboard, String note, Freshness freshness,
            @Schema(description = VALIDATION) Validation validation, @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf) {
    }

    record ProgrammeDashboardView(@JsonUnwrapped ProgrammeDashboard dashboard, String note, Freshness freshness,
            @Schema(description = VALIDATION) Validation validation, @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf) {
    }
}
