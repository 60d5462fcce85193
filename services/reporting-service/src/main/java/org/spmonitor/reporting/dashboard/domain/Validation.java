package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * Which figures a dashboard holds (ADR 0019) and how much of them is validated.
 *
 * @param view {@code all} (every accepted figure, the default) or {@code validated} (the last validated
 *        version of each fact only, rolled up by the same rules)
 * @param facts the beneficiary count facts the dashboard's figures come from (one per programme, period,
 *        target group and measure; withdrawn ones left out)
 * @param validatedFacts those whose current version is validated
 * @param validatedShare {@code validatedFacts / facts} as a fraction with 4 decimals; null (missing)
 *        when there are no facts
 */
public record Validation(String view, long facts, long validatedFacts, BigDecimal validatedShare) {

    public static final String ALL = "all";
    public static final String VALIDATED = "validated";

    public static Validation of(String view, long facts, long validatedFacts) {
        return new Validation(view, facts, validatedFacts, facts == 0 ? null
                : BigDecimal.valueOf(validatedFacts).divide(BigDecimal.valueOf(facts), 4, RoundingMode.HALF_EVEN));
    }

    /** The view a {@code validation} parameter names: {@code all} when absent; empty when it names none. */
    public static Optional<String> view(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Optional.of(ALL);
        }
        String view = parameter.strip().toLowerCase(Locale.ROOT);
        return view.equals(ALL) || view.equals(VALIDATED) ? Optional.of(view) : Optional.empty();
    }

    public boolean validatedOnly() {
        return VALIDATED.equals(view);
    }
}
