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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String importId, String format, boolean dryRun, long received, long counts, long created,
        long updated, long unchanged, long rejected, Long ignored, List<Rejection> rejections,
        long rejectionsNotListed, List<Change> changes, Long changesNotListed, List<String> ignoredDataElements) {

    /** The report of an import of {@code format} ({@code csv} or {@code dhis2}). */
    public static ImportReport of(ImportTally<Change> tally, String format) {
        boolean dhis2 = "dhis2".equals(format);
        return new ImportReport(tally.importId(), format, tally.dryRun(), tally.received(), tally.stored(),
                tally.created(), tally.updated(), tally.unchanged(), tally.rejected(), dhis2 ? tally.ignored() : null,
                tally.rejections(), tally.rejectionsNotListed(), tally.dryRun() ? tally.changes() : null,
                tally.dryRun() ? tally.changesNotListed() : null, dhis2 ? tally.ignoredNames() : null);
    }

    /** A count a dry run would create or update. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Long line, Integer value, String countId, String outcome, long version) {
    }
}
