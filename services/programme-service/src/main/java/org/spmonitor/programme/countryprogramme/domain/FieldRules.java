package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.spmonitor.platform.validation.Violations;

/** Small rules shared by the inputs of a programme. */
final class FieldRules {

    /** Largest absolute indicator value: anything bigger is a typing error. */
    static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000000");
    static final int MAX_DECIMALS = 6;
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;

    /** Trimmed text, or null when there is none. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** An unmodifiable copy that keeps null elements, so that validation can name them by index. */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Like {@link #list} with each element trimmed. */
    static List<String> texts(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> trimmed = new ArrayList<>();
        values.forEach(value -> trimmed.add(value == null ? null : value.strip()));
        return Collections.unmodifiableList(trimmed);
    }

    /** Checks required text of at most {@code max} characters; returns whether it is present. */
    static boolean requiredText(Violations violations, String field, String value, int max) {
        if (!violations.check(value != null && !value.isBlank(), field, () -> "is required")) {
            return false;
        }
        return violations.check(value.length() <= max, field, () -> "must be at most " + max + " characters");
    }

    static void optionalText(Violations violations, String field, String value, int max) {
        violations.check(value == null || value.length() <= max, field,
                () -> "must be at most " + max + " characters");
    }

    static boolean year(Violations violations, String field, Integer year) {
        if (!violations.required(year, field)) {
            return false;
        }
        return violations.check(year >= MIN_YEAR && year <= MAX_YEAR, field,
                () -> "must be a calendar year between " + MIN_YEAR + " and " + MAX_YEAR + ", was " + year);
    }

    /** A decimal an indicator can hold: bounded, at most {@link #MAX_DECIMALS} decimal places. */
    static boolean decimal(Violations violations, String field, BigDecimal value) {
        if (!violations.required(value, field)) {
            return false;
        }
        if (!violations.check(value.abs().compareTo(MAX_VALUE) < 0, field,
                () -> "must be smaller than " + MAX_VALUE.toPlainString() + " in absolute value")) {
            return false;
        }
        return violations.check(value.stripTrailingZeros().scale() <= MAX_DECIMALS, field,
                () -> "must have at most " + MAX_DECIMALS + " decimal places");
    }

    /** A decimal in plain notation: {@code 1E+3} becomes {@code 1000}; the scale given is kept otherwise. */
    static BigDecimal plain(BigDecimal value) {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }

    /** Names every null element and every element that appears twice (by {@code key}). */
    static <T> void distinct(Violations violations, String field, List<T> values, Function<? super T, ?> key) {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            T value = values.get(i);
            if (value == null) {
                violations.add(field + "[" + i + "]", "must not be null");
            }
            else if (!seen.add(key.apply(value))) {
                violations.add(field + "[" + i + "]", "'" + value + "' appears twice");
            }
        }
    }

    private FieldRules() {
    }
}
