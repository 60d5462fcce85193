package org.spmonitor.platform.reference;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-3 country codes, as the JDK knows them. */
public final class Countries {

    private static final Set<String> ISO3 = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));

    public static boolean isIso3(String code) {
        return code != null && ISO3.contains(code);
    }

    private Countries() {
    }
}
