package org.spmonitor.reporting.dashboard.application;

import java.util.List;

import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.Validation;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Stored;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.projection.ProjectionGenerations;

import org.springframework.stereotype.Service;

/**
 * What the dashboards API reads, from the served read-model generation: a dashboard with how fresh it
 * is. A country or the world without data has an empty dashboard; a programme never reported is not
 * found.
 */
@Service
public class DashboardQueries {

    private final ProjectionGenerations generations;

    public DashboardQueries(ProjectionGenerations generations) {
        this.generations = generations;
    }

    /** A dashboard, how fresh it is, and which figures it holds (null where not computed). */
    public record Served<T>(T dashboard, Freshness freshness, Validation validation) {

        public Served(T dashboard, Freshness freshness) {
            this(dashboard, freshness, null);
        }
    }

    /** Years that have data, latest first, and the generation of the read models they come from. */
    public record Years(List<Integer> years, String generation) {
    }

    public Served<GlobalDashboard> global(int year) {
        return generations.serving().dashboards().findGlobal(year)
                .map(s -> new Served<>(s.dashboard(), s.freshness()))
                .orElseGet(() -> new Served<>(GlobalCalculator.global(year, List.of()), Freshness.none()));
    }

    public Served<CountryDashboard> country(String iso3, int year) {
        return generations.serving().dashboards().findCountry(new CountryYear(iso3, year))
                .map(s -> new Served<>(s.dashboard(), s.freshness()))
                .orElseGet(() -> new Served<>(DashboardCalculator.country(iso3, year, CountryFacts.empty()),
                        Freshness.none()));
    }

    /**
     * The programme's figures and financing for a year, computed from its facts; fresh as its newest
     * fact, projected when its country's dashboard was.
     *
     * @throws NotFoundException when no event has reported the programme
     */
    public Served<ProgrammeDashboard> programme(String id, int year) {
        return programme(id, year, Validation.ALL);
    }

    /** The programme's dashboard in the view named ({@link Validation}): every accepted figure, or validated ones. */
    public Served<ProgrammeDashboard> programme(String id, int year, String view) {
        ReadModel model = generations.serving();
        FactStore.ProgrammeFacts loaded = model.facts().programmeFacts(id, year, view)
                .orElseThrow(() -> new NotFoundException("no programme " + id + " has been reported"));
        ProgrammeFact programme = loaded.programme();
        ProgrammeDashboard dashboard = DashboardCalculator.programme(programme, year, loaded.facts(),
                loaded.countryFinancing());
        Freshness countryFreshness = model.dashboards().findCountry(new CountryYear(programme.country(), year))
                .map(Stored::freshness).orElse(Freshness.none());
        Freshness freshness = new Freshness(loaded.newestEventTime().orElse(null), countryFreshness.projectedAt(),
                countryFreshness.projectionLagMillis());
        return new Served<>(dashboard, freshness, loaded.validation());
    }

    public Years years() {
        ReadModel model = generations.serving();
        return new Years(model.dashboards().years(), model.generation());
    }
}
