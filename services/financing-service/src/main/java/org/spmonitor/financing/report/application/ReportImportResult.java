package org.spmonitor.financing.report.application;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.platform.imports.ImportTally;
import org.spmonitor.platform.imports.Rejection;

/**
 * What a CSV import of report lines did (or, in a dry run, would do), in the shape of every import
 * report: {@code received} rows; {@code reports} assembled from the accepted rows and written
 * (created + updated + unchanged); {@code rejected} rows, each listed with its line, field and reason
 * (up to {@link ImportTally#MAX_LISTED}); in a dry run, {@code changes}: the reports that would be
 * created or updated, with the lines they come from.
 */
@Schema(name = "FinancingReportImport")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportImportResult(String importId, String format, boolean dryRun, long received, long reports,
        long created, long updated, long unchanged, long rejected, List<Rejection> rejections,
        long rejectionsNotListed, List<Change> changes, Long changesNotListed) {

    /** A report a dry run would create or update, and the file lines it is made of. */
    @Schema(name = "FinancingReportImportChange")
    public record Change(List<Long> lines, String reportId, String outcome, long version) {
    }

    static ReportImportResult of(ImportTally<Change> tally) {
        return new ReportImportResult(tally.importId(), "csv", tally.dryRun(), tally.received(), tally.stored(),
                tally.created(), tally.updated(), tally.unchanged(), tally.rejected(), tally.rejections(),
                tally.rejectionsNotListed(), tally.dryRun() ? tally.changes() : null,
                tally.dryRun() ? tally.changesNotListed() : null);
    }
}
