package org.spmonitor.local.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * What the parts of the stack allow without spmonitor in between, measured on the running stack's own
 * broker and Mongo-wire server: a plain Kafka producer and consumer of small records on a scratch topic,
 * and bulk upserts by {@code _id} through the MongoDB driver into a scratch database. Both are deleted
 * afterwards.
 */
final class RawLimits {

    /** Partitions of the scratch topic: the broker's default ({@code num.partitions=3}), as the stack's topics. */
    static final int PARTITIONS = 3;
    static final int RECORD_BYTES = 200;
    static final int BULK = 1_000;

    private RawLimits() {
    }

    /** The producer settings of both the raw measurement and the fact load, so their rates compare. */
    static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sent and consumed records per second. */
    record KafkaRates(long records, double produceSeconds, double consumeSeconds) {

        double producePerSecond() {
            return records / produceSeconds;
        }

        double consumePerSecond() {
            return records / consumeSeconds;
        }
    }

    static KafkaRates kafka(String bootstrapServers, Admin admin, int records, PrintStream out) throws Exception {
        String topic = "bench.raw-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try {
            byte[] value = new byte[RECORD_BYTES];
            Arrays.fill(value, (byte) 'x');
            String[] keys = {"KHM", "SEN", "KEN", "UGA", "PER", "NPL", "GHA", "MOZ"};
            AtomicLong failed = new AtomicLong();
            AtomicReference<Exception> failure = new AtomicReference<>();
            long start;
            try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
                producer.partitionsFor(topic); // metadata first: the clock measures sending only
                start = System.nanoTime();
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic, keys[i % keys.length], value), (metadata, ex) -> {
                        if (ex != null) {
                            failed.incrementAndGet();
                            failure.set(ex);
                        }
                    });
                }
                producer.flush();
            }
            double produced = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " raw records were not sent", failure.get());
            }
            long consumed = 0;
            long consumeStart = System.nanoTime();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (consumed < records) {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                    consumed += batch.count();
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("read only " + consumed + " of " + records + " raw records");
                    }
                }
            }
            double consumedSeconds = (System.nanoTime() - consumeStart) / 1e9;
            KafkaRates rates = new KafkaRates(records, produced, consumedSeconds);
            out.printf(Locale.ROOT, "  Kafka, %,d records of %d bytes (key 3 bytes) on a scratch topic of %d partitions: "
                    + "produced in %.1f s = %,.0f records/s (acks=all, idempotent, linger 10 ms, batch 256 KiB); "
                    + "consumed in %.1f s = %,.0f records/s (one consumer, max.poll.records 1000)%n", records,
                    RECORD_BYTES, PARTITIONS, produced, rates.producePerSecond(), consumedSeconds,
                    rates.consumePerSecond());
            return rates;
        }
        finally {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Bulk upserts by {@code _id} per second. */
    static double mongo(String mongoUri, int documents, PrintStream out) {
        String database = "bench-scratch-" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase db = mongo.getDatabase(database);
            try {
                db.createCollection("upserts"); // connected, and the collection made: the clock measures upserts only
                MongoCollection<Document> collection = db.getCollection("upserts");
                UpdateOptions upsert = new UpdateOptions().upsert(true);
                long upserted = 0;
                long start = System.nanoTime();
                for (int from = 0; from < documents; from += BULK) {
                    List<WriteModel<Document>> bulk = new ArrayList<>(BULK);
                    for (int i = from; i < Math.min(documents, from + BULK); i++) {
                        bulk.add(new UpdateOneModel<>(Filters.eq("_id", "doc-" + i), Updates.combine(
                                Updates.set("country", "KHM"), Updates.set("year", 2025),
                                Updates.set("total", (long) i * 7), Updates.set("note", "n".repeat(64))),
                                upsert));
                    }
                    upserted += collection.bulkWrite(bulk, new BulkWriteOptions().ordered(false)).getUpserts().size();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (upserted != documents) {
                    throw new IllegalStateException("upserted " + upserted + " of " + documents + " documents");
                }
                out.printf(Locale.ROOT, "  Mongo-wire server, %,d bulk upserts by _id (bulks of %,d, unordered; documents of "
                        + "about %d bytes) into a scratch database: %.1f s = %,.0f upserts/s%n", documents, BULK,
                        new Document("_id", "doc-00000").append("country", "KHM").append("year", 2025)
                                .append("total", 7L).append("note", "n".repeat(64)).toJson()
                                .getBytes(StandardCharsets.UTF_8).length, seconds, documents / seconds);
                return documents / seconds;
            }
            finally {
                db.drop();
            }
        }
    }
}
