package org.spmonitor.reporting.dashboard.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.reporting.dashboard.domain.CountryDashboard;
import org.spmonitor.reporting.dashboard.domain.CountryRollup;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.DashboardCalculator;
import org.spmonitor.reporting.dashboard.domain.ExchangeRates;
import org.spmonitor.reporting.dashboard.domain.FinancingFact;
import org.spmonitor.reporting.dashboard.domain.GlobalCalculator;
import org.spmonitor.reporting.dashboard.domain.GlobalDashboard;
import org.spmonitor.reporting.dashboard.domain.MilestoneFact;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFilter;
import org.spmonitor.reporting.dashboard.domain.Validation;
import org.spmonitor.reporting.dashboard.domain.ValidationTally;
import org.spmonitor.reporting.dashboard.store.CountryNode;
import org.spmonitor.reporting.dashboard.store.DashboardStore;
import org.spmonitor.reporting.dashboard.store.FactStore;
import org.spmonitor.reporting.dashboard.store.ProgrammeNode;
import org.spmonitor.reporting.dashboard.store.ReadModel;
import org.spmonitor.reporting.projection.ProjectionGenerations;

import org.springframework.stereotype.Service;

/**
 * Dashboards of a selection of programmes (by donor, partner, target group, floor guarantee, C102
 * branch), the list of programmes of a year and the series across years. Computed on read from the
 * programme-year summaries kept in the country-year nodes (ADR 0004), with the same
 * {@link CountryRollup} and {@link GlobalCalculator} as the stored dashboards: a selection of
 * programmes sums its programmes' summaries, so nothing is counted twice. Its financing is the
 * financing reports of the selected programmes ({@code programmeId}); a whole-country report belongs
 * to no programme and so to no selection. Everything is read by {@code _id}: the world dashboard of
 * the year (which countries), their country-year nodes, the programme documents, the financing
 * buckets and rates, one query per collection.
 */
@Service
public class ProgrammeSelection {

    private final ProjectionGenerations generations;
    private final DashboardQueries queries;
    private final DashboardsAsOf history;

    public ProgrammeSelection(ProjectionGenerations generations, DashboardQueries queries, DashboardsAsOf history) {
        this.generations = generations;
        this.queries = queries;
        this.history = history;
    }

    /** One programme of the year with its figures, its achievement and its overdue milestones. */
    public record ProgrammeRow(String programmeId, String country, String name, String status, List<String> donors,
            List<String> partners, List<String> targetGroups, List<String> floorGuarantees, List<String> branches,
            long activeBeneficiaries, long newBeneficiaries, Long targetPopulation, Long targetBeneficiaries,
            BigDecimal coverageRate, BigDecimal achievementOfTargetBeneficiaries,
            List<CountryDashboard.MilestoneView> overdueMilestones) {
    }

    /** A year's headline figures, for the series across years. */
    public record YearFigures(int year, long activeBeneficiaries, long newBeneficiaries, Long targetPopulation,
            BigDecimal coverageRate, BigDecimal allocatedUsd, BigDecimal executedUsd, BigDecimal executionRate,
            BigDecimal spendingShareOfGdp) {
    }

    /** The world's dashboard of the selected programmes (every programme when the filter is empty). */
    public DashboardQueries.Served<GlobalDashboard> global(int year, ProgrammeFilter filter) {
        return filter.isEmpty() ? queries.global(year) : global(year, filter, Validation.ALL);
    }

