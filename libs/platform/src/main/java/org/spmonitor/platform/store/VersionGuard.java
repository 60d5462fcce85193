package org.spmonitor.platform.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Idempotent, order-tolerant writes of facts keyed by natural key: an older or equal version never
 * overwrites a newer one, so redelivered and replayed events change nothing.
 */
public final class VersionGuard {

    /**
     * Applies {@code update} to document {@code id} only if it is absent or holds a lower version.
     *
     * @return true when the document now holds {@code version}; false when it already held it or newer
     */
    public static boolean upsertIfNewer(MongoTemplate mongo, String collection, String id, long version,
            Update update) {
        Query olderOrAbsent = new Query(Criteria.where("_id").is(id).and("version").lt(version));
        try {
            mongo.upsert(olderOrAbsent, update.set("version", version), collection);
            return true;
        }
        catch (DuplicateKeyException ex) {
            // the document exists with this version or a newer one: a redelivery or an out-of-order event
            return false;
        }
    }

    private VersionGuard() {
    }
}
