package org.spmonitor.programme.countryprogramme.domain;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.platform.write.WriteOutcome;

/**
 * What one command decided: the programme after it, the history entry and the event to publish
 * (both null when nothing changed; the event is also null for changes no event describes), and the
 * id of the milestone or the code of the indicator it was about, if any.
 */
public record Change(Programme programme, HistoryEntry entry, DomainEvent event, WriteOutcome outcome, String about) {

    static Change unchanged(Programme programme, String about) {
        return new Change(programme, null, null, WriteOutcome.UNCHANGED, about);
    }

    public boolean changed() {
        return outcome != WriteOutcome.UNCHANGED;
    }
}
