package org.spmonitor.programme.countryprogramme.domain;

import java.time.Instant;
import java.util.List;

/** One version of a programme: what changed (with the previous values), when, and by whom. */
public record HistoryEntry(long version, Instant at, String by, ChangeKind kind, List<FieldChange> changes) {

    public HistoryEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The paths of the changed fields, in order. */
    public List<String> changedFields() {
        return changes.stream().map(FieldChange::field).toList();
    }
}
