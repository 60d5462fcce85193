package org.spmonitor.reporting.completeness.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.spmonitor.events.reporting.ReportingPeriodOverdue;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.store.VersionedWriter.Decision;
import org.spmonitor.platform.store.VersionedWriter.Item;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The overdue notices (ADR 0020), written through the one versioned write path (ADR 0005): a notice is
 * created once, with its ReportingPeriodOverdue in its outbox; one that exists is left unchanged.
 */
@Repository
public class OverdueNotices {

    private final VersionedWriter<OverdueNoticeDocument> writer;

    public OverdueNotices(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.writer = new VersionedWriter<>(mongo, codec, relay, OverdueNoticeDocument.class,
                OverdueNoticeDocument.COLLECTION);
    }

    /** The id of the notice of an event: {@code <programmeId>/<period>/<dataset>}, its CloudEvents subject. */
    public static String id(ReportingPeriodOverdue event) {
        return event.subject();
    }

    /**
     * Records every event whose notice does not exist yet, in one bulk write (one {@code _id $in} read);
     * returns how many were new, and so will be published.
     */
    public int record(List<ReportingPeriodOverdue> events, Instant foundAt) {
        List<Item<OverdueNoticeDocument, Boolean>> items = new ArrayList<>();
        for (ReportingPeriodOverdue event : events) {
            items.add(new Item<>(id(event), (current, now) -> current != null ? Decision.unchanged(false)
                    : Decision.create(new OverdueNoticeDocument(id(event), event.country(), event.dueDate(),
                            event.missing(), foundAt), null, List.of(event), true)));
        }
        return (int) writer.writeAll(items, false).stream().filter(Boolean::booleanValue).count();
    }
}
