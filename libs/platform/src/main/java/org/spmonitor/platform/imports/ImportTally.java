package org.spmonitor.platform.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.spmonitor.platform.validation.FieldViolation;

/**
 * Collects the outcome of an import as it streams, the same way in every service: rows received,
 * rows rejected (each violation listed with its line or value index, up to {@link #MAX_LISTED}; beyond
 * that only a count grows), what was written by outcome, and in a dry run what would change (again
 * listed up to {@link #MAX_LISTED}). Each service shapes its report from these figures.
 *
 * @param <C> how the service describes one change a dry run would make
 */
public final class ImportTally<C> {

    /** Most rejections (and dry-run changes) listed one by one in a report. */
    public static final int MAX_LISTED = 10_000;
    private static final int MAX_IGNORED_LISTED = 100;

    private final String importId;
    private final boolean dryRun;
    private long received;
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;
    private long ignored;
    private long rejectionsNotListed;
    private long changesNotListed;
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<C> changes = new ArrayList<>();
    private final Set<String> ignoredNames = new LinkedHashSet<>();

    public ImportTally(String importId, boolean dryRun) {
        this.importId = importId;
        this.dryRun = dryRun;
    }

    public void receive() {
        received++;
    }

    /** {@code count} rows read at once (an import that reads its whole file before judging it). */
    public void receive(long count) {
        received += count;
    }

    /** A value the import does not handle (a DHIS2 data element nobody mapped), listed by name. */
    public void ignore(String name) {
        ignored++;
        if (ignoredNames.size() < MAX_IGNORED_LISTED) {
            ignoredNames.add(name);
        }
    }

    /** A row or value refused with these violations (each listed). */
    public void reject(Long line, Integer value, List<FieldViolation> violations) {
        rejected++;
        for (FieldViolation violation : violations) {
            if (rejections.size() < MAX_LISTED) {
                rejections.add(new Rejection(line, value, violation.field().isEmpty() ? null : violation.field(),
                        violation.message()));
            }
            else {
                rejectionsNotListed++;
            }
        }
    }

    /**
     * One item written (or, in a dry run, that would be) with this outcome: {@code CREATED},
     * {@code UPDATED} or anything else for unchanged. In a dry run a creation or update is listed as
     * {@code change}.
     */
    public void store(Enum<?> outcome, Supplier<C> change) {
        String name = outcome.name();
        boolean changed = true;
        if ("CREATED".equals(name)) {
            created++;
        }
        else if ("UPDATED".equals(name)) {
            updated++;
        }
        else {
            unchanged++;
            changed = false;
        }
        if (dryRun && changed) {
            if (changes.size() < MAX_LISTED) {
                changes.add(change.get());
            }
            else {
                changesNotListed++;
            }
        }
    }

    public String importId() {
        return importId;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public long received() {
        return received;
    }

    public long created() {
        return created;
    }

    public long updated() {
        return updated;
    }

    public long unchanged() {
        return unchanged;
    }

    /** Items written: created + updated + unchanged. */
    public long stored() {
        return created + updated + unchanged;
    }

    public long rejected() {
        return rejected;
    }

    public long ignored() {
        return ignored;
    }

    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    public long rejectionsNotListed() {
        return rejectionsNotListed;
    }

    public List<C> changes() {
        return List.copyOf(changes);
    }

    public long changesNotListed() {
        return changesNotListed;
    }

    public List<String> ignoredNames() {
        return List.copyOf(ignoredNames);
    }
}
