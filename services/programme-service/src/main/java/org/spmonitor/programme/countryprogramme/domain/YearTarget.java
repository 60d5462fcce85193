package org.spmonitor.programme.countryprogramme.domain;

import java.util.Map;

import org.spmonitor.events.programme.AnnualTarget;

/**
 * The targets of one year: people eligible ({@code targetPopulation}, the denominator of every
 * coverage rate) and people the programme aims to reach ({@code targetBeneficiaries}). Boxed, so that
 * a missing number is reported as missing and never taken for zero.
 */
public record YearTarget(Integer year, Long targetPopulation, Long targetBeneficiaries) implements Describable {

    /** More people than live on earth is a typing error. */
    static final long MAX_PEOPLE = 10_000_000_000L;

    AnnualTarget toEvent() {
        return new AnnualTarget(year, targetPopulation, targetBeneficiaries);
    }

    @Override
    public Map<String, Object> describe() {
        return Describable.fields("year", year, "targetPopulation", targetPopulation,
                "targetBeneficiaries", targetBeneficiaries);
    }
}
