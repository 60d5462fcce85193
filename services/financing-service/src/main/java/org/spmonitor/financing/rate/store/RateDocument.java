package org.spmonitor.financing.rate.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The exchange rate of one (currency, year), id {@code XOF-2025}: latest version, every earlier
 * version and the pending ExchangeRatePublished events in one document. The rate is a decimal string.
 */
@Document(RateDocument.COLLECTION)
public class RateDocument extends OutboxDocument implements Versioned {

    public static final String COLLECTION = "exchange_rates";

    @Id
    private String id;
    private String currency;
    private int year;
    private long version;
    private String unitsPerUsd;
    private String source;
    private Instant updatedAt;
    private String updatedBy;
    private List<RateVersion> history;

    RateDocument() {
    }

    /** The first version as the versioned writer stores it (it adds version, history and outbox). */
    RateDocument(String id, String currency, int year, String unitsPerUsd, String source, Instant at, String by) {
        this.id = id;
        this.currency = currency;
        this.year = year;
        this.version = 1;
        this.unitsPerUsd = unitsPerUsd;
        this.source = source;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    @Override
    public String getId() {
        return id;
    }

    public String getCurrency() {
        return currency;
    }

    public int getYear() {
        return year;
    }

    @Override
    public long getVersion() {
        return version;
    }

    public String getUnitsPerUsd() {
        return unitsPerUsd;
    }

    public String getSource() {
        return source;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    /** Every version, oldest first; empty when the list query left it out. */
    public List<RateVersion> getHistory() {
        return history == null ? List.of() : history;
    }

    /** One version of the rate: when, by whom, the value and its source. */
    public record RateVersion(long version, Instant at, String by, String unitsPerUsd, String source) {
    }
}
