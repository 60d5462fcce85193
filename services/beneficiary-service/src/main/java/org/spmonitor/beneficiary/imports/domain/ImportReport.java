package org.spmonitor.beneficiary.imports.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an import did (or, in a dry run, would do). {@code received} counts the rows (CSV) or data
 * values (DHIS2) read; each rejected one is listed with its line or value index, field and reason, up
 * to {@link ImportTally#MAX_LISTED}; beyond that only the count grows. {@code changes} (dry runs only)
 * lists the counts that would be created or updated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String importId, String format, boolean dryRun, long received, long counts, long created,
        long updated, long unchanged, long rejected, Long ignored, List<Rejection> rejections,
        long rejectionsNotListed, List<Change> changes, Long changesNotListed, List<String> ignoredDataElements) {

    /**
     * One refusal. {@code line} is the CSV line (1 is the header); {@code value} the 0-based index in
     * the DHIS2 {@code dataValues} array; {@code field} the column or JSON field at fault, absent when
     * the whole row is.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(Long line, Integer value, String field, String message) {
    }

    /** A count a dry run would create or update. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Long line, Integer value, String countId, String outcome, long version) {
    }
}