    /**
     * The world's dashboard of the selected programmes in the view named ({@link Validation}, ADR 0019):
     * with {@code validated}, the validated summaries of the selected programmes and the last validated
     * version of their financing reports, rolled up by the same code; {@code validation} over the count
     * facts and indicator results of the selected programmes and their financing reports.
     */
    public DashboardQueries.Served<GlobalDashboard> global(int year, ProgrammeFilter filter, String view) {
        if (filter.isEmpty()) {
            return queries.global(year, view);
        }
        DashboardQueries.Served<GlobalDashboard> all = queries.global(year);
        List<String> countries = all.dashboard().countries().stream().map(GlobalDashboard.CountryRow::country).toList();
        Selected selected = select(year, countries, filter, view);
        List<CountryDashboard> dashboards = new ArrayList<>();
        selected.byCountry().forEach((country, summaries) -> {
            if (!summaries.isEmpty()) {
                dashboards.add(rollup(selected, country, year, summaries));
            }
        });
        return new DashboardQueries.Served<>(GlobalCalculator.global(year, dashboards), all.freshness(),
                selected.validation());
    }

    /**
     * The world's dashboard of the selected programmes in the view named as it was at {@code asOf} (ADR
     * 0021; null: now): the same selection applied to the programmes as they were then (their donors,
     * partners, target groups, floor guarantees and branches known then), from the fact history.
     */
    public DashboardQueries.Served<GlobalDashboard> global(int year, ProgrammeFilter filter, String view,
            Instant asOf) {
        if (asOf == null) {
            return global(year, filter, view);
        }
        ReadModel model = generations.serving();
        return globalAsOf(year, filter, view, history.countries(model, DashboardsAsOf.worldKeys(model, List.of(year)),
                asOf));
    }

    private DashboardQueries.Served<GlobalDashboard> globalAsOf(int year, ProgrammeFilter filter, String view,
            Map<CountryYear, DashboardsAsOf.CountryAt> countries) {
        if (filter.isEmpty()) {
            return history.global(year, view, countries);
        }
        Map<CountryYear, DashboardsAsOf.CountryAt> ofYear = DashboardsAsOf.ofYear(countries, year);
        Selected selected = select(inputsAsOf(ofYear), filter, view);
        List<CountryDashboard> dashboards = new ArrayList<>();
        selected.byCountry().forEach((country, summaries) -> {
            if (!summaries.isEmpty()) {
                dashboards.add(rollup(selected, country, year, summaries));
            }
        });
        return new DashboardQueries.Served<>(GlobalCalculator.global(year, dashboards),
                DashboardsAsOf.freshnessOf(ofYear.values()), selected.validation());
    }

    /**
     * A country's dashboard of the selected programmes in the view named as it was at {@code asOf} (ADR
     * 0021; null: now).
     */
    public DashboardQueries.Served<CountryDashboard> country(String iso3, int year, ProgrammeFilter filter,
            String view, Instant asOf) {
        if (asOf == null) {
            return country(iso3, year, filter, view);
        }
        CountryYear key = new CountryYear(iso3, year);
        return countryAsOf(key, filter, view, history.countries(generations.serving(), List.of(key), asOf));
    }

    /**
     * The dashboards of these countries of the selected programmes in the view named, as they were at
     * {@code asOf} (null: now); as of a date in one read of the history for all of them.
     */
    public List<CountryDashboard> countries(List<String> countries, int year, ProgrammeFilter filter, String view,
            Instant asOf) {
        if (asOf == null) {
            return countries.stream().map(c -> (Validation.ALL.equals(view) ? country(c, year, filter)
                    : country(c, year, filter, view)).dashboard()).toList();
        }
        List<CountryYear> keys = countries.stream().map(c -> new CountryYear(c, year)).toList();
        Map<CountryYear, DashboardsAsOf.CountryAt> at = history.countries(generations.serving(), keys, asOf);
        return keys.stream().map(key -> countryAsOf(key, filter, view, at).dashboard()).toList();
    }

    private DashboardQueries.Served<CountryDashboard> countryAsOf(CountryYear key, ProgrammeFilter filter, String view,
            Map<CountryYear, DashboardsAsOf.CountryAt> countries) {
        DashboardsAsOf.CountryAt at = countries.get(key);
        if (filter.isEmpty()) {
            return history.country(key, at, view);
        }
        Selected selected = select(inputsAsOf(Map.of(key, at)), filter, view);
        return new DashboardQueries.Served<>(rollup(selected, key.country(), key.year(),
                selected.byCountry().get(key.country())), DashboardsAsOf.freshnessOf(List.of(at)),
                selected.validation());
    }

