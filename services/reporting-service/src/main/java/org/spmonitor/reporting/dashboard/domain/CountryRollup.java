package org.spmonitor.reporting.dashboard.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.spmonitor.platform.reference.ReportingPeriod;

/**
 * The hierarchical rollup (ADR 0004): a programme-year summary is the {@link DashboardCalculator}
 * applied to one programme's own facts of a year; a country-year dashboard is the sum of its
 * programme-year summaries, plus its financing computed from the country-year's financing reports.
 * <p>
 * Every beneficiary rule of DESIGN.md works per series (programme, target group), and a series lies
 * inside one programme, so summing the programme summaries gives exactly what the calculator gives
 * for all the facts of the country-year: ACTIVE (latest period of each series) and NEW (summed) add
 * up across programmes, coverage is re-derived as a ratio of the summed numerator and denominator,
 * breakdowns and quarters are sums, the lists are concatenated in the calculator's order. Financing
 * is not a sum of per-programme figures (the GDP of the latest-period report, one-currency ratios,
 * missing rates), so it is computed from the reports themselves, which are few per country-year.
 */
public final class CountryRollup {

    /** The order of {@link DashboardCalculator#indicators}: by programme id, then indicator code. */
    private static final Comparator<CountryDashboard.IndicatorView> INDICATOR_ORDER = Comparator
            .comparing(i -> i.programmeId() + "|" + i.indicatorCode());

    /**
     * The summary of one programme in one country and year: the calculator's dashboard of that
     * programme's counts, its state (when it belongs to the country), its milestones and the indicators
     * having an actual in the country and year (with all their actuals, so baselines come from the
     * latest version). Financing is left out: the country-year computes it.
     */
    public static CountryDashboard programmeYear(String country, int year, Collection<CountFact> counts,
            ProgrammeFact programme, Collection<MilestoneFact> milestones, Collection<IndicatorFact> indicators) {
        ReportingPeriod window = new ReportingPeriod(year, ReportingPeriod.Kind.YEAR, 1);
        Set<String> reportedHere = new TreeSet<>();
        indicators.stream().filter(f -> country.equals(f.result().country()) && window.contains(f.period()))
                .forEach(f -> reportedHere.add(f.indicatorKey()));
        List<IndicatorFact> ofIndicators = indicators.stream().filter(f -> reportedHere.contains(f.indicatorKey()))
                .toList();
        List<MilestoneFact> ofCountry = milestones.stream().filter(m -> country.equals(m.milestone().country()))
                .toList();
        return DashboardCalculator.country(country, year, new CountryFacts(List.copyOf(counts),
                programme == null ? List.of() : List.of(programme), List.of(), ExchangeRates.none(), ofCountry,
                ofIndicators));
    }

    /** The country-year dashboard from its programme-year summaries and its financing reports. */
    public static CountryDashboard country(String country, int year, Collection<CountryDashboard> programmes,
            Collection<FinancingFact> financing, ExchangeRates rates) {
        ReportingPeriod window = new ReportingPeriod(year, ReportingPeriod.Kind.YEAR, 1);
        long active = 0;
        long added = 0;
        Long targetPopulation = null;
        Long activeWithTarget = null;
        Breakdown sex = new Breakdown.Builder("female", "male", "unknown").build();
        Breakdown age = new Breakdown.Builder("0-17", "18-64", "65+", "unknown").build();
        Breakdown disability = new Breakdown.Builder("yes", "no", "unknown").build();
        Breakdown informal = new Breakdown.Builder("yes", "no", "unknown").build();
        Long[][] quarters = new Long[4][2];
        List<CountryDashboard.ProgrammeFigures> rows = new ArrayList<>();
        List<CountryDashboard.MilestoneView> milestones = new ArrayList<>();
        List<CountryDashboard.IndicatorView> indicators = new ArrayList<>();
        for (CountryDashboard p : programmes) {
            active += p.activeBeneficiaries();
            added += p.newBeneficiaries();
            if (p.targetPopulation() != null) {
                targetPopulation = (targetPopulation == null ? 0 : targetPopulation) + p.targetPopulation();
                activeWithTarget = (activeWithTarget == null ? 0 : activeWithTarget)
                        + (p.activeBeneficiariesWithTarget() == null ? 0 : p.activeBeneficiariesWithTarget());
            }
            sex = sex.plus(p.sex());
            age = age.plus(p.ageGroup());
            disability = disability.plus(p.withDisability());
            informal = informal.plus(p.informalEconomy());
            for (CountryDashboard.QuarterFigures q : p.quarterly()) {
                quarters[q.quarter() - 1][0] = plus(quarters[q.quarter() - 1][0], q.activeBeneficiaries());
                quarters[q.quarter() - 1][1] = plus(quarters[q.quarter() - 1][1], q.newBeneficiaries());
            }
            rows.addAll(p.programmes());
            milestones.addAll(p.milestones());
            indicators.addAll(p.indicators());
        }
        FinancingSummary money = FinancingCalculator.summarise(window, financing, rates);
        List<FinancingCalculator.QuarterMoney> byQuarter = FinancingCalculator.quarters(year, financing, rates, money);
        List<CountryDashboard.QuarterFigures> quarterly = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            quarterly.add(CountryDashboard.QuarterFigures.of(q, year + "Q" + q, quarters[q - 1][0],
                    quarters[q - 1][1], byQuarter.get(q - 1)));
        }
        rows.sort(Comparator.comparing(CountryDashboard.ProgrammeFigures::programmeId));
        milestones.sort(DashboardCalculator.MILESTONE_ORDER);
        indicators.sort(INDICATOR_ORDER);
        return new CountryDashboard(country, year, active, added, targetPopulation, activeWithTarget,
                targetPopulation == null ? null : DashboardCalculator.ratio(activeWithTarget, targetPopulation),
                CountryDashboard.GroupFigures.combine(programmes.stream().map(CountryDashboard::byTargetGroup).toList()),
                sex, age, disability, informal, quarterly, List.copyOf(rows),
                money.withResults(active, targetPopulation), DashboardCalculator.byStatus(milestones),
                List.copyOf(milestones), List.copyOf(indicators));
    }

    /**
     * What the world rollup needs of a country-year: its dashboard without the milestone and indicator
     * lists (their counts by status stay), so a world node stays small.
     */
    public static CountryDashboard forWorld(CountryDashboard d) {
        return new CountryDashboard(d.country(), d.year(), d.activeBeneficiaries(), d.newBeneficiaries(),
                d.targetPopulation(), d.activeBeneficiariesWithTarget(), d.coverageRate(), d.byTargetGroup(), d.sex(),
                d.ageGroup(), d.withDisability(), d.informalEconomy(), d.quarterly(), d.programmes(), d.financing(),
                d.milestonesByStatus(), List.of(), List.of());
    }

    private static Long plus(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }

    private CountryRollup() {
    }
}
