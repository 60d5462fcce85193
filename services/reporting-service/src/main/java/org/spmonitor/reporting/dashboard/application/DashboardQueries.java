package org.spmonitor.reporting.dashboard.application;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.CountryFacts;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.Freshness;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeDashboard;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.Validation;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;
import org.spmonitor.reporting.dashboard.store.CountryNode;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Rollup;
import org.spmonitor.reporting.dashboard.store.DashboardStore.Stored;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.projection.ProjectionGenerations;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboards API reads, from the served read-model generation: a dashboard with how fresh it
 * is. A country or the world without data has an empty dashboard; a programme never reported is not
 * found.
 */
@Service
public class DashboardQueries {

    private final ProjectionGenerations generations;
    private final JsonMapper json;

    public DashboardQueries(ProjectionGenerations generations, EventCodec codec) {
        this.generations = generations;
        this.json = codec.mapper();
    }

    /** A dashboard, how fresh it is, and which figures it holds (null where not computed). */
    public record Served<T>(T dashboard, Freshness freshness, Validation validation) {

        public Served(T dashboard, Freshness freshness) {
            this(dashboard, freshness, null);
        }
    }

    /**
     * Years that have a dashboard, latest first, the generation of the read models they come from, and
     * the year a dashboard opens on: the latest year up to the current one (UTC) with figures (a
     * beneficiary or a financing report), else the earliest later year with figures, else the latest
     * year listed; null when there is none.
     */
    public record Years(List<Integer> years, String generation, Integer latestWithData) {
    }

    public Served<GlobalDashboard> global(int year) {
        return generations.serving().dashboards().findGlobal(year)
                .map(s -> new Served<>(s.dashboard(), s.freshness()))
                .orElseGet(() -> new Served<>(GlobalCalculator.global(year, List.of()), Freshness.none()));
    }

    /**
     * The world's dashboard in the view named ({@link Validation}, ADR 0019), with its validation over
     * every country of the year, kept beside the world dashboard by the projection (one read by
     * {@code _id} for every figure of the view of every accepted figure). The validated view is
     * {@link GlobalCalculator#global} over the validated country dashboards of the countries the world node
     * lists, each rolled up as {@link #country(String, int, String)} does, read by {@code _id} (one query for
     * the country nodes, one for their financing, one for the rates).
     */
    public Served<GlobalDashboard> global(int year, String view) {
        ReadModel model = generations.serving();
        Optional<Rollup<GlobalDashboard>> rollup = model.dashboards().findGlobalRollup(year);
        Served<GlobalDashboard> all = rollup.map(r -> new Served<>(r.stored().dashboard(), r.stored().freshness()))
                .orElseGet(() -> new Served<>(GlobalCalculator.global(year, List.of()), Freshness.none()));
        Optional<ValidationTally> kept = rollup.isEmpty() ? Optional.of(ValidationTally.NONE)
                : rollup.get().tally();
        if (kept.isPresent() && !Validation.VALIDATED.equals(view)) {
            return new Served<>(all.dashboard(), all.freshness(), Validation.of(view, kept.get()));
        }
        List<CountryYear> keys = model.dashboards().worldCountries(year).stream().map(c -> new CountryYear(c, year))
                .toList();
        Map<CountryYear, CountryNode> nodes = model.dashboards().countryNodes(keys);
        // a world dashboard stored before it kept the tally (an earlier layout): summed over its country nodes
        Validation validation = Validation.of(view, kept.orElseGet(() -> ValidationTally.sum(
                nodes.values().stream().map(CountryNode::tally).toList())));
        if (!validation.validatedOnly()) {
            return new Served<>(all.dashboard(), all.freshness(), validation);
        }
        FactStore.Financing financing = model.facts().financing(keys, Validation.VALIDATED);
        List<CountryDashboard> countries = nodes.entrySet().stream()
                .map(e -> CountryRollup.forWorld(validatedCountry(e.getKey(), e.getValue(), financing))).toList();
        return new Served<>(GlobalCalculator.global(year, countries), all.freshness(), validation);
    }

