package org.spmonitor.beneficiary.imports.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.write.WriteOutcome;

/** Collects the outcome of an import as it streams, holding at most {@link #MAX_LISTED} details. */
public final class ImportTally {

    /** Most rejections (and dry-run changes) listed one by one in a report. */
    public static final int MAX_LISTED = 10_000;
    private static final int MAX_IGNORED_LISTED = 100;

    private final String importId;
    private final String format;
    private final boolean dryRun;
    private long received;
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;
    private long ignored;
    private long rejectionsNotListed;
    private long changesNotListed;
    private final List<ImportReport.Rejection> rejections = new ArrayList<>();
    private final List<ImportReport.Change> changes = new ArrayList<>();
    private final Set<String> ignoredDataElements = new LinkedHashSet<>();

    public ImportTally(String importId, String format, boolean dryRun) {
        this.importId = importId;
        this.format = format;
        this.dryRun = dryRun;
    }

    public void received() {
        received++;
    }

    public void ignored(String dataElement) {
        ignored++;
        if (ignoredDataElements.size() < MAX_IGNORED_LISTED) {
            ignoredDataElements.add(dataElement);
        }
    }

    /** A row or value refused with these violations (each listed). */
    public void rejected(Long line, Integer value, List<FieldViolation> violations) {
        rejected++;
        for (FieldViolation violation : violations) {
            if (rejections.size() < MAX_LISTED) {
                rejections.add(new ImportReport.Rejection(line, value,
                        violation.field().isEmpty() ? null : violation.field(), violation.message()));
            }
            else {
                rejectionsNotListed++;
            }
        }
    }

    public void stored(Long line, Integer value, String countId, WriteOutcome outcome, long version) {
        switch (outcome) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            default -> unchanged++;
        }
        if (dryRun && outcome != WriteOutcome.UNCHANGED) {
            if (changes.size() < MAX_LISTED) {
                changes.add(new ImportReport.Change(line, value, countId, outcome.name(), version));
            }
            else {
                changesNotListed++;
            }
        }
    }

    public boolean dryRun() {
        return dryRun;
    }

    public ImportReport report(boolean dhis2) {
        return new ImportReport(importId, format, dryRun, received, created + updated + unchanged, created, updated,
                unchanged, rejected, dhis2 ? ignored : null, List.copyOf(rejections), rejectionsNotListed,
                dryRun ? List.copyOf(changes) : null, dryRun ? changesNotListed : null,
                dhis2 ? List.copyOf(ignoredDataElements) : null);
    }
}
