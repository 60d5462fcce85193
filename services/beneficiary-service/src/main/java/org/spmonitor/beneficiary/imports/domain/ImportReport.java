package org.spmonitor.beneficiary.imports.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.platform.imports.ImportTally;
import org.spmonitor.platform.imports.Rejection;

/**
 * What an import did (or, in a dry run, would do), shaped from the platform's {@link ImportTally}.
 * {@code received} counts the rows (CSV) or data values (DHIS2) read; each rejected one is listed with
 * its line or value index, field and reason, up to {@link ImportTally#MAX_LISTED}; beyond that only the
 * count grows. {@code changes} (dry runs only) lists the counts that would be created or updated.
 * {@code withdrawals} (DHIS2 only) lists the counts that values marked {@code deleted} withdraw (or in a
 * dry run would: {@code WITHDRAW}), were already withdrawn ({@code UNCHANGED}) or that do not exist
 * ({@code NOTHING_TO_WITHDRAW}); {@code withdrawn} counts the first kind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String importId, String format, boolean dryRun, long received, long counts, long created,
        long updated, long unchanged, long rejected, Long ignored, List<Rejection> rejections,
        long rejectionsNotListed, List<Change> changes, Long changesNotListed, List<String> ignoredDataElements,
        Long withdrawn, List<Withdrawal> withdrawals) {

    /** The report of an import of {@code format} ({@code csv} or {@code dhis2}). */
    public static ImportReport of(ImportTally<Change> tally, String format) {
        return of(tally, format, null);
    }

    /** The report of a DHIS2 import that also withdrew counts ({@code null} for a CSV import). */
    public static ImportReport of(ImportTally<Change> tally, String format, List<Withdrawal> withdrawals) {
        boolean dhis2 = "dhis2".equals(format);
        return new ImportReport(tally.importId(), format, tally.dryRun(), tally.received(), tally.stored(),
                tally.created(), tally.updated(), tally.unchanged(), tally.rejected(), dhis2 ? tally.ignored() : null,
                tally.rejections(), tally.rejectionsNotListed(), tally.dryRun() ? tally.changes() : null,
                tally.dryRun() ? tally.changesNotListed() : null, dhis2 ? tally.ignoredNames() : null,
                withdrawals == null ? null : withdrawals.stream().filter(Withdrawal::withdraws).count(),
                withdrawals == null ? null : List.copyOf(withdrawals));
    }

    /** A count a dry run would create or update. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Long line, Integer value, String countId, String outcome, long version) {
    }

    /**
     * A count that DHIS2 values marked {@code deleted} withdraw: {@code value} is the index of the first,
     * {@code count} names it (programme, period, target group, measure), {@code version} is the count's
     * version after the withdrawal (none when there is no such count).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Withdrawal(int value, String countId, String count, String outcome, Long version) {

        public static final String WITHDRAW = "WITHDRAW";
        public static final String NOTHING_TO_WITHDRAW = "NOTHING_TO_WITHDRAW";

        boolean withdraws() {
            return WITHDRAW.equals(outcome) || "WITHDRAWN".equals(outcome);
        }
    }
}