    /** A country's dashboard of the selected programmes. */
    public DashboardQueries.Served<CountryDashboard> country(String iso3, int year, ProgrammeFilter filter) {
        return filter.isEmpty() ? queries.country(iso3, year) : country(iso3, year, filter, Validation.ALL);
    }

    /** A country's dashboard of the selected programmes in the view named ({@link Validation}, ADR 0019). */
    public DashboardQueries.Served<CountryDashboard> country(String iso3, int year, ProgrammeFilter filter,
            String view) {
        if (filter.isEmpty()) {
            return queries.country(iso3, year, view);
        }
        DashboardQueries.Served<CountryDashboard> all = queries.country(iso3, year);
        Selected selected = select(year, List.of(iso3), filter, view);
        return new DashboardQueries.Served<>(rollup(selected, iso3, year, selected.byCountry().get(iso3)),
                all.freshness(), selected.validation());
    }

    /** The programmes of a year with their figures, and the validation of those figures (ADR 0019). */
    public record Listing(List<ProgrammeRow> programmes, Validation validation) {
    }

    /** The selected programmes of the year with every accepted figure, now (as the method below). */
    public List<ProgrammeRow> programmes(int year, String country, ProgrammeFilter filter) {
        return programmes(year, country, filter, Validation.ALL, null).programmes();
    }

    /**
     * The selected programmes having a summary in the year (of one country, or of every country when
     * {@code country} is null), by country then name, with their figures in the view named (validated:
     * each programme-year's validated summary, ADR 0019), as they were at {@code asOf} (ADR 0021; null:
     * now). A milestone is overdue when its due date has passed (on the day of {@code asOf}, or today,
     * UTC) in or before the year and its latest status is not ACHIEVED, whatever year it was due in.
     */
    public Listing programmes(int year, String country, ProgrammeFilter filter, String view, Instant asOf) {
        Selected selected;
        LocalDate today;
        if (asOf == null) {
            List<String> countries = country != null ? List.of(country)
                    : queries.global(year).dashboard().countries().stream().map(GlobalDashboard.CountryRow::country)
                            .toList();
            selected = select(year, countries, filter, view);
            today = LocalDate.now(ZoneOffset.UTC);
        }
        else {
            ReadModel model = generations.serving();
            List<CountryYear> keys = country != null ? List.of(new CountryYear(country, year))
                    : DashboardsAsOf.worldKeys(model, List.of(year));
            selected = select(inputsAsOf(history.countries(model, keys, asOf)), filter, view);
            today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        }
        List<ProgrammeRow> rows = new ArrayList<>();
        selected.byCountry().forEach((iso3, summaries) -> summaries.forEach((id, summary) -> {
            FactStore.ProgrammeState state = selected.states().get(id);
            ProgrammeFact p = state.programme();
            Optional<AnnualTarget> target = p.targetFor(year);
            Long targetBeneficiaries = target.map(AnnualTarget::targetBeneficiaries).orElse(null);
            rows.add(new ProgrammeRow(id, iso3, p.name(), p.status() == null ? null : p.status().name(),
                    names(p.donors()), names(p.partners()), names(p.targetGroups()), names(p.floorGuarantees()),
                    names(p.branches()), summary.activeBeneficiaries(), summary.newBeneficiaries(),
                    summary.targetPopulation(), targetBeneficiaries, summary.coverageRate(),
                    targetBeneficiaries == null ? null
                            : DashboardCalculator.ratioOrNull(summary.activeBeneficiaries(), targetBeneficiaries),
                    overdue(state.milestones(), year, today)));
        }));
        rows.sort(Comparator.comparing(ProgrammeRow::country).thenComparing(r -> r.name() == null ? "" : r.name())
                .thenComparing(ProgrammeRow::programmeId));
        return new Listing(rows, selected.validation());
    }

