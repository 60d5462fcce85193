package org.spmonitor.programme.countryprogramme.domain;

import java.util.List;
import java.util.Optional;

/** A results indicator with its actual values, one per period, in period order. */
public record Indicator(String code, String name, String unit, Measurement baseline, Measurement target,
        List<IndicatorResult> results) {

    public Indicator {
        results = results == null ? List.of() : List.copyOf(results);
    }

    static Indicator of(IndicatorDefinition definition, List<IndicatorResult> results) {
        return new Indicator(definition.code(), definition.name(), definition.unit(), definition.baseline(),
                definition.target(), results);
    }

    public IndicatorDefinition definition() {
        return new IndicatorDefinition(code, name, unit, baseline, target);
    }

    public Optional<IndicatorResult> result(String period) {
        return results.stream().filter(r -> r.period().equals(period)).findFirst();
    }
}
