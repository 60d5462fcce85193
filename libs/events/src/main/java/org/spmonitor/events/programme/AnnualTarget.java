package org.spmonitor.events.programme;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per year: people eligible (the coverage denominator), people the programme aims to reach, and
 * optionally the people eligible per target group ({@code groupTargetPopulations}, the denominators of
 * the coverage per group; absent or {@code null} when the programme gives none; added in v1 as an
 * optional property).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnualTarget(int year, long targetPopulation, long targetBeneficiaries,
        List<GroupTargetPopulation> groupTargetPopulations) {

    /** Targets of a year without target populations per group. */
    public AnnualTarget(int year, long targetPopulation, long targetBeneficiaries) {
        this(year, targetPopulation, targetBeneficiaries, null);
    }
}
