package org.spmonitor.financing.rate.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.financing.common.domain.Outcome;
import org.spmonitor.financing.rate.domain.ExchangeRate;
import org.spmonitor.financing.rate.store.RateDocument.RateVersion;
import org.spmonitor.platform.events.EventCodec;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxRelay;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Exchange rates in MongoDB. Publishing a rate and its ExchangeRatePublished event are one atomic
 * write; a revision is a new version with a higher event version, so consumers keep the newest.
 */
@Repository
public class RateStore {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public RateStore(MongoTemplate mongo, EventCodec codec, OutboxRelay relay) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
    }

    /** The result of publishing one rate; {@code previous} is the value it replaced, if any. */
    public record Published(String id, String currency, int year, long version, Outcome outcome,
            Optional<BigDecimal> previous) {
    }

    /** Filters of the list; null means any. */
    public record Filter(String currency, Integer year) {
    }

    /** Publishes one rate; call {@link #wakeRelay()} after a batch, or use {@link #publishAndRelay}. */
    public Published publish(ExchangeRate rate, String by) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = Instant.now();
            RateDocument existing = mongo.findById(rate.id(), RateDocument.class);
            String value = rate.unitsPerUsd().toPlainString();
            if (existing == null) {
                RateVersion first = new RateVersion(1, now, by, value, rate.source());
                try {
                    mongo.insert(new RateDocument(rate.id(), rate.currency(), rate.year(), first,
                            codec.toOutboxEvent(published(rate, 1), now)));
                    return new Published(rate.id(), rate.currency(), rate.year(), 1, Outcome.CREATED, Optional.empty());
                }
                catch (DuplicateKeyException ex) {
                    continue; // a concurrent first publication won: go round as a revision
                }
            }
            BigDecimal previous = new BigDecimal(existing.getUnitsPerUsd());
            if (rate.sameAs(new ExchangeRate(existing.getCurrency(), existing.getYear(), previous, existing.getSource()))) {
                return new Published(rate.id(), rate.currency(), rate.year(), existing.getVersion(), Outcome.UNCHANGED,
                        Optional.of(previous));
            }
            long next = existing.getVersion() + 1;
            Update update = new Update().set("version", next).set("unitsPerUsd", value).set("source", rate.source())
                    .set("updatedAt", now).set("updatedBy", by)
                    .push("history", new RateVersion(next, now, by, value, rate.source()));
            OutboxDocument.appendEvent(update, codec.toOutboxEvent(published(rate, next), now));
            Query sameVersion = new Query(Criteria.where("_id").is(rate.id()).and("version").is(existing.getVersion()));
            if (mongo.updateFirst(sameVersion, update, RateDocument.class).getModifiedCount() == 1) {
                return new Published(rate.id(), rate.currency(), rate.year(), next, Outcome.UPDATED, Optional.of(previous));
            }
        }
        throw new IllegalStateException("rate " + rate.id() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    public Published publishAndRelay(ExchangeRate rate, String by) {
        Published result = publish(rate, by);
        if (result.outcome() != Outcome.UNCHANGED) {
            relay.wakeUp();
        }
        return result;
    }

    public void wakeRelay() {
        relay.wakeUp();
    }

    public Optional<RateDocument> find(String currency, int year) {
        return Optional.ofNullable(mongo.findById(ExchangeRate.id(currency, year), RateDocument.class));
    }

    public boolean exists(String currency, int year) {
        return mongo.exists(new Query(Criteria.where("_id").is(ExchangeRate.id(currency, year))), RateDocument.class);
    }

    /** One page of current rates, by currency and year, without their history. */
    public List<RateDocument> list(Filter filter, int page, int size) {
        Query query = query(filter).with(Sort.by("currency", "year")).skip((long) page * size).limit(size);
        query.fields().exclude("history").exclude("outbox");
        return mongo.find(query, RateDocument.class);
    }

    public long count(Filter filter) {
        return mongo.count(query(filter), RateDocument.class);
    }

    private static Query query(Filter filter) {
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
