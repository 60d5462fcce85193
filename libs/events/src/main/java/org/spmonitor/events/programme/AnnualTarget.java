package org.spmonitor.events.programme;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Per year: people eligible (the coverage denominator) and people the programme aims to reach. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnualTarget(int year, long targetPopulation, long targetBeneficiaries) {
}
