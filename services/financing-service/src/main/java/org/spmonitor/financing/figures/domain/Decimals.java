package org.spmonitor.financing.figures.domain;

import java.math.BigDecimal;
import java.util.Optional;

import org.spmonitor.platform.validation.Violations;

/**
 * The rules for decimal amounts and rates. Values arrive as {@link BigDecimal} parsed from the JSON
 * text (never through {@code double}); these checks bound their sign, scale and magnitude without ever
 * expanding them (a value such as {@code 1E+999999999} is refused, not printed).
 */
public final class Decimals {

    /** Money amounts: at most 4 decimal places (trailing zeros beyond do not count). */
    public static final int AMOUNT_MAX_SCALE = 4;

    /** Money amounts: below 10^20 units of the currency, enough for any GDP in any currency. */
    public static final int AMOUNT_MAX_INTEGER_DIGITS = 20;

    /** Exchange rates: at most 10 decimal places. */
    public static final int RATE_MAX_SCALE = 10;

    /** Exchange rates: below 10^12 units per USD. */
    public static final int RATE_MAX_INTEGER_DIGITS = 12;

    /** A money amount that may be zero. Returns it normalised (no negative scale), or empty when refused. */
    public static Optional<BigDecimal> amount(BigDecimal value, String field, Violations violations) {
        return check(value, false, AMOUNT_MAX_SCALE, AMOUNT_MAX_INTEGER_DIGITS, field, violations);
    }

    /** A money amount that must be above zero (a denominator such as GDP). */
    public static Optional<BigDecimal> positiveAmount(BigDecimal value, String field, Violations violations) {
        return check(value, true, AMOUNT_MAX_SCALE, AMOUNT_MAX_INTEGER_DIGITS, field, violations);
    }

    /** An exchange rate: above zero, at most {@value #RATE_MAX_SCALE} decimal places. */
    public static Optional<BigDecimal> rate(BigDecimal value, String field, Violations violations) {
        return check(value, true, RATE_MAX_SCALE, RATE_MAX_INTEGER_DIGITS, field, violations);
    }

    static Optional<BigDecimal> check(BigDecimal value, boolean positive, int maxScale, int maxIntegerDigits,
            String field, Violations violations) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.signum() < 0) {
            violations.add(field, positive ? "must be greater than 0" : "must be 0 or more");
            return Optional.empty();
        }
        if (positive && value.signum() == 0) {
            violations.add(field, "must be greater than 0");
            return Optional.empty();
        }
        BigDecimal significant = value.stripTrailingZeros();
        if (significant.scale() > maxScale) {
            violations.add(field, "has " + significant.scale() + " decimal places; at most " + maxScale
                    + " are allowed (round it in your source system)");
            return Optional.empty();
        }
        long integerDigits = (long) significant.precision() - significant.scale();
        if (integerDigits > maxIntegerDigits) {
            violations.add(field, "must be less than 10^" + maxIntegerDigits);
            return Optional.empty();
        }
        if (value.scale() < 0) {
            return Optional.of(value.setScale(0));
        }
        if (value.scale() > maxScale) {
            return Optional.of(value.setScale(maxScale)); // exact: only trailing zeros go
        }
        return Optional.of(value);
    }

    /** Parses a decimal in plain notation ({@code 601.2350}, no exponent, no grouping), as a CSV cell holds it. */
    public static Optional<BigDecimal> parsePlain(String text) {
        if (text == null || !text.matches("-?[0-9]{1,40}(\\.[0-9]{1,40})?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }

    private Decimals() {
    }
}
