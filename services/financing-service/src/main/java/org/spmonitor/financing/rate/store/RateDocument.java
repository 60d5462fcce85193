package org.spmonitor.financing.rate.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.outbox.OutboxEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The exchange rate of one (currency, year), id {@code XOF-2025}: latest version, every earlier
 * version and the pending ExchangeRatePublished events in one document. The rate is a decimal string.
 */
@Document(RateDocument.COLLECTION)
public class RateDocument extends OutboxDocument {

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

    RateDocument(String id, String currency, int year, RateVersion first, OutboxEvent event) {
        super(List.of(event), first.at());
        this.id = id;
        this.currency = currency;
        this.year = year;
        this.version = first.version();
        this.unitsPerUsd = first.unitsPerUsd();
        this.source = first.source();
        this.updatedAt = first.at();
        this.updatedBy = first.by();
        this.history = List.of(first);
    }

    public String getId() {
        return id;
    }

    public String getCurrency() {
        return currency;
    }

    public int getYear() {
        return year;
    }

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
