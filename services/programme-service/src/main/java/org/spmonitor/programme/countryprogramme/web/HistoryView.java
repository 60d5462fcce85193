package org.spmonitor.programme.countryprogramme.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.programme.countryprogramme.domain.ChangeKind;
import org.spmonitor.programme.countryprogramme.domain.FieldChange;
import org.spmonitor.programme.countryprogramme.domain.HistoryEntry;

/** Every version of a programme, oldest first. */
@Schema(name = "ProgrammeHistory", title = "Programme history")
record HistoryView(String programmeId, long version, List<EntryView> versions) {

    static HistoryView of(String programmeId, List<HistoryEntry> entries) {
        return new HistoryView(programmeId, entries.isEmpty() ? 0 : entries.get(entries.size() - 1).version(),
                entries.stream().map(EntryView::of).toList());
    }

    @Schema(name = "ProgrammeVersion", title = "Programme version")
    record EntryView(
            long version,
            Instant at,
            @Schema(description = "Who made the change (the authenticated caller; anonymous without one)") String by,
            ChangeKind kind,
            @Schema(description = "Paths of the changed fields, e.g. status, milestones.mst-4d7h1p9z.status, "
                    + "indicators.SDG-1.3.1.results.2025") List<String> changedFields,
            @Schema(description = "Each changed field with its previous and its new value; previous is null for a value that did not exist before")
            List<FieldChange> changes) {

        static EntryView of(HistoryEntry entry) {
            return new EntryView(entry.version(), entry.at(), entry.by(), entry.kind(), entry.changedFields(),
                    entry.changes());
        }
    }
}
