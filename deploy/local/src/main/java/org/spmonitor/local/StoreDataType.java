package org.spmonitor.local;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the Mongo-wire server's documents and index keys are kept in the H2 MVStore: as BSON, not as
 * Java serialisation.
 * <p>
 * mongo-java-server opens its maps with H2's {@link ObjectDataType}, which writes every document and
 * index key with a new {@code ObjectOutputStream} and compares index keys by serialising both sides
 * on every step of a B-tree search. A profile of a bulk insert showed that work as most of the
 * server's time (docs/benchmarks.md). This type writes documents and index keys as BSON with a tag of
 * its own, compares index keys value by value in MongoDB's order, and estimates their memory without
 * serialising them. Everything else (strings, numbers, positions) is written as before, and a value
 * written by the plain type is still read, so the values of an older store stay readable; its index
 * keys were ordered differently, which {@link MongoWireServer} handles by copying an older store once.
 */
final class StoreDataType extends ObjectDataType {

    /** The layout this type writes, recorded in the store's {@link #FORMAT_MAP}. */
    static final String FORMAT = "bson-keys-1";

    /** A map of the store's own: {@code "layout" -> FORMAT} once the store is written by this type. */
    static final String FORMAT_MAP = "spmonitor.store-format";

    /** Tags after H2's own (its highest is 119). */
    private static final byte TAG_DOCUMENT = 120;
    private static final byte TAG_KEY = 121;

    private static final ValueComparator ORDER = ValueComparator.asc();

    /** Opens (or creates) a map of the store with this type for keys and values. */
    static MVMap<Object, Object> openMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Object>().keyType(new StoreDataType())
                .valueType(new StoreDataType()));
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int common = Math.min(left.size(), right.size());
            for (int i = 0; i < common; i++) {
                int order = compareValues(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return super.compare(a, b);
    }

    /** MongoDB's order of two values; two strings (most keys are) without going through the comparator. */
    private static int compareValues(Object a, Object b) {
        if (a instanceof String left && b instanceof String right) {
            return left.compareTo(right);
        }
        return ORDER.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof Document || value instanceof KeyValue) {
            return 48 + estimate(value, 0);
        }
        return super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            if (writeBson(buffer, TAG_DOCUMENT, document)) {
                return;
            }
        }
        else if (value instanceof KeyValue key) {
            if (writeBson(buffer, TAG_KEY, new Document("k", key.stream().toList()))) {
                return;
            }
        }
        super.write(buffer, value); // anything BSON cannot hold is written the plain way
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        if (tag != TAG_DOCUMENT && tag != TAG_KEY) {
            return super.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return tag == TAG_DOCUMENT ? document : new KeyValue((List<?>) document.get("k"));
    }

    private static boolean writeBson(WriteBuffer buffer, byte tag, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
        }
        catch (RuntimeException ex) {
            return false; // a value of a type BSON has no encoding for
        }
        buffer.put(tag);
        buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        return true;
    }

    /** A rough size of a value in memory, for the page cache's accounting (no exactness needed). */
    private static int estimate(Object value, int depth) {
        if (depth > 32) {
            return 64;
        }
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object item : values) {
                size += 8 + estimate(item, depth + 1);
            }
            return size;
        }
        if (value instanceof KeyValue key) {
            int size = 40;
            for (Object item : key) {
                size += 8 + estimate(item, depth + 1);
            }
            return size;
        }
        if (value instanceof String text) {
            return 40 + text.length();
        }
        return 24;
    }
}