    /** The headline figures of every year with data, earliest first, of a country or the world. */
    public List<YearFigures> trends(String country, ProgrammeFilter filter) {
        return trends(country, filter, Validation.ALL, null);
    }

    /**
     * The headline figures of every year with data, earliest first, of a country or the world, in the view
     * named, as they were at {@code asOf} (ADR 0021; null: now). As of a date the series holds the years
     * that had figures then in its scope (the world: any country; a country: that country), read from the
     * fact history of every country-year of those years at once.
     */
    public List<YearFigures> trends(String country, ProgrammeFilter filter, String view, Instant asOf) {
        List<Integer> years = new ArrayList<>(queries.years().years());
        years.sort(Comparator.naturalOrder());
        Map<CountryYear, DashboardsAsOf.CountryAt> then = Map.of();
        if (asOf != null) {
            ReadModel model = generations.serving();
            List<CountryYear> keys = country == null ? DashboardsAsOf.worldKeys(model, years)
                    : years.stream().map(y -> new CountryYear(country, y)).toList();
            then = history.countries(model, keys, asOf);
        }
        List<YearFigures> series = new ArrayList<>();
        for (int year : years) {
            if (asOf != null && DashboardsAsOf.ofYear(then, year).values().stream()
                    .noneMatch(DashboardsAsOf.CountryAt::exists)) {
                continue;
            }
            if (country == null) {
                GlobalDashboard d = (asOf != null ? globalAsOf(year, filter, view, then)
                        : Validation.ALL.equals(view) ? global(year, filter) : global(year, filter, view))
                        .dashboard();
                series.add(new YearFigures(year, d.activeBeneficiaries(), d.newBeneficiaries(), d.targetPopulation(),
                        d.coverageRate(), d.financing().allocatedUsd(), d.financing().executedUsd(),
                        d.financing().executionRate(), d.financing().spendingShareOfGdp()));
            }
            else {
                CountryDashboard d = (asOf != null ? countryAsOf(new CountryYear(country, year), filter, view, then)
                        : Validation.ALL.equals(view) ? country(country, year, filter)
                        : country(country, year, filter, view)).dashboard();
                series.add(new YearFigures(year, d.activeBeneficiaries(), d.newBeneficiaries(), d.targetPopulation(),
                        d.coverageRate(), d.financing().allocatedUsd(), d.financing().executedUsd(),
                        d.financing().executionRate(), d.financing().spendingShareOfGdp()));
            }
        }
        return series;
    }

    /** The selected programmes' summaries by country, their states, and the countries' financing. */
    private record Selected(Map<String, Map<String, CountryDashboard>> byCountry,
            Map<String, FactStore.ProgrammeState> states, FactStore.Financing financing, Validation validation) {
    }

    /**
     * What a selection is made from: the programme-year parts of country-years (of one year), the states
     * of their programmes, and the country-years' financing in a view; as stored, or as of a date.
     */
    private record Inputs(Map<CountryYear, Collection<CountryNode.Part>> parts,
            Map<String, FactStore.ProgrammeState> states, Function<String, FactStore.Financing> financing) {
    }

    /** The inputs as stored: the country-year nodes, the programme documents, the financing buckets, by {@code _id}. */
    private Selected select(int year, Collection<String> countries, ProgrammeFilter filter, String view) {
        ReadModel model = generations.serving();
        List<CountryYear> keys = countries.stream().map(c -> new CountryYear(c, year)).toList();
        Map<CountryYear, CountryNode> nodes = model.dashboards().countryNodes(keys);
        Set<String> ids = new LinkedHashSet<>();
        Map<CountryYear, Collection<CountryNode.Part>> parts = new LinkedHashMap<>();
        nodes.forEach((key, node) -> {
            parts.put(key, node.parts());
            node.parts().forEach(part -> ids.add(part.programmeId()));
        });
        return select(new Inputs(parts, model.facts().programmeStates(ids), v -> model.facts().financing(keys, v)),
                filter, view);
    }

