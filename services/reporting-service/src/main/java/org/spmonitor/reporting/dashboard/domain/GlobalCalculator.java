package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls the country dashboards of a year up to the world: beneficiaries summed across countries,
 * coverage = sum(ACTIVE of programmes with a target population) / sum(their target populations),
 * financing combined by {@link FinancingCalculator#combine} (the countries' resolved lines together),
 * quarters by {@link FinancingCalculator#combineQuarters}, and money against results: executed USD per
 * active beneficiary (and per person of the target population) over the countries whose executed USD
 * is known and who report beneficiaries (a target population).
 */
public final class GlobalCalculator {

    public static GlobalDashboard global(int year, Collection<CountryDashboard> dashboards) {
        List<CountryDashboard> countries = dashboards.stream().filter(d -> d.year() == year)
                .sorted(Comparator.comparing(CountryDashboard::country)).toList();
        long active = 0;
        long added = 0;
        long targetPopulation = 0;
        long activeWithTarget = 0;
        boolean anyTarget = false;
        Breakdown sex = empty("female", "male", "unknown");
        Breakdown age = empty("0-17", "18-64", "65+", "unknown");
        Breakdown disability = empty("yes", "no", "unknown");
        Breakdown informal = empty("yes", "no", "unknown");
        Long[][] quarters = new Long[4][2];
        List<List<CountryDashboard.QuarterFigures>> quarterMoney = new ArrayList<>();
        BigDecimal executedWithBeneficiaries = null;
        long beneficiariesWithExecuted = 0;
        BigDecimal executedWithTarget = null;
        long targetWithExecuted = 0;
        Map<String, Long> milestones = new LinkedHashMap<>(DashboardCalculator.byStatus(List.of()));
        List<GlobalDashboard.CountryRow> rows = new ArrayList<>();
        for (CountryDashboard d : countries) {
            active += d.activeBeneficiaries();
            added += d.newBeneficiaries();
            if (d.targetPopulation() != null) {
                anyTarget = true;
                targetPopulation += d.targetPopulation();
                activeWithTarget += d.activeBeneficiariesWithTarget() == null ? 0 : d.activeBeneficiariesWithTarget();
            }
            sex = sex.plus(d.sex());
            age = age.plus(d.ageGroup());
            disability = disability.plus(d.withDisability());
            informal = informal.plus(d.informalEconomy());
            for (CountryDashboard.QuarterFigures q : d.quarterly()) {
                int i = q.quarter() - 1;
                quarters[i][0] = plus(quarters[i][0], q.activeBeneficiaries());
                quarters[i][1] = plus(quarters[i][1], q.newBeneficiaries());
            }
            quarterMoney.add(d.quarterly());
            d.milestonesByStatus().forEach((status, n) -> milestones.merge(status, n, Long::sum));
            FinancingSummary f = d.financing();
            // money against results: over the countries whose executed USD is known and who have people
            if (f.executedUsd() != null && d.activeBeneficiaries() > 0) {
                executedWithBeneficiaries = plus(executedWithBeneficiaries, f.executedUsd());
                beneficiariesWithExecuted += d.activeBeneficiaries();
            }
            if (f.executedUsd() != null && d.targetPopulation() != null && d.targetPopulation() > 0) {
                executedWithTarget = plus(executedWithTarget, f.executedUsd());
                targetWithExecuted += d.targetPopulation();
            }
            rows.add(new GlobalDashboard.CountryRow(d.country(), d.programmes().size(), d.activeBeneficiaries(),
                    d.newBeneficiaries(), d.targetPopulation(), d.coverageRate(), f.localCurrency(), f.reports(), f.allocatedUsd(),
                    f.executedUsd(), f.executionRate(), f.spendingShareOfGdp(), !f.missingRates().isEmpty(),
                    f.allocatedUsdKnown(), f.executedUsdKnown(), f.spendingShareOfGovernmentExpenditure(),
                    f.executedUsdPerActiveBeneficiary(), f.executedUsdPerTargetPerson()));
        }
        FinancingSummary financing = FinancingCalculator.combine(countries.stream().map(CountryDashboard::financing)
                .toList());
        financing = financing.withCostPerPerson(
                FinancingCalculator.perPerson(executedWithBeneficiaries, beneficiariesWithExecuted),
                FinancingCalculator.perPerson(executedWithTarget, targetWithExecuted));
        List<FinancingCalculator.QuarterMoney> money = FinancingCalculator.combineQuarters(quarterMoney, financing);
        List<CountryDashboard.QuarterFigures> quarterly = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            quarterly.add(CountryDashboard.QuarterFigures.of(q, year + "Q" + q, quarters[q - 1][0],
                    quarters[q - 1][1], money.get(q - 1)));
        }
        return new GlobalDashboard(year, countries.size(), active, added, anyTarget ? targetPopulation : null,
                anyTarget ? activeWithTarget : null,
                anyTarget ? DashboardCalculator.ratio(activeWithTarget, targetPopulation) : null,
                CountryDashboard.GroupFigures.combine(countries.stream().map(CountryDashboard::byTargetGroup).toList()),
                sex, age, disability, informal, quarterly,
                financing, milestones, rows);
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return a == null ? b : a.add(b);
    }

    private static Long plus(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }

    private static Breakdown empty(String... keys) {
        return new Breakdown.Builder(keys).build();
    }

    private GlobalCalculator() {
    }
}
