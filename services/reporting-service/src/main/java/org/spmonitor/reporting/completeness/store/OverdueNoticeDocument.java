package org.spmonitor.reporting.completeness.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxEvent;
import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * That a programme's dataset for a period was found overdue, and the ReportingPeriodOverdue it emits
 * through its outbox (ADR 0005): one document, {@code _id} {@code <programmeId>/<period>/<dataset>}, so
 * the event is published once whatever instance or check finds it first. Outside the read-model
 * generations: a replay does not announce a period again. Its fields are for operators reading the
 * collection; the code reads only its id and version.
 */
@Document(OverdueNoticeDocument.COLLECTION)
public class OverdueNoticeDocument extends OutboxDocument implements Versioned {

    public static final String COLLECTION = "completeness_overdue_notices";

    @Id
    private String id;
    private long version;
    private String country;
    private LocalDate dueDate;
    private List<String> missing;
    private Instant foundAt;

    protected OverdueNoticeDocument() {
    }

    OverdueNoticeDocument(String id, String country, LocalDate dueDate, List<String> missing, Instant foundAt) {
        super(List.<OutboxEvent>of(), foundAt);
        this.id = id;
        this.country = country;
        this.dueDate = dueDate;
        this.missing = List.copyOf(missing);
        this.foundAt = foundAt;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getVersion() {
        return version;
    }
}
