package org.spmonitor.reporting.dashboard.domain;

import java.util.List;

/** Everything the dashboard of one country (or one programme) for one year is computed from. */
public record CountryFacts(List<CountFact> counts, List<ProgrammeFact> programmes, List<FinancingFact> financing,
        ExchangeRates rates, List<MilestoneFact> milestones, List<IndicatorFact> indicators) {

    public static CountryFacts empty() {
        return new CountryFacts(List.of(), List.of(), List.of(), ExchangeRates.none(), List.of(), List.of());
    }

    public static CountryFacts beneficiariesOnly(List<CountFact> counts, List<ProgrammeFact> programmes) {
        return new CountryFacts(counts, programmes, List.of(), ExchangeRates.none(), List.of(), List.of());
    }
}
