package org.spmonitor.programme.countryprogramme.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxEvent;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A programme: current state, version history and pending events, all in one document. */
@Document(ProgrammeDocument.COLLECTION)
public class ProgrammeDocument extends OutboxDocument {

    public static final String COLLECTION = "programmes";

    @Id
    private String id;

    private long version;

    private ProgrammeDetails details;

    private List<ProgrammeChange> history;

    ProgrammeDocument() {
    }

    ProgrammeDocument(Programme programme, ProgrammeChange change, OutboxEvent event) {
        super(List.of(event), change.at());
        this.id = programme.id();
        this.version = programme.version();
        this.details = programme.details();
        this.history = List.of(change);
    }

    public Programme toProgramme() {
        return new Programme(id, version, details);
    }

    public List<ProgrammeChange> getHistory() {
        return history;
    }

    /** One entry of the version history: what changed, when, by whom. */
    public record ProgrammeChange(long version, Instant at, String by, String kind, List<String> changedFields) {
    }
}
