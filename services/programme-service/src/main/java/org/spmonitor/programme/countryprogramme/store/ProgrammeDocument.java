package org.spmonitor.programme.countryprogramme.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.store.Versioned;
import org.spmonitor.programme.countryprogramme.domain.HistoryEntry;
import org.spmonitor.programme.countryprogramme.domain.Indicator;
import org.spmonitor.programme.countryprogramme.domain.Milestone;
import org.spmonitor.programme.countryprogramme.domain.Programme;
import org.spmonitor.programme.countryprogramme.domain.ProgrammeDetails;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A programme: current state, full version history and pending events, all in one document, so a
 * change, its history entry and its event are one atomic write. {@code nameKey} (unique) keeps one
 * name per country; {@code partnerKeys} serve the case-insensitive partner filter.
 */
@Document(ProgrammeDocument.COLLECTION)
class ProgrammeDocument extends OutboxDocument implements Versioned {

    static final String COLLECTION = "programmes";

    @Id
    private String id;
    private long version;
    private String nameKey;
    private List<String> partnerKeys;
    private ProgrammeDetails details;
    private List<Milestone> milestones;
    private List<Indicator> indicators;
    private Instant registeredAt;
    private String registeredBy;
    private Instant updatedAt;
    private String updatedBy;
    private List<HistoryEntry> history;

    ProgrammeDocument() {
    }

    /** The first version as the versioned writer stores it (it adds version, history and outbox). */
    ProgrammeDocument(Programme programme) {
        this.id = programme.id();
        this.version = programme.version();
        this.nameKey = programme.details().nameKey();
        this.partnerKeys = partnerKeys(programme.details());
        this.details = programme.details();
        this.milestones = programme.milestones();
        this.indicators = programme.indicators();
        this.registeredAt = programme.registeredAt();
        this.registeredBy = programme.registeredBy();
        this.updatedAt = programme.updatedAt();
        this.updatedBy = programme.updatedBy();
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getVersion() {
        return version;
    }

    static List<String> partnerKeys(ProgrammeDetails details) {
        return details.partners().stream().map(ProgrammeDocument::partnerKey).toList();
    }

    static String partnerKey(String partner) {
        return partner.toLowerCase(Locale.ROOT);
    }

    Programme toProgramme() {
        return new Programme(id, version, details, milestones, indicators, registeredAt, registeredBy, updatedAt,
                updatedBy);
    }

    List<HistoryEntry> getHistory() {
        return history == null ? List.of() : history;
    }
}
