package org.spmonitor.reporting.completeness.web;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.spmonitor.platform.csv.CsvWriter;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.reporting.completeness.application.CompletenessQueries;
import org.spmonitor.reporting.completeness.domain.CountryCompleteness;
import org.spmonitor.reporting.completeness.domain.GlobalCompleteness;
import org.spmonitor.reporting.completeness.domain.Obligation;
import org.spmonitor.reporting.completeness.domain.ProgrammeCompleteness;
import org.spmonitor.reporting.completeness.domain.Tally;
import org.spmonitor.reporting.dashboard.web.AsOf;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The completeness dashboards (ADR 0020): for a year, what each programme owes per period and dataset
 * (beneficiary counts by target group and measure, financing, indicator results), what arrived, what is
 * validated, what arrived late or is overdue, and the share on time; per country and for the world.
 */
@RestController
@RequestMapping("/api/v1/dashboards")
class CompletenessController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String COUNTED = "Counted in items owed: one count per target group and measure (ACTIVE, "
            + "NEW), one financing report (the programme's or the whole country's), one actual per results indicator, "
            + "for each reporting period of the programme's frequency. On time: the first event that reported it is "
            + "dated (ce_time) by the end of the due date (UTC); late: arrived after it, or overdue (still missing "
            + "after it, judged at asOf). asOf=<RFC 3339 instant>: the completeness as it was then (ADR 0021): received, "
            + "validated, on time and late as known then (events whose ce_time is not after it), the programmes' "
            + "schedules then, overdue judged at that instant instead of the clock; an instant after the clock is read "
            + "as now. The file name of the CSV then ends -asof-20250630T120000Z.";
    private static final String AS_OF = "An RFC 3339 instant such as 2025-06-30T12:00:00Z (default: now)";

    private final CompletenessQueries queries;
    private final Clock clock;

    CompletenessController(CompletenessQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Completeness and timeliness of every country's reporting for a year", description = COUNTED
            + " format=csv: one row per country (its totals and how many obligations it owes past due).")
    @GetMapping("/completeness")
    ResponseEntity<?> global(@RequestParam(required = false) Integer year,
            @Parameter(description = "json (default) or csv") @RequestParam(required = false) String format,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        int y = year(year, violations);
        format(format, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        GlobalCompleteness completeness = queries.global(y, at);
        if (!"csv".equals(format)) {
            return ResponseEntity.ok(completeness);
        }
        StringWriter out = new StringWriter();
        CsvWriter csv = CsvWriter.to(out);
        csv.row("country", "year", "expected", "received", "validated", "onTime", "late", "overdue", "onTimeShare",
                "owed", "asOf");
        for (GlobalCompleteness.CountryRow row : completeness.countries()) {
            Tally t = row.total();
            csv.row(row.country(), Integer.toString(y), Integer.toString(t.expected()), Integer.toString(t.received()),
                    Integer.toString(t.validated()), Integer.toString(t.onTime()), Integer.toString(t.late()),
                    Integer.toString(t.overdue()), share(t.onTimeShare()), Integer.toString(row.owed()),
                    completeness.asOf().toString());
        }
        csv.flush();
        return csvFile("completeness-" + y + AsOf.suffix(at) + ".csv", out.toString());
    }

    @Operation(summary = "Completeness and timeliness of a country's reporting for a year", description = COUNTED
            + " owed lists what is past its due date and still missing. format=csv: one row per programme, period "
            + "and dataset.")
    @GetMapping("/countries/{iso3}/completeness")
    ResponseEntity<?> country(@PathVariable String iso3, @RequestParam(required = false) Integer year,
            @Parameter(description = "json (default) or csv") @RequestParam(required = false) String format,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf) {
        Violations violations = new Violations();
        violations.check(Countries.isIso3(iso3), "iso3",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + iso3 + "'");
        int y = year(year, violations);
        format(format, violations);
        Instant at = AsOf.parse(asOf, "asOf", violations, clock);
        violations.throwIfAny();
        CountryCompleteness completeness = queries.country(iso3, y, at);
        if (!"csv".equals(format)) {
            return ResponseEntity.ok(completeness);
        }
        return csvFile("completeness-" + iso3 + "-" + y + AsOf.suffix(at) + ".csv", csv(completeness));
    }

    private static void format(String format, Violations violations) {
        violations.check(format == null || "json".equals(format) || "csv".equals(format), "format",
                () -> "must be json or csv, was '" + format + "'");
    }

    private static ResponseEntity<String> csvFile(String name, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    private static String csv(CountryCompleteness c) {
        StringWriter out = new StringWriter();
        CsvWriter csv = CsvWriter.to(out);
        csv.row("country", "year", "programmeId", "period", "dataset", "dueDate", "status", "expected", "received",
                "validated", "onTime", "late", "overdue", "onTimeShare", "missing", "asOf");
        for (ProgrammeCompleteness p : c.programmes()) {
            for (Obligation o : p.obligations()) {
                Tally t = o.tally();
                csv.row(c.country(), Integer.toString(c.year()), p.programmeId(), o.period(), o.dataset().name(),
                        o.dueDate().toString(), o.status(), Integer.toString(t.expected()),
                        Integer.toString(t.received()), Integer.toString(t.validated()), Integer.toString(t.onTime()),
                        Integer.toString(t.late()), Integer.toString(t.overdue()), share(t.onTimeShare()),
                        String.join(" ", o.missing()), c.asOf().toString());
            }
        }
        csv.flush();
        return out.toString();
    }

    private static String share(BigDecimal share) {
        return share == null ? "" : share.toPlainString();
    }

    private int year(Integer year, Violations violations) {
        int y = year == null ? clock.instant().atZone(ZoneOffset.UTC).getYear() : year;
        violations.check(y >= 1900 && y <= 2200, "year", () -> "must be a calendar year between 1900 and 2200");
        return y;
    }
}
