package org.spmonitor.financing.rate.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.spmonitor.financing.figures.domain.Decimals;
import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.platform.reference.Currencies;
import org.spmonitor.platform.validation.Violations;

/** The rules for an annual average exchange rate to USD. */
public final class ExchangeRateRules {

    public static final String USD = "USD";
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;
    public static final int MAX_SOURCE_LENGTH = 200;

    /** A revision that moves the rate by more than this factor is probably the inverse rate. */
    static final BigDecimal SUSPICIOUS_FACTOR = BigDecimal.TEN;

    /**
     * Checks {@code submission}, adding each problem to {@code violations}.
     *
     * @return the valid rate (source trimmed, blank source absent), or empty when anything is wrong
     */
    public static Optional<ExchangeRate> check(RateSubmission submission, Violations violations) {
        if (submission == null) {
            violations.add("", "must be an exchange rate object");
            return Optional.empty();
        }
        int before = violations.list().size();
        String currency = submission.currency();
        if (violations.required(currency, "currency")) {
            if (USD.equals(currency)) {
                violations.add("currency", "USD needs no rate: it is 1 by definition, and USD reports are used as they are");
            }
            else {
                violations.check(Currencies.isIso4217(currency), "currency",
                        () -> "must be an ISO 4217 currency code in upper case, such as XOF or KHR; was '" + currency + "'");
            }
        }
        Integer year = submission.year();
        if (violations.required(year, "year")) {
            violations.check(year >= MIN_YEAR && year <= MAX_YEAR, "year",
                    () -> "must be a year between " + MIN_YEAR + " and " + MAX_YEAR);
        }
        Optional<BigDecimal> rate = Optional.empty();
        if (violations.required(submission.unitsPerUsd(), "unitsPerUsd")) {
            rate = Decimals.rate(submission.unitsPerUsd(), "unitsPerUsd", violations);
        }
        String source = submission.source() == null || submission.source().isBlank() ? null : submission.source().strip();
        violations.check(source == null || source.length() <= MAX_SOURCE_LENGTH, "source",
                () -> "must be at most " + MAX_SOURCE_LENGTH + " characters");
        if (violations.list().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ExchangeRate(currency, year, rate.orElseThrow(), source));
    }

    /** Warnings about a revision of {@code previous} to {@code next}: a jump by a factor of ten looks inverted. */
    public static List<Warning> revisionWarnings(Optional<BigDecimal> previous, ExchangeRate next, String field) {
        List<Warning> warnings = new ArrayList<>();
        previous.ifPresent(old -> {
            BigDecimal high = old.max(next.unitsPerUsd());
            BigDecimal low = old.min(next.unitsPerUsd());
            if (high.compareTo(low.multiply(SUSPICIOUS_FACTOR)) > 0) {
                warnings.add(new Warning(field, "changes the " + next.currency() + " " + next.year() + " rate from "
                        + old.toPlainString() + " to " + next.unitsPerUsd().toPlainString()
                        + " units per USD; check it is units of " + next.currency() + " per 1 USD, not USD per "
                        + next.currency()));
            }
        });
        return warnings;
    }

    private ExchangeRateRules() {
    }
}
