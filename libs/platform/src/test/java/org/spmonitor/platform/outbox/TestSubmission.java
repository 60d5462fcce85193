package org.spmonitor.platform.outbox;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A submission document of a test service, carrying its events like every real one. */
@Document(TestSubmission.COLLECTION)
public class TestSubmission extends OutboxDocument {

    public static final String COLLECTION = "test_submissions";

    @Id
    private String id;

    private long version;

    TestSubmission() {
    }

    public TestSubmission(String id, OutboxEvent event, Instant now) {
        super(List.of(event), now);
        this.id = id;
        this.version = 1;
    }

    public String getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }
}
