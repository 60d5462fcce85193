package org.spmonitor.programme.countryprogramme.domain;

import java.util.Map;
import java.util.regex.Pattern;

import org.spmonitor.platform.validation.Violations;

/**
 * A results indicator of a programme's results framework: a code unique within the programme (it is
 * part of URLs, so letters, digits, {@code .}, {@code -} and {@code _}), a name, the unit of its
 * values, and optionally a baseline and a target, each a value in a year.
 */
public record IndicatorDefinition(String code, String name, String unit, Measurement baseline, Measurement target)
        implements Describable {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    static final int MAX_NAME = 300;
    static final int MAX_UNIT = 50;

    public IndicatorDefinition {
        code = FieldRules.text(code);
        name = FieldRules.text(name);
        unit = FieldRules.text(unit);
    }

    void validate(Violations violations) {
        if (violations.required(code, "code")) {
            violations.check(CODE.matcher(code).matches(), "code", () -> "must be 1 to 50 letters, digits, '.', '-' "
                    + "or '_', starting with a letter or digit (e.g. SDG-1.3.1), was '" + code + "'");
        }
        FieldRules.requiredText(violations, "name", name, MAX_NAME);
        FieldRules.requiredText(violations, "unit", unit, MAX_UNIT);
        if (baseline != null) {
            baseline.validate(violations.nested("baseline"));
        }
        if (target != null) {
            target.validate(violations.nested("target"));
        }
        if (baseline != null && target != null && baseline.year() != null && target.year() != null) {
            violations.check(target.year() >= baseline.year(), "target.year",
                    () -> "must not be before the baseline year " + baseline.year() + ", was " + target.year());
        }
    }

    /** Same definition, comparing values numerically. */
    boolean sameAs(IndicatorDefinition other) {
        return code.equalsIgnoreCase(other.code) && name.equals(other.name) && unit.equals(other.unit)
                && same(baseline, other.baseline) && same(target, other.target);
    }

    private static boolean same(Measurement a, Measurement b) {
        return a == null ? b == null : a.sameAs(b);
    }

    @Override
    public Map<String, Object> describe() {
        return Describable.fields("code", code, "name", name, "unit", unit, "baseline", baseline, "target", target);
    }
}
