package org.spmonitor.reporting.completeness.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.spmonitor.reporting.completeness.domain.CompletenessCalculator;
import org.spmonitor.reporting.completeness.domain.CountryCompleteness;
import org.spmonitor.reporting.completeness.domain.GlobalCompleteness;
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

    public CompletenessQueries(ProjectionGenerations generations, Clock clock) {
        this.generations = generations;
        this.clock = clock;
    }

    public CountryCompleteness country(String iso3, int year) {
        return country(generations.serving(), iso3, year, clock);
    }

    public GlobalCompleteness global(int year) {
        ReadModel model = generations.serving();
        List<CountryCompleteness> countries = countries(model, year, clock);
        return CompletenessCalculator.global(year, clock.instant(), countries);
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