    /**
     * The country's dashboard in the view named ({@link Validation}, ADR 0019), with its validation: the
     * validated view rolls up the validated summaries of its programme-year parts and the last validated
     * version of each financing report of the country-year by the same code, read by {@code _id} like the
     * rest.
     */
    public Served<CountryDashboard> country(String iso3, int year, String view) {
        ReadModel model = generations.serving();
        CountryYear key = new CountryYear(iso3, year);
        Optional<Rollup<CountryDashboard>> rollup = model.dashboards().findCountryRollup(key);
        Served<CountryDashboard> all = rollup.map(r -> new Served<>(r.stored().dashboard(), r.stored().freshness()))
                .orElseGet(() -> new Served<>(DashboardCalculator.country(iso3, year, CountryFacts.empty()),
                        Freshness.none()));
        Optional<ValidationTally> kept = rollup.isEmpty() ? Optional.of(ValidationTally.NONE)
                : rollup.get().tally();
        if (kept.isPresent() && !Validation.VALIDATED.equals(view)) {
            return new Served<>(all.dashboard(), all.freshness(), Validation.of(view, kept.get()));
        }
        Optional<CountryNode> node = model.dashboards().findCountryNode(key);
        Validation validation = Validation.of(view, node.map(CountryNode::tally).orElse(ValidationTally.NONE));
        if (!validation.validatedOnly() || node.isEmpty()) {
            return new Served<>(all.dashboard(), all.freshness(), validation);
        }
        FactStore.Financing financing = model.facts().financing(List.of(key), Validation.VALIDATED);
        return new Served<>(validatedCountry(key, node.get(), financing), all.freshness(), validation);
    }

    /**
     * A country dashboard as of a date (ADR 0021) in the view named, from its programme-year parts then: as
     * it was (every accepted figure) or rolled up from the parts' validated summaries, with the
     * {@link Validation} of {@code tally} (its facts then). The validated financing of a past date is
     * {@code validatedReports} converted with {@code rates}, as the history knew them then.
     */
    Served<CountryDashboard> inView(String iso3, int year, String view, CountryDashboard all, Freshness freshness,
            ValidationTally tally, Collection<CountryNode.Part> parts, List<FinancingFact> validatedReports,
            ExchangeRates rates) {
        Validation validation = Validation.of(view, tally);
        if (!validation.validatedOnly()) {
            return new Served<>(all, freshness, validation);
        }
        List<CountryDashboard> validated = parts.stream().filter(p -> p.validatedJson() != null)
                .map(p -> json.readValue(p.validatedJson(), CountryDashboard.class)).toList();
        return new Served<>(CountryRollup.country(iso3, year, validated, validatedReports, rates), freshness,
                validation);
    }

    /** A country's validated dashboard: its parts' validated summaries and its validated financing. */
    private CountryDashboard validatedCountry(CountryYear key, CountryNode node, FactStore.Financing financing) {
        List<CountryDashboard> parts = node.parts().stream().filter(p -> p.validatedJson() != null)
                .map(p -> json.readValue(p.validatedJson(), CountryDashboard.class)).toList();
        return CountryRollup.country(key.country(), key.year(), parts, financing.reports().getOrDefault(key, List.of()),
                financing.rates());
    }

    /** The country's dashboard of every accepted figure, with its validation. */
    public Served<CountryDashboard> country(String iso3, int year) {
        return country(iso3, year, Validation.ALL);
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
        List<Integer> years = model.dashboards().years();
        List<Integer> withFigures = model.dashboards().globals(years).stream().filter(DashboardQueries::hasFigures)
                .map(GlobalDashboard::year).toList();
        return new Years(years, model.generation(), latestWithData(years, withFigures,
                Instant.now().atZone(ZoneOffset.UTC).getYear()));
    }

    /** The rule of {@link Years#latestWithData}. */
    static Integer latestWithData(List<Integer> years, List<Integer> withFigures, int currentYear) {
        return withFigures.stream().filter(y -> y <= currentYear).max(Integer::compare)
                .or(() -> withFigures.stream().min(Integer::compare))
                .or(() -> years.stream().max(Integer::compare)).orElse(null);
    }

    static boolean hasFigures(GlobalDashboard d) {
        return d.activeBeneficiaries() > 0 || d.newBeneficiaries() > 0
                || (d.financing() != null && d.financing().reports() > 0);
    }
}
