package org.spmonitor.reporting.dashboard.domain;

import java.util.Collection;

/**
 * How many facts of each reviewed dataset a dashboard's figures come from, and how many of them have a
 * validated current version (ADR 0019): the counts a {@link Validation} is made of, kept in the stored
 * rollup (programme-year part, country-year node, world node, world dashboard) and summed like it.
 *
 * @param counts beneficiary count facts (one per programme, period, target group and measure), withdrawn
 *        ones left out
 * @param validatedCounts those whose current version is validated
 * @param financingReports financing reports (one per country, period and programme or whole country),
 *        withdrawn ones left out
 * @param validatedFinancingReports those whose current version is validated
 * @param indicatorResults indicator results (one per programme, indicator and period)
 * @param validatedIndicatorResults those whose current version is validated
 */
public record ValidationTally(long counts, long validatedCounts, long financingReports,
        long validatedFinancingReports, long indicatorResults, long validatedIndicatorResults) {

    public static final ValidationTally NONE = new ValidationTally(0, 0, 0, 0, 0, 0);

    public ValidationTally {
        requireShare(counts, validatedCounts, "counts");
        requireShare(financingReports, validatedFinancingReports, "financingReports");
        requireShare(indicatorResults, validatedIndicatorResults, "indicatorResults");
    }

    /** A tally of beneficiary counts and indicator results (a programme-year part has no financing of its own). */
    public static ValidationTally ofCountsAndIndicators(long counts, long validatedCounts, long indicatorResults,
            long validatedIndicatorResults) {
        return new ValidationTally(counts, validatedCounts, 0, 0, indicatorResults, validatedIndicatorResults);
    }

    /** A tally of financing reports only. */
    public static ValidationTally ofFinancing(long reports, long validatedReports) {
        return new ValidationTally(0, 0, reports, validatedReports, 0, 0);
    }

    public ValidationTally plus(ValidationTally other) {
        return new ValidationTally(counts + other.counts, validatedCounts + other.validatedCounts,
                financingReports + other.financingReports, validatedFinancingReports + other.validatedFinancingReports,
                indicatorResults + other.indicatorResults, validatedIndicatorResults + other.validatedIndicatorResults);
    }

    public static ValidationTally sum(Collection<ValidationTally> tallies) {
        return tallies.stream().reduce(NONE, ValidationTally::plus);
    }

    private static void requireShare(long facts, long validated, String dataset) {
        if (facts < 0 || validated < 0 || validated > facts) {
            throw new IllegalArgumentException(dataset + ": " + validated + " validated of " + facts);
        }
    }
}
