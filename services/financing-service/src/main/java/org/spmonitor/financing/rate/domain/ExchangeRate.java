package org.spmonitor.financing.rate.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The annual average exchange rate of {@code currency} in {@code year}, as {@code unitsPerUsd}: how
 * many units of the currency buy one US dollar (XOF 601.2350 means 1 USD = 601.2350 XOF). A USD
 * amount is the local amount divided by this rate. USD itself has no rate: it is 1 by definition.
 */
public record ExchangeRate(String currency, int year, BigDecimal unitsPerUsd, String source) {

    /** The stable id of (currency, year), e.g. {@code XOF-2025}. */
    public String id() {
        return id(currency, year);
    }

    public static String id(String currency, int year) {
        return currency + "-" + year;
    }

    /** Same value (as a number: {@code 601.235} equals {@code 601.2350}) and same source. */
    public boolean sameAs(ExchangeRate other) {
        return currency.equals(other.currency) && year == other.year
                && unitsPerUsd.compareTo(other.unitsPerUsd) == 0 && Objects.equals(source, other.source);
    }
}
