package org.spmonitor.platform.events;

import org.spmonitor.events.CloudEventHeaders;

/**
 * Who caused an event and through which channel, published with it as CloudEvents extension headers
 * ({@link CloudEventHeaders#ACTOR}, {@link CloudEventHeaders#CHANNEL}, {@link CloudEventHeaders#CHANNEL_REF},
 * {@link CloudEventHeaders#SOURCE_RECORD}). Taken when the outbox records the event (ADR 0021); any
 * part may be null.
 *
 * @param actor the caller (token subject, validator, or submitting system)
 * @param channel {@code api}, {@code api-batch}, {@code import-csv}, {@code import-dhis2}, {@code kafka}
 * @param reference the import id, or the inbound record's {@code ce_id}
 * @param sourceRecord for Kafka intake, the inbound record's {@code topic/partition/offset}
 */
public record EventOrigin(String actor, String channel, String reference, String sourceRecord) {

    /** A single REST request. */
    public static final String API = "api";
    /** A REST request carrying many items (a batch, a bulk review). */
    public static final String API_BATCH = "api-batch";
    /** A CSV import; the reference is its import id. */
    public static final String IMPORT_CSV = "import-csv";

    /** Whether it says anything at all. */
    public boolean isEmpty() {
        return actor == null && channel == null && reference == null && sourceRecord == null;
    }
}
