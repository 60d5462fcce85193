package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.GroupTargetPopulation;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.platform.reference.ReportingPeriod;

/**
 * The aggregation rules of DESIGN.md, as plain functions of the facts of one (country, year).
 * <ul>
 * <li>ACTIVE over a window: per series (programme, target group), the value of the latest reported
 * period inside the window; never summed over periods.</li>
 * <li>NEW over a window: summed over the periods inside the window; a period that lies inside another
 * reported period of the same series is not added again (the coarser figure wins), so reporting a
 * year and its quarters never double counts.</li>
 * <li>Across series, programmes and countries: summed (enrolments, not unique persons).</li>
 * <li>Coverage: sum(ACTIVE) / sum(targetPopulation) over the programmes that have a target
 * population for the year; a ratio of sums; missing when no programme has one. Coverage per target
 * group likewise, over the programmes that give the group a target population for the year.</li>
 * <li>Financing: see {@link FinancingCalculator}.</li>
 * <li>Milestones: those due in the year, counted by status. Indicators: those with an actual in the
 * year, with the latest one.</li>
 * </ul>
 */
public final class DashboardCalculator {

    /** Ratios carry four decimals (0.4231 = 42.31 %). */
    public static final int RATIO_SCALE = 4;

    public static CountryDashboard country(String country, int year, Collection<CountFact> allFacts,
            Collection<ProgrammeFact> programmes) {
        return country(country, year, CountryFacts.beneficiariesOnly(List.copyOf(allFacts), List.copyOf(programmes)));
    }

    public static CountryDashboard country(String country, int year, CountryFacts input) {
        ReportingPeriod window = new ReportingPeriod(year, ReportingPeriod.Kind.YEAR, 1);
        List<CountFact> facts = input.counts().stream().filter(f -> window.contains(f.period())).toList();
        List<CountFact> active = latestActive(facts, window);
        List<CountFact> added = newInWindow(facts, window);

        Map<String, ProgrammeFact> programmesById = new HashMap<>();
        input.programmes().stream().filter(p -> country.equals(p.country()))
                .forEach(p -> programmesById.put(p.programmeId(), p));
        List<CountryDashboard.GroupFigures> groups = groupFigures(year, active, added, programmesById.values());

        FinancingSummary financing = FinancingCalculator.summarise(window, input.financing(), input.rates());
        List<FinancingCalculator.QuarterMoney> money = FinancingCalculator.quarters(year, input.financing(),
                input.rates(), financing);
        List<CountryDashboard.QuarterFigures> quarterly = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            ReportingPeriod quarter = new ReportingPeriod(year, ReportingPeriod.Kind.QUARTER, q);
            List<CountFact> inQuarter = facts.stream().filter(f -> quarter.contains(f.period())).toList();
            List<CountFact> quarterActive = latestActive(inQuarter, quarter);
            List<CountFact> quarterNew = newInWindow(inQuarter, quarter);
            quarterly.add(CountryDashboard.QuarterFigures.of(q, quarter.toString(),
                    quarterActive.isEmpty() ? null : sum(quarterActive),
                    quarterNew.isEmpty() ? null : sum(quarterNew), money.get(q - 1)));
        }

        List<CountryDashboard.ProgrammeFigures> programmeFigures = new ArrayList<>();
        long targetPopulation = 0;
        long activeWithTarget = 0;
        boolean anyTarget = false;
        Map<String, List<CountFact>> activeByProgramme = active.stream()
                .collect(Collectors.groupingBy(f -> f.count().programmeId()));
        Map<String, List<CountFact>> newByProgramme = added.stream()
                .collect(Collectors.groupingBy(f -> f.count().programmeId()));
        for (String id : allProgrammeIds(programmesById.keySet(), activeByProgramme.keySet(), newByProgramme.keySet())) {
            ProgrammeFact programme = programmesById.get(id);
            long programmeActive = sum(activeByProgramme.getOrDefault(id, List.of()));
            long programmeNew = sum(newByProgramme.getOrDefault(id, List.of()));
            Optional<AnnualTarget> target = programme == null ? Optional.empty() : programme.targetFor(year);
            if (programme != null && target.isEmpty() && programmeActive == 0 && programmeNew == 0
                    && !programme.runsIn(year)) {
                continue;
            }
            if (target.isPresent() && target.get().targetPopulation() > 0) {
                anyTarget = true;
                targetPopulation += target.get().targetPopulation();
                activeWithTarget += programmeActive;
            }
            programmeFigures.add(new CountryDashboard.ProgrammeFigures(id, programme == null ? null : programme.name(),
                    programme == null || programme.status() == null ? null : programme.status().name(),
                    programmeActive, programmeNew, target.map(AnnualTarget::targetPopulation).orElse(null),
                    target.map(AnnualTarget::targetBeneficiaries).orElse(null),
                    target.filter(t -> t.targetPopulation() > 0)
                            .map(t -> ratio(programmeActive, t.targetPopulation())).orElse(null)));
        }