    /** The inputs as they were at a date (ADR 0021): the parts, programmes and financing rebuilt from the history. */
    private Inputs inputsAsOf(Map<CountryYear, DashboardsAsOf.CountryAt> countries) {
        Map<CountryYear, Collection<CountryNode.Part>> parts = new LinkedHashMap<>();
        Map<String, ProgrammeNode> programmes = new LinkedHashMap<>();
        countries.forEach((key, at) -> {
            parts.put(key, at.parts());
            programmes.putAll(at.programmes());
        });
        return new Inputs(parts, generations.serving().facts().programmeStates(programmes),
                v -> history.financing(countries, v));
    }

    /**
     * The selected programmes' summaries in the view named: with {@code validated} each part's validated
     * summary (ADR 0019; a part without one, stored before reviews, holds nothing validated).
     */
    private Selected select(Inputs inputs, ProgrammeFilter filter, String view) {
        boolean validatedOnly = Validation.VALIDATED.equals(view);
        DashboardStore dashboards = generations.serving().dashboards();
        Map<String, Map<String, CountryDashboard>> byCountry = new LinkedHashMap<>();
        Set<String> matched = new LinkedHashSet<>();
        List<ValidationTally> tallies = new ArrayList<>();
        inputs.parts().forEach((key, parts) -> {
            Map<String, CountryDashboard> kept = new LinkedHashMap<>();
            parts.forEach(part -> {
                FactStore.ProgrammeState state = inputs.states().get(part.programmeId());
                if (state != null && filter.matches(state.programme())) {
                    matched.add(part.programmeId());
                    tallies.add(part.tally());
                    String summary = validatedOnly ? part.validatedJson() : part.json();
                    if (summary != null) {
                        kept.put(part.programmeId(), dashboards.summary(summary));
                    }
                }
            });
            byCountry.put(key.country(), kept);
        });
        FactStore.Financing financing = filter.isEmpty() ? null : inputs.financing().apply(view);
        if (financing != null) {
            // the selected programmes' own reports: those their financing figures come from
            financing.reviews().values().forEach(reviews -> reviews.stream()
                    .filter(r -> r.programmeId() != null && matched.contains(r.programmeId()))
                    .forEach(r -> tallies.add(ValidationTally.ofFinancing(1, r.validated() ? 1 : 0))));
        }
        return new Selected(byCountry, inputs.states(), financing, Validation.of(view, ValidationTally.sum(tallies)));
    }

    private static CountryDashboard rollup(Selected selected, String country, int year,
            Map<String, CountryDashboard> summaries) {
        List<FinancingFact> reports = selected.financing() == null ? List.of()
                : selected.financing().reports().getOrDefault(new CountryYear(country, year), List.of()).stream()
                        .filter(f -> f.report().programmeId() != null && summaries.containsKey(f.report().programmeId()))
                        .toList();
        return CountryRollup.country(country, year, summaries.values(), reports,
                selected.financing() == null ? ExchangeRates.none()
                        : selected.financing().rates());
    }

    private static List<CountryDashboard.MilestoneView> overdue(List<MilestoneFact> milestones, int year,
            LocalDate today) {
        return DashboardCalculator.milestones(milestones, m -> isOverdue(m, year, today));
    }

    static boolean isOverdue(MilestoneReported m, int year, LocalDate today) {
        return m.dueDate() != null && m.dueDate().isBefore(today) && m.dueDate().getYear() <= year
                && m.status() != MilestoneStatus.ACHIEVED;
    }

    private static List<String> names(List<?> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }
}
