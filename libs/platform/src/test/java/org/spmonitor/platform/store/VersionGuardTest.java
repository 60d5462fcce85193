package org.spmonitor.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.SharedInfrastructure;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** Version-guarded upserts against the shared Mongo-wire server: only a newer version is written. */
class VersionGuardTest {

    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(SharedInfrastructure.mongoUri("version-guard-test"));
        mongo = new MongoTemplate(client, "version-guard-" + UUID.randomUUID());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Document stored(String id) {
        return mongo.findById(id, Document.class, "facts");
    }

    @Test
    void writesAnAbsentDocumentAndEachNewerVersion() {
        String id = "fact-" + UUID.randomUUID();

        assertThat(VersionGuard.upsertIfNewer(mongo, "facts", id, 1, new Update().set("total", 10))).isTrue();
        assertThat(VersionGuard.upsertIfNewer(mongo, "facts", id, 3, new Update().set("total", 30))).isTrue();

        assertThat(stored(id).get("version", Number.class).longValue()).isEqualTo(3);
        assertThat(stored(id).getInteger("total")).isEqualTo(30);
    }

    @Test
    void aRedeliveredOrOlderVersionChangesNothing() {
        String id = "fact-" + UUID.randomUUID();
        VersionGuard.upsertIfNewer(mongo, "facts", id, 2, new Update().set("total", 20));

        assertThat(VersionGuard.upsertIfNewer(mongo, "facts", id, 2, new Update().set("total", 99))).isFalse();
        assertThat(VersionGuard.upsertIfNewer(mongo, "facts", id, 1, new Update().set("total", 10))).isFalse();

        assertThat(stored(id).get("version", Number.class).longValue()).isEqualTo(2);
        assertThat(stored(id).getInteger("total")).isEqualTo(20);
        assertThat(mongo.getCollection("facts").countDocuments(new Document("_id", id))).isEqualTo(1);
    }
}
