package org.spmonitor.platform.outbox;

import java.time.Instant;
import java.util.List;

import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A submission document of a test service, carrying its events like every real one. */
@Document(TestSubmission.COLLECTION)
public class TestSubmission extends OutboxDocument implements Versioned {

    public static final String COLLECTION = "test_submissions";

    @Id
    private String id;

    private long version;

    private long value;

    private List<Entry> history;

    TestSubmission() {
    }

    /** The first state of a submission written through the versioned writer. */
    public TestSubmission(String id, long value) {
        this.id = id;
        this.value = value;
    }

    /** A submission as a writer without hints (older code) left it: for the relay's cold path. */
    public TestSubmission(String id, OutboxEvent event, Instant now) {
        super(List.of(event), now);
        this.id = id;
        this.version = 1;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getVersion() {
        return version;
    }

    public long getValue() {
        return value;
    }

    public List<Entry> getHistory() {
        return history == null ? List.of() : history;
    }

    /** One history entry: the version and the value it set. */
    public record Entry(long version, long value) {
    }
}
