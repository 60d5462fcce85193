package org.spmonitor.platform.reference;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** ISO 4217 currency codes, as the JDK knows them. */
public final class Currencies {

    private static final Set<String> ISO4217 = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    public static boolean isIso4217(String code) {
        return code != null && ISO4217.contains(code);
    }

    private Currencies() {
    }
}