        List<CountryDashboard.MilestoneView> milestones = milestones(input.milestones(),
                m -> year == milestoneYear(m));
        List<CountryDashboard.IndicatorView> indicators = indicators(input.indicators(), window::contains);
        return new CountryDashboard(country, year, sum(active), sum(added), anyTarget ? targetPopulation : null,
                anyTarget ? activeWithTarget : null, anyTarget ? ratio(activeWithTarget, targetPopulation) : null,
                groups, sexOf(active), ageOf(active), yesNoOf(active, BeneficiaryCountReported::withDisability),
                yesNoOf(active, BeneficiaryCountReported::informalEconomy), quarterly, programmeFigures,
                financing.withResults(sum(active), anyTarget ? targetPopulation : null),
                byStatus(milestones), milestones, indicators);
    }

    /**
     * Per target group: ACTIVE and NEW summed over the programmes, and the group's coverage over the
     * programmes that give the group a target population for the year (ratio of sums; missing when none
     * does). A group with a target population and no count has coverage 0: nobody was reported reached.
     */
    private static List<CountryDashboard.GroupFigures> groupFigures(int year, List<CountFact> active,
            List<CountFact> added, Collection<ProgrammeFact> programmes) {
        Map<String, long[]> byGroup = new TreeMap<>();
        Map<String, Long> activeByProgrammeGroup = new HashMap<>();
        for (CountFact f : active) {
            byGroup.computeIfAbsent(f.count().targetGroup().name(), g -> new long[2])[0] += f.count().total();
            activeByProgrammeGroup.merge(f.count().programmeId() + "|" + f.count().targetGroup().name(),
                    f.count().total(), Long::sum);
        }
        added.forEach(f -> byGroup.computeIfAbsent(f.count().targetGroup().name(), g -> new long[2])[1]
                += f.count().total());
        Map<String, long[]> targets = new TreeMap<>();
        for (ProgrammeFact programme : programmes) {
            List<GroupTargetPopulation> populations = programme.targetFor(year)
                    .map(AnnualTarget::groupTargetPopulations).orElse(null);
            if (populations == null) {
                continue;
            }
            for (GroupTargetPopulation population : populations) {
                String group = population.targetGroup().name();
                long[] sums = targets.computeIfAbsent(group, g -> new long[2]);
                sums[0] += population.targetPopulation();
                sums[1] += activeByProgrammeGroup.getOrDefault(programme.programmeId() + "|" + group, 0L);
                byGroup.computeIfAbsent(group, g -> new long[2]);
            }
        }
        return byGroup.entrySet().stream().map(e -> {
            long[] target = targets.get(e.getKey());
            return CountryDashboard.GroupFigures.of(e.getKey(), e.getValue()[0], e.getValue()[1],
                    target == null ? null : target[0], target == null ? null : target[1]);
        }).toList();
    }

    /**
     * A programme's dashboard: the country rules applied to the programme's own facts for the year,
     * with all its milestones and every actual of its indicators.
     */
    public static ProgrammeDashboard programme(ProgrammeFact programme, int year, CountryFacts facts) {
        return programme(programme, year, facts, List.of());
    }

    /**
     * A programme's dashboard, its spending set against its country's GDP and total government
     * expenditure (from {@code countryFinancing}, the reports of its country) when its own reports give none.
     */
    public static ProgrammeDashboard programme(ProgrammeFact programme, int year, CountryFacts facts,
            Collection<FinancingFact> countryFinancing) {
        CountryDashboard figures = country(programme.country(), year, facts);
        FinancingSummary financing = FinancingCalculator.withCountryDenominators(figures.financing(),
                new ReportingPeriod(year, ReportingPeriod.Kind.YEAR, 1), countryFinancing, facts.rates());
        Optional<AnnualTarget> target = programme.targetFor(year);
        List<CountryDashboard.MilestoneView> milestones = milestones(facts.milestones(), m -> true);
        return new ProgrammeDashboard(programme.programmeId(), programme.country(), programme.name(),
                programme.description(), programme.status() == null ? null : programme.status().name(),
                programme.startDate(), programme.endDate(), names(programme.partners()), names(programme.donors()),
                names(programme.floorGuarantees()), names(programme.branches()), names(programme.targetGroups()),
                year, figures.activeBeneficiaries(), figures.newBeneficiaries(),
                target.map(AnnualTarget::targetPopulation).orElse(null),
                target.map(AnnualTarget::targetBeneficiaries).orElse(null), figures.coverageRate(),
                figures.byTargetGroup(), figures.sex(), figures.ageGroup(), figures.withDisability(),
                figures.informalEconomy(), figures.quarterly(), financing, byStatus(milestones), milestones,
                indicators(facts.indicators(), p -> true));
    }

    private static List<String> names(List<?> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }

    /** The year a milestone counts in: its due date's, else its status date's. */
    public static int milestoneYear(MilestoneReported milestone) {
        LocalDate date = milestone.dueDate() != null ? milestone.dueDate() : milestone.statusDate();
        return date == null ? 0 : date.getYear();
    }

    /** The order milestones are listed in: by due date (undated last), programme, milestone id. */
    public static final Comparator<CountryDashboard.MilestoneView> MILESTONE_ORDER = Comparator
            .comparing((CountryDashboard.MilestoneView m) -> m.dueDate() == null ? LocalDate.MAX : m.dueDate())
            .thenComparing(CountryDashboard.MilestoneView::programmeId)
            .thenComparing(CountryDashboard.MilestoneView::milestoneId);

    /** The milestones passing {@code filter}, by due date. */
    public static List<CountryDashboard.MilestoneView> milestones(Collection<MilestoneFact> facts,
            Predicate<MilestoneReported> filter) {
        return facts.stream().map(MilestoneFact::milestone).filter(filter)
                .sorted(Comparator.comparing((MilestoneReported m) -> m.dueDate() == null ? LocalDate.MAX : m.dueDate())
                        .thenComparing(MilestoneReported::programmeId).thenComparing(MilestoneReported::milestoneId))
                .map(m -> new CountryDashboard.MilestoneView(m.programmeId(), m.milestoneId(), m.title(), m.dueDate(),
                        m.status() == null ? null : m.status().name(), m.statusDate(), m.note()))
                .toList();
    }

    /** Number of milestones per status, every status present (zero when none). */
    public static Map<String, Long> byStatus(Collection<CountryDashboard.MilestoneView> milestones) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (MilestoneStatus status : MilestoneStatus.values()) {
            counts.put(status.name(), 0L);
        }
        milestones.stream().filter(m -> m.status() != null).forEach(m -> counts.merge(m.status(), 1L, Long::sum));
        return counts;
    }

    /**
     * One row per indicator having an actual for a period passing {@code window}: baseline and target
     * of its highest version, the latest actual in the window, progress = (actual - baseline) /
     * (target - baseline), missing when any of them is.
     */
    public static List<CountryDashboard.IndicatorView> indicators(Collection<IndicatorFact> facts,
            Predicate<ReportingPeriod> window) {
        Map<String, List<IndicatorFact>> byIndicator = new TreeMap<>();
        facts.forEach(f -> byIndicator.computeIfAbsent(f.indicatorKey(), k -> new ArrayList<>()).add(f));
        List<CountryDashboard.IndicatorView> views = new ArrayList<>();
        for (List<IndicatorFact> series : byIndicator.values()) {
            List<IndicatorFact> inWindow = series.stream().filter(f -> window.test(f.period()))
                    .sorted(Comparator.comparing(IndicatorFact::period)).toList();
            if (inWindow.isEmpty()) {
                continue;
            }
            IndicatorResultReported definition = series.stream().max(Comparator.comparingLong(IndicatorFact::version))
                    .orElseThrow().result();
            IndicatorFact latest = inWindow.get(inWindow.size() - 1);
            BigDecimal actual = latest.result().actualValue();
            views.add(new CountryDashboard.IndicatorView(definition.programmeId(), definition.indicatorCode(),
                    definition.indicatorName(), definition.unit(), definition.baselineValue(),
                    definition.baselineYear(), definition.targetValue(), definition.targetYear(),
                    latest.period().toString(), actual,
                    progress(definition.baselineValue(), definition.targetValue(), actual),
                    inWindow.stream().map(f -> new CountryDashboard.Actual(f.period().toString(),
                            f.result().actualValue())).toList()));
        }
        return views;
    }

    static BigDecimal progress(BigDecimal baseline, BigDecimal target, BigDecimal actual) {
        if (baseline == null || target == null || actual == null || target.compareTo(baseline) == 0) {
            return null;
        }
        return actual.subtract(baseline).divide(target.subtract(baseline), RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Per series, the ACTIVE fact of the latest period inside {@code window}. */
    public static List<CountFact> latestActive(Collection<CountFact> facts, ReportingPeriod window) {
        Map<String, CountFact> latest = new TreeMap<>();
        for (CountFact fact : facts) {
            if (fact.measure() == Measure.ACTIVE && window.contains(fact.period())) {
                latest.merge(fact.series(), fact, (a, b) -> a.period().compareTo(b.period()) >= 0 ? a : b);
            }
        }
        return List.copyOf(latest.values());
    }

    /** NEW facts inside {@code window}, leaving out those inside another reported period of their series. */
    public static List<CountFact> newInWindow(Collection<CountFact> facts, ReportingPeriod window) {
        Map<String, List<CountFact>> bySeries = facts.stream()
                .filter(f -> f.measure() == Measure.NEW && window.contains(f.period()))
                .collect(Collectors.groupingBy(CountFact::series, TreeMap::new, Collectors.toList()));
        List<CountFact> counted = new ArrayList<>();
        bySeries.values().forEach(series -> series.stream()
                .filter(f -> series.stream().noneMatch(other -> other != f && !other.period().equals(f.period())
                        && other.period().contains(f.period())))
                .sorted(Comparator.comparing(CountFact::period)).forEach(counted::add));
        return counted;
    }

    /** numerator / denominator with {@link #RATIO_SCALE} decimals; missing when either is, or the denominator is 0. */
    public static BigDecimal ratioOrNull(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /** numerator / denominator; missing when the denominator is 0. */
    public static BigDecimal ratioOrNull(long numerator, long denominator) {
        return denominator == 0 ? null : ratio(numerator, denominator);
    }

    public static BigDecimal ratio(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    private static List<String> allProgrammeIds(Collection<String> a, Collection<String> b, Collection<String> c) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(a);
        ids.addAll(b);
        ids.addAll(c);
        return List.copyOf(ids);
    }

    private static long sum(Collection<CountFact> facts) {
        return facts.stream().mapToLong(f -> f.count().total()).sum();
    }

    private static Breakdown sexOf(List<CountFact> facts) {
        Breakdown.Builder b = new Breakdown.Builder("female", "male", "unknown");
        for (CountFact f : facts) {
            SexBreakdown sex = f.count().sex();
            if (sex == null) {
                b.notReported(f.count().total());
            }
            else {
                b.add("female", sex.female());
                b.add("male", sex.male());
                b.add("unknown", sex.unknown());
            }
        }
        return b.build();
    }

    private static Breakdown ageOf(List<CountFact> facts) {
        Breakdown.Builder b = new Breakdown.Builder("0-17", "18-64", "65+", "unknown");
        for (CountFact f : facts) {
            AgeBreakdown age = f.count().ageGroup();
            if (age == null) {
                b.notReported(f.count().total());
            }
            else {
                b.add("0-17", age.children());
                b.add("18-64", age.workingAge());
                b.add("65+", age.older());
                b.add("unknown", age.unknown());
            }
        }
        return b.build();
    }

    private static Breakdown yesNoOf(List<CountFact> facts,
            java.util.function.Function<BeneficiaryCountReported, YesNoBreakdown> attribute) {
        Breakdown.Builder b = new Breakdown.Builder("yes", "no", "unknown");
        for (CountFact f : facts) {
            YesNoBreakdown value = attribute.apply(f.count());
            if (value == null) {
                b.notReported(f.count().total());
            }
            else {
                b.add("yes", value.yes());
                b.add("no", value.no());
                b.add("unknown", value.unknown());
            }
        }
        return b.build();
    }

    private DashboardCalculator() {
    }
}
