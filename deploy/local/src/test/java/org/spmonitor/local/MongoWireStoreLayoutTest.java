package org.spmonitor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Mongo-wire server keeps documents and index keys as BSON ({@link StoreDataType}): what is
 * written reads back equal, unique indexes still refuse duplicates, and a store written by the
 * earlier layout (Java serialisation) is converted on start without losing a document.
 */
class MongoWireStoreLayoutTest {

    @TempDir
    Path data;

    @Test
    void documentsAndIndexKeysRoundTripAndStayUniqueAcrossARestart() {
        Date at = Date.from(Instant.parse("2026-11-28T03:00:00Z"));
        try (MongoWireServer server = MongoWireServer.start(data, Ports.anyFree());
                MongoClient client = MongoClients.create(server.uri())) {
            MongoCollection<Document> counts = client.getDatabase("beneficiary").getCollection("counts");
            counts.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                documents.add(new Document("_id", "KHM-" + i).append("version", (long) i % 7).append("at", at)
                        .append("current", new Document("total", i).append("sex", List.of(1.5, "f", true)))
                        .append("history", List.of(new Document("version", 1).append("by", "demo-admin"))));
            }
            counts.insertMany(documents);
            counts.updateOne(Filters.and(Filters.eq("_id", "KHM-7"), Filters.eq("version", 0L)),
                    Updates.set("version", 1L));
        }
        try (MongoWireServer server = MongoWireServer.start(data, Ports.anyFree());
                MongoClient client = MongoClients.create(server.uri())) {
            MongoCollection<Document> counts = client.getDatabase("beneficiary").getCollection("counts");
            assertThat(counts.countDocuments()).isEqualTo(2_000);
            Document one = counts.find(Filters.eq("_id", "KHM-1234")).first();
            assertThat(one).isNotNull();
            assertThat(one.getLong("version")).isEqualTo(1234L % 7);
            assertThat(one.getDate("at")).isEqualTo(at);
            assertThat(one.get("current", Document.class).getList("sex", Object.class)).containsExactly(1.5, "f", true);
            assertThat(counts.find(Filters.eq("_id", "KHM-7")).first().getLong("version")).isEqualTo(1L);
            assertThat(counts.find(Filters.gte("_id", "KHM-998")).sort(Sorts.ascending("_id")).map(d -> d.getString("_id"))
                    .into(new ArrayList<>())).containsExactly("KHM-998", "KHM-999");

            assertThatThrownBy(() -> counts.insertOne(new Document("_id", "KHM-5")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            ex -> assertThat(ex.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }
    }

    @Test
    void aStoreOfTheEarlierLayoutIsConvertedOnStartWithEveryDocumentAndIndex() throws Exception {
        Path file = data.resolve(MongoWireServer.STORE_FILE);
        H2Backend earlier = new H2Backend(file.toString());
        MongoServer plain = new MongoServer(earlier);
        int port = Ports.anyFree();
        plain.bind(Ports.HOST, port);
        try (MongoClient client = MongoClients.create("mongodb://" + Ports.HOST + ":" + port)) {
            MongoCollection<Document> reports = client.getDatabase("financing").getCollection("reports");
            reports.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                documents.add(new Document("_id", "SEN-" + i).append("version", 1L).append("amount", i * 10.0));
            }
            reports.insertMany(documents);
        }
        finally {
            plain.shutdownNow();
        }

        try (MongoWireServer server = MongoWireServer.start(data, Ports.anyFree());
                MongoClient client = MongoClients.create(server.uri())) {
            MongoCollection<Document> reports = client.getDatabase("financing").getCollection("reports");
            assertThat(reports.countDocuments()).isEqualTo(500);
            assertThat(reports.find(Filters.eq("_id", "SEN-321")).first().getDouble("amount")).isEqualTo(3210.0);
            assertThatThrownBy(() -> reports.insertOne(new Document("_id", "SEN-9").append("version", 1L)))
                    .isInstanceOf(MongoWriteException.class);
            reports.insertOne(new Document("_id", "SEN-500").append("version", 1L));
            assertThat(reports.countDocuments()).isEqualTo(501);
        }
        try (java.util.stream.Stream<Path> files = Files.list(data)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(MongoWireServer.STORE_FILE);
        }
    }

    @Test
    void indexKeysAreOrderedValueByValueInMongoOrder() {
        StoreDataType type = new StoreDataType();
        assertThat(type.compare(new KeyValue("KHM-2", 1L), new KeyValue("KHM-10", 1L))).isPositive();
        assertThat(type.compare(new KeyValue("KHM-2", 1L), new KeyValue("KHM-2", 2L))).isNegative();
        assertThat(type.compare(new KeyValue("KHM-2", 1L), new KeyValue("KHM-2", 1.0))).isZero();
        assertThat(type.compare(new KeyValue("KHM-2"), new KeyValue("KHM-2", 1L))).isNegative();
        try (MVStore store = new MVStore.Builder().open()) {
            MVMap<Object, Object> map = StoreDataType.openMap(store, "keys");
            map.put(new KeyValue("b", 2L), "second");
            map.put(new KeyValue("a", 9L), "first");
            assertThat(map.get(new KeyValue("a", 9L))).isEqualTo("first");
            assertThat(map.firstKey()).isEqualTo(new KeyValue("a", 9L));
        }
    }

}
