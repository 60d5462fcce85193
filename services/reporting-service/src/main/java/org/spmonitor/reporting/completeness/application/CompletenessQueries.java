package org.spmonitor.reporting.completeness.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.spmonitor.reporting.completeness.domain.CompletenessCalculator;
import org.spmonitor.reporting.completeness.domain.CountryCompleteness;
import org.spmonitor.reporting.completeness.domain.GlobalCompleteness;
import org.spmonitor.reporting.dashboard.application.DashboardsAsOf;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.store.CompletenessStore;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.projection.ProjectionGenerations;

import org.springframework.stereotype.Service;

/**
 * The completeness dashboards (ADR 0020) from the served read-model generation, judged by the clock:
 * a country-year's document read by {@code _id}; the world from the countries its year lists, read by
 * {@code _id} in one query.
 */
@Service
public class CompletenessQueries {

    private final ProjectionGenerations generations;
    private final Clock clock;
    private final DashboardsAsOf history;

    public CompletenessQueries(ProjectionGenerations generations, Clock clock, DashboardsAsOf history) {
        this.generations = generations;
        this.clock = clock;
        this.history = history;
    }

    public CountryCompleteness country(String iso3, int year) {
        return country(generations.serving(), iso3, year, clock);
    }

    public GlobalCompleteness global(int year) {
        ReadModel model = generations.serving();
        List<CountryCompleteness> countries = countries(model, year, clock);
        return CompletenessCalculator.global(year, clock.instant(), countries);
    }

    /**
     * A country's completeness as it was at {@code asOf} (ADR 0021; null: now, by the clock): received,
     * validated, on time and late as known then, the programmes' schedules then, overdue judged at
     * {@code asOf}; from the fact history.
     */
    public CountryCompleteness country(String iso3, int year, Instant asOf) {
        if (asOf == null) {
            return country(iso3, year);
        }
        CountryYear key = new CountryYear(iso3, year);
        DashboardsAsOf.CompletenessAt at = history.completeness(List.of(key), asOf).get(key);
        return CompletenessCalculator.country(iso3, year, at.programmes(), at.financing(), asOf);
    }

    /**
     * The world's completeness as it was at {@code asOf} (null: now): the countries listed for the year
     * that had facts then, each as {@link #country(String, int, Instant)}, read from the history at once.
     */
    public GlobalCompleteness global(int year, Instant asOf) {
        if (asOf == null) {
            return global(year);
        }
        List<CountryYear> keys = generations.serving().completeness().countries(year).stream()
                .map(c -> new CountryYear(c, year)).toList();
        List<CountryCompleteness> countries = new ArrayList<>();
        history.completeness(keys, asOf).forEach((key, at) -> {
            if (at.exists()) {
                countries.add(CompletenessCalculator.country(key.country(), year, at.programmes(), at.financing(),
                        asOf));
            }
        });
        return CompletenessCalculator.global(year, asOf, countries);
    }

    /** Every country's completeness of {@code year} in {@code model}, as of the clock's reading. */
    static List<CountryCompleteness> countries(ReadModel model, int year, Clock clock) {
        CompletenessStore store = model.completeness();
        List<CountryYear> keys = store.countries(year).stream().map(c -> new CountryYear(c, year)).toList();
        List<CountryCompleteness> countries = new ArrayList<>();
        store.nodes(keys).forEach((key, node) -> countries.add(CompletenessCalculator.country(key.country(), year,
                List.copyOf(node.programmes().values()), node.financing(), clock.instant())));
        return countries;
    }

    static CountryCompleteness country(ReadModel model, String iso3, int year, Clock clock) {
        CountryYear key = new CountryYear(iso3, year);
        CompletenessStore.Node node = model.completeness().nodes(List.of(key)).get(key);
        return CompletenessCalculator.country(iso3, year, List.copyOf(node.programmes().values()),
                Map.copyOf(node.financing()), clock.instant());
    }
}
