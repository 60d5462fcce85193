package org.spmonitor.financing.rate.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.financing.rate.domain.ExchangeRate;
import org.spmonitor.financing.rate.domain.PublishedRate;
import org.spmonitor.financing.rate.domain.RateFilter;
import org.spmonitor.financing.rate.store.RateDocument.RateVersion;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.outbox.OutboxRelay;
import org.spmonitor.platform.store.VersionedWriter.Decision;
import org.spmonitor.platform.store.VersionedWriter.Item;
import org.spmonitor.platform.store.VersionedWriter;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Exchange rates in MongoDB, written through the platform's {@link VersionedWriter}. Publishing a
 * rate and its ExchangeRatePublished event are one atomic write by {@code _id}; a revision is a new
 * version with a higher event version, so consumers keep the newest.
 */
@Repository
public class RateStore {

    /** Rates written per bulk round trip. */
    static final int CHUNK = 1_000;

    private final MongoTemplate mongo;
    private final VersionedWriter<RateDocument> writer;

    public RateStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.writer = new VersionedWriter<>(mongo, codec, relay, RateDocument.class, RateDocument.COLLECTION);
    }

    /**
     * Publishes one rate: a first version, a revision, or nothing when it equals the current one. Its
     * event carries {@code origin}: who and through which channel (ADR 0021).
     */
    public PublishedRate publish(ExchangeRate rate, EventOrigin origin) {
        return writer.write(rate.id(), (current, now) -> decide(rate, origin.actor(), current, now).withOrigin(origin));
    }

    /**
     * Publishes many rates in order, in bulk: one read and one write round trip per chunk. A rate of
     * the same currency and year as an earlier one of the list goes in a later chunk, so the later row
     * is the later version. Results are in the order of {@code rates}.
     */
    public List<PublishedRate> publishAll(List<ExchangeRate> rates, EventOrigin origin) {
        List<PublishedRate> results = new ArrayList<>(rates.size());
        List<Item<RateDocument, PublishedRate>> chunk = new ArrayList<>();
        Set<String> inChunk = new HashSet<>();
        for (ExchangeRate rate : rates) {
            if (chunk.size() == CHUNK || !inChunk.add(rate.id())) {
                results.addAll(writer.writeAll(chunk, false));
                chunk.clear();
                inChunk.clear();
                inChunk.add(rate.id());
            }
            chunk.add(new Item<>(rate.id(),
                    (current, now) -> decide(rate, origin.actor(), current, now).withOrigin(origin)));
        }
        results.addAll(writer.writeAll(chunk, false));
        return results;
    }

    /** The meaning of a rate: the first of its currency and year, a revision, or the same as the current one. */
    static Decision<PublishedRate> decide(ExchangeRate rate, String by, RateDocument current, Instant now) {
        String value = rate.unitsPerUsd().toPlainString();
        if (current == null) {
            return Decision.create(new RateDocument(rate.id(), rate.currency(), rate.year(), value, rate.source(), now, by),
                    new RateVersion(1, now, by, value, rate.source()), List.of(published(rate, 1)),
                    new PublishedRate(rate.id(), rate.currency(), rate.year(), 1, WriteOutcome.CREATED, Optional.empty()));
        }
        BigDecimal previous = new BigDecimal(current.getUnitsPerUsd());
        if (rate.sameAs(new ExchangeRate(current.getCurrency(), current.getYear(), previous, current.getSource()))) {
            return Decision.unchanged(new PublishedRate(rate.id(), rate.currency(), rate.year(), current.getVersion(),
                    WriteOutcome.UNCHANGED, Optional.of(previous)));
        }
        long next = current.getVersion() + 1;
        Update changes = new Update().set("unitsPerUsd", value).set("source", rate.source()).set("updatedAt", now)
                .set("updatedBy", by);
        return Decision.update(changes, new RateVersion(next, now, by, value, rate.source()),
                List.of(published(rate, next)),
                new PublishedRate(rate.id(), rate.currency(), rate.year(), next, WriteOutcome.UPDATED,
                        Optional.of(previous)));
    }

    public Optional<RateDocument> find(String currency, int year) {
        return Optional.ofNullable(mongo.findById(ExchangeRate.id(currency, year), RateDocument.class));
    }

    public boolean exists(String currency, int year) {
        return mongo.exists(new Query(Criteria.where("_id").is(ExchangeRate.id(currency, year))), RateDocument.class);
    }

    /** One page of current rates, by currency and year, without their history. */
    public List<RateDocument> list(RateFilter filter, int page, int size) {
        Query query = query(filter).with(Sort.by("currency", "year")).skip((long) page * size).limit(size);
        query.fields().exclude("history").exclude("outbox");
        return mongo.find(query, RateDocument.class);
    }

    public long count(RateFilter filter) {
        return mongo.count(query(filter), RateDocument.class);
    }

    private static Query query(RateFilter filter) {
        Query query = new Query();
        if (filter.currency() != null) {
            query.addCriteria(Criteria.where("currency").is(filter.currency()));
        }
        if (filter.year() != null) {
            query.addCriteria(Criteria.where("year").is(filter.year()));
        }
        return query;
    }

    static ExchangeRatePublished published(ExchangeRate rate, long version) {
        return new ExchangeRatePublished(rate.currency(), rate.year(), version, rate.unitsPerUsd(), rate.source());
    }
}
