package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Annual average exchange rates as units of a currency per US dollar, by currency and year. USD is
 * always 1. A rate that was never published is absent: amounts in that currency and year have no
 * USD value.
 */
public final class ExchangeRates {

    private final Map<String, BigDecimal> unitsPerUsd = new TreeMap<>();

    public static ExchangeRates none() {
        return new ExchangeRates();
    }

    public ExchangeRates with(String currency, int year, BigDecimal rate) {
        unitsPerUsd.put(key(currency, year), rate);
        return this;
    }

    public Optional<BigDecimal> unitsPerUsd(String currency, int year) {
        if ("USD".equals(currency)) {
            return Optional.of(BigDecimal.ONE);
        }
        BigDecimal rate = unitsPerUsd.get(key(currency, year));
        return rate == null || rate.signum() <= 0 ? Optional.empty() : Optional.of(rate);
    }

    private static String key(String currency, int year) {
        return currency + "/" + year;
    }
}
