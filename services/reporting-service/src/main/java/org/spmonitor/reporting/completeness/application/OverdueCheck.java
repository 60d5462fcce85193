package org.spmonitor.reporting.completeness.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.spmonitor.events.reporting.ReportingPeriodOverdue;
import org.spmonitor.reporting.completeness.domain.CountryCompleteness;
import org.spmonitor.reporting.completeness.domain.Obligation;
import org.spmonitor.reporting.completeness.domain.ProgrammeCompleteness;
import org.spmonitor.reporting.completeness.store.OverdueNotices;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.projection.ProjectionGenerations;

import org.springframework.stereotype.Service;

/**
 * Finds the reporting periods past their due date with data missing, by the clock, and announces each
 * (programme, period, dataset) once as ReportingPeriodOverdue through the outbox (ADR 0020). Reads the
 * served generation's completeness of the clock's year and the year before by {@code _id}; every
 * instance may run it, the notices' {@code _id}s make each announcement happen once.
 */
@Service
public class OverdueCheck {

    private final ProjectionGenerations generations;
    private final OverdueNotices notices;
    private final Clock clock;

    public OverdueCheck(ProjectionGenerations generations, OverdueNotices notices, Clock clock) {
        this.generations = generations;
        this.notices = notices;
        this.clock = clock;
    }

    /** Announces what is overdue now, by the service's clock; see {@link #check(Clock)}. */
    public int check() {
        return check(clock);
    }

    /**
     * Announces what is overdue at {@code clock}'s reading and not announced yet; returns how many
     * (programme, period, dataset) it announced.
     */
    public int check(Clock clock) {
        Instant now = clock.instant();
        int year = now.atZone(ZoneOffset.UTC).getYear();
        ReadModel model = generations.serving();
        List<ReportingPeriodOverdue> overdue = new ArrayList<>();
        for (int y = year - 1; y <= year; y++) {
            for (CountryCompleteness country : CompletenessQueries.countries(model, y, clock)) {
                overdue.addAll(overdue(country));
            }
        }
        // one bulk write per chunk keeps each write bounded
        int announced = 0;
        for (int from = 0; from < overdue.size(); from += 500) {
            announced += notices.record(overdue.subList(from, Math.min(overdue.size(), from + 500)), now);
        }
        return announced;
    }

    /** The country's obligations past due with data missing, as events. */
    static List<ReportingPeriodOverdue> overdue(CountryCompleteness country) {
        Map<String, ReportingPeriodOverdue> events = new TreeMap<>();
        for (ProgrammeCompleteness programme : country.programmes()) {
            for (Obligation o : programme.obligations()) {
                if (o.isOverdue()) {
                    ReportingPeriodOverdue event = new ReportingPeriodOverdue(o.programmeId(), 1, country.country(),
                            o.period(), o.dataset(), programme.reportingFrequency(), programme.dueLagDays(),
                            o.dueDate(), o.tally().expected(), o.tally().received(), o.missing());
                    events.put(OverdueNotices.id(event), event);
                }
            }
        }
        return List.copyOf(events.values());
    }
}
