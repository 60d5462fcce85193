package org.spmonitor.reporting.dashboard.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.events.reporting.ReportingDataset;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.reporting.dashboard.application.DashboardsAsOf;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What changed on a country dashboard between two instants, and the audit trail behind its figures
 * (beneficiary counts, financing reports, indicator results; ADR 0021), from the fact history of the served read models. Read like every dashboard (roles
 * viewer, reporter, validator, admin): the people and systems named are those the write services'
 * version histories name too.
 */
@RestController
@RequestMapping("/api/v1/dashboards/countries/{iso3}")
class DashboardHistoryController {

    private final DashboardsAsOf history;

    private final Clock clock;

    DashboardHistoryController(DashboardsAsOf history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Operation(summary = "What changed on a country dashboard between two instants", description = "Each figure "
            + "(headline, per target group, per programme) whose value differs between the dashboard as of `from` "
            + "and as of `to`, with both values, and every fact version that became known in between (event time "
            + "after `from`, not after `to`): its figures before and after, who made it, when and through which "
            + "channel (REST, import id, Kafka record). `to` defaults to now; a `to` after the server's clock is read as "
            + "now, as asOf is (the answer's `to` says the instant used).")
    @GetMapping("/changes")
    DashboardsAsOf.Changes changes(@PathVariable String iso3, @RequestParam(required = false) Integer year,
            @Parameter(description = "RFC 3339 instant, e.g. 2025-06-30T00:00:00Z") @RequestParam(required = false)
            String from,
            @Parameter(description = "RFC 3339 instant; default (and at most) now") @RequestParam(required = false)
            String to) {
        Violations violations = new Violations();
        country(iso3, violations);
        int y = DashboardController.year(year, violations);
        violations.check(from != null, "from", () -> "is required: an RFC 3339 instant such as 2025-06-30T00:00:00Z");
        Instant start = AsOf.parse(from, "from", violations);
        Instant end = to == null ? clock.instant() : AsOf.parse(to, "to", violations, clock);
        violations.check(start == null || end == null || start.isBefore(end), "to", () -> "must be after from");
        violations.throwIfAny();
        return history.changes(iso3, y, start, end);
    }

    @Operation(summary = "The audit trail behind a country's figures", description = "Every count (programme, "
            + "period, target group, measure), financing report and indicator result of the country and year, "
            + "narrowed to a programme where named (counts also to a target group and a measure), with each of its "
            + "versions: reported, withdrawn, validated or returned, its figures before and after, who made it and "
            + "when, and the channel (api, api-batch, import-csv or import-dhis2 with the import id, kafka with the "
            + "inbound record's topic/partition/offset). `dataset` fills one section only (BENEFICIARY_COUNTS, "
            + "FINANCING, INDICATOR_RESULTS); without it, all three, or the counts only when a target group or "
            + "measure is named.")
    @GetMapping("/audit")
    DashboardsAsOf.AuditTrail audit(@PathVariable String iso3, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String programmeId, @RequestParam(required = false) String targetGroup,
            @RequestParam(required = false) String measure, @RequestParam(required = false) String dataset) {
        Violations violations = new Violations();
        country(iso3, violations);
        int y = DashboardController.year(year, violations);
        violations.check(programmeId == null || !programmeId.isBlank() && !programmeId.contains("/"), "programmeId",
                () -> "must be a programme id");
        oneOf(targetGroup, TargetGroup.values(), "targetGroup", violations);
        oneOf(measure, Measure.values(), "measure", violations);
        oneOf(dataset, ReportingDataset.values(), "dataset", violations);
        boolean counts = dataset == null || ReportingDataset.BENEFICIARY_COUNTS.name().equals(dataset);
        violations.check(counts || targetGroup == null, "targetGroup", () -> "narrows beneficiary counts only: "
                + "leave it out with dataset " + dataset);
        violations.check(counts || measure == null, "measure", () -> "narrows beneficiary counts only: "
                + "leave it out with dataset " + dataset);
        violations.throwIfAny();
        return history.audit(iso3, y, programmeId, targetGroup, measure,
                dataset == null ? null : ReportingDataset.valueOf(dataset));
    }

    private static void country(String iso3, Violations violations) {
        violations.check(Countries.isIso3(iso3), "iso3",
                () -> "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + iso3 + "'");
    }

    private static void oneOf(String value, Enum<?>[] values, String field, Violations violations) {
        List<String> names = Arrays.stream(values).map(Enum::name).toList();
        violations.check(value == null || names.contains(value), field,
                () -> "must be one of " + String.join(", ", names) + ", was '" + value + "'");
    }
}
