package org.spmonitor.programme.countryprogramme.domain;

import java.util.List;
import java.util.Map;

import org.spmonitor.events.programme.AnnualTarget;

/**
 * The targets of one year: people eligible ({@code targetPopulation}, the denominator of every
 * coverage rate), people the programme aims to reach ({@code targetBeneficiaries}) and, optionally,
 * people eligible per target group ({@code groupTargetPopulations}, the denominators of the coverage
 * per group). Boxed, so that a missing number is reported as missing and never taken for zero.
 */
public record YearTarget(Integer year, Long targetPopulation, Long targetBeneficiaries,
        List<GroupPopulation> groupTargetPopulations) implements Describable {

    /** More people than live on earth is a typing error. */
    static final long MAX_PEOPLE = 10_000_000_000L;

    public YearTarget {
        groupTargetPopulations = FieldRules.list(groupTargetPopulations);
    }

    /** Targets of a year without target populations per group. */
    public YearTarget(Integer year, Long targetPopulation, Long targetBeneficiaries) {
        this(year, targetPopulation, targetBeneficiaries, List.of());
    }

    AnnualTarget toEvent() {
        return new AnnualTarget(year, targetPopulation, targetBeneficiaries, groupTargetPopulations.isEmpty() ? null
                : groupTargetPopulations.stream().map(GroupPopulation::toEvent).toList());
    }

    @Override
    public Map<String, Object> describe() {
        return Describable.fields("year", year, "targetPopulation", targetPopulation,
                "targetBeneficiaries", targetBeneficiaries, "groupTargetPopulations", groupTargetPopulations);
    }
}
