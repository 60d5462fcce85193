package org.spmonitor.reporting.dashboard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * Which figures a dashboard holds (ADR 0019) and how much of them is validated, per dataset and over all.
 * The first four fields are about beneficiary counts, as they were before the other datasets were added.
 *
 * @param view {@code all} (every accepted figure, the default) or {@code validated} (the last validated
 *        version of each fact only, rolled up by the same rules)
 * @param facts the beneficiary count facts the dashboard's figures come from (one per programme, period,
 *        target group and measure; withdrawn ones left out); the same as
 *        {@code byDataset.beneficiaryCounts.facts}
 * @param validatedFacts those whose current version is validated
 * @param validatedShare {@code validatedFacts / facts} as a fraction with 4 decimals; null (missing)
 *        when there are no facts
 * @param byDataset the same for beneficiary counts, financing reports and indicator results
 * @param overall the same over the three datasets together: a ratio of the sums, never an average of the
 *        shares
 */
public record Validation(String view, long facts, long validatedFacts, BigDecimal validatedShare, Datasets byDataset,
        Share overall) {

    public static final String ALL = "all";
    public static final String VALIDATED = "validated";

    /**
     * How many facts of one dataset (or of all) the figures come from, how many are validated, and the
     * share validated (4 decimals; null when there are no facts).
     */
    public record Share(long facts, long validatedFacts, BigDecimal validatedShare) {

        public static Share of(long facts, long validatedFacts) {
            return new Share(facts, validatedFacts, facts == 0 ? null
                    : BigDecimal.valueOf(validatedFacts).divide(BigDecimal.valueOf(facts), 4, RoundingMode.HALF_EVEN));
        }
    }

    /** The share of each reviewed dataset. */
    public record Datasets(Share beneficiaryCounts, Share financingReports, Share indicatorResults) {
    }

    /** The validation of a view over the facts a tally counts. */
    public static Validation of(String view, ValidationTally tally) {
        Share counts = Share.of(tally.counts(), tally.validatedCounts());
        Share overall = Share.of(tally.counts() + tally.financingReports() + tally.indicatorResults(),
                tally.validatedCounts() + tally.validatedFinancingReports() + tally.validatedIndicatorResults());
        return new Validation(view, counts.facts(), counts.validatedFacts(), counts.validatedShare(),
                new Datasets(counts, Share.of(tally.financingReports(), tally.validatedFinancingReports()),
                        Share.of(tally.indicatorResults(), tally.validatedIndicatorResults())),
                overall);
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
