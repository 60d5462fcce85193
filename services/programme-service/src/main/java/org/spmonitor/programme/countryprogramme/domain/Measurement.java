package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.util.Map;

import org.spmonitor.platform.validation.Violations;

/** A value of an indicator in a year: its baseline or its target. */
public record Measurement(BigDecimal value, Integer year) implements Describable {

    public Measurement {
        value = FieldRules.plain(value);
    }

    void validate(Violations violations) {
        FieldRules.decimal(violations, "value", value);
        FieldRules.year(violations, "year", year);
    }

    /** Equal value (numerically: 40 and 40.0 are the same) and year. */
    boolean sameAs(Measurement other) {
        return other != null && value.compareTo(other.value) == 0 && year.equals(other.year);
    }

    @Override
    public Map<String, Object> describe() {
        return Describable.fields("value", value, "year", year);
    }
}
