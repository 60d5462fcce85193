package org.spmonitor.reporting.dashboard.store;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.spmonitor.platform.store.VersionedWriter;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Conditional writes of read-model documents by {@code _id} and {@code version} (ADR 0012): a document
 * read at version {@code v} is replaced only if it is still at {@code v} (filter {@code {_id, version: v}},
 * the unique {@code id_version} index of the collection), and written with a higher version; a
 * document that was not there is inserted, and a duplicate {@code _id} means another writer was first.
 * Either way a write that did not apply is a {@link WriteConflictException}: the caller reads again
 * and recomputes. One unordered bulk per collection.
 */
final class GuardedWrites {

    /** A document to write, the version it was read at, and whether it was stored at all. */
    record Guarded(Document document, long readVersion, boolean stored) {
    }

    private GuardedWrites() {
    }

    /** The index that lets the Mongo-wire server find {@code {_id, version}} without a scan. */
    static void ensureIndex(MongoTemplate mongo, String collection) {
        VersionedWriter.ensureIndex(mongo, collection);
    }

    /**
     * The filter of a document read at {@code version}: documents written before version guards (no
     * {@code version} field, read as 0) are matched by the field's absence.
     */
    static Bson guard(Object id, long version) {
        // a plain {_id, version} document (not $and): the shape the id_version index answers
        return new Document("_id", id).append("version", version == 0 ? null : version);
    }

    /**
     * Writes every document under its guard.
     *
     * @throws WriteConflictException when any of them was changed or created by another writer meanwhile
     *         (the others are written)
     */
    static void write(MongoTemplate mongo, String collection, List<Guarded> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        int replacements = 0;
        for (Guarded g : documents) {
            if (g.stored()) {
                writes.add(new ReplaceOneModel<>(guard(g.document().get("_id"), g.readVersion()), g.document()));
                replacements++;
            }
            else {
                writes.add(new InsertOneModel<>(g.document()));
            }
        }
        apply(mongo, collection, writes, replacements);
    }

    /** Runs conditional writes (updates or replacements by guard, and inserts); see {@link #write}. */
    static void apply(MongoTemplate mongo, String collection, List<WriteModel<Document>> writes, int conditional) {
        BulkWriteResult result;
        try {
            result = mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        catch (MongoBulkWriteException ex) {
            for (BulkWriteError error : ex.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw ex;
                }
            }
            throw new WriteConflictException(collection + ": " + ex.getWriteErrors().size()
                    + " document(s) created or changed by another writer meanwhile");
        }
        if (result.getMatchedCount() < conditional) {
            throw new WriteConflictException(collection + ": " + (conditional - result.getMatchedCount())
                    + " document(s) changed by another writer meanwhile");
        }
    }

    /** The version a document was stored with; 0 for none (not stored, or stored before version guards). */
    static long versionOf(Document stored) {
        return stored != null && stored.get("version") instanceof Number n ? n.longValue() : 0;
    }
}
