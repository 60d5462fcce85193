package org.spmonitor.reporting.dashboard.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.store.DashboardStore;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dashboards")
class DashboardController {

    static final String ENROLMENT_NOTE = "Totals are beneficiary-programme enrolments, not unique persons: "
            + "a person in two programmes counts twice.";

    private final DashboardStore dashboards;

    DashboardController(DashboardStore dashboards) {
        this.dashboards = dashboards;
    }

    /** The dashboard of a country for a year (default: the current year). */
    @GetMapping("/countries/{iso3}")
    CountryDashboardView country(@PathVariable String iso3, @RequestParam(required = false) Integer year) {
        if (!Countries.isIso3(iso3)) {
            throw new InvalidInputException("iso3", "must be an ISO 3166-1 alpha-3 code such as KHM, was '" + iso3 + "'");
        }
        int y = year == null ? Instant.now().atZone(ZoneOffset.UTC).getYear() : year;
        if (y < 1900 || y > 2200) {
            throw new InvalidInputException("year", "must be a calendar year");
        }
        return dashboards.find(new CountryYear(iso3, y))
                .map(stored -> new CountryDashboardView(stored.dashboard(), ENROLMENT_NOTE,
                        new Freshness(stored.newestEventTime(), stored.projectedAt(), stored.projectionLagMillis())))
                .orElseGet(() -> new CountryDashboardView(DashboardCalculator.country(iso3, y, List.of(), List.of()),
                        ENROLMENT_NOTE, new Freshness(null, null, null)));
    }

    /** When the newest event reflected happened, when it was projected, and the lag between the two. */
    record Freshness(Instant newestEventTime, Instant projectedAt, Long projectionLagMillis) {
    }

    record CountryDashboardView(@JsonUnwrapped CountryDashboard dashboard, String note, Freshness freshness) {
    }
}
