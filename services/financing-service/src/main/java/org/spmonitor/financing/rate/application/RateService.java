package org.spmonitor.financing.rate.application;

import java.util.List;
import java.util.Optional;

import org.spmonitor.financing.rate.domain.ExchangeRate;
import org.spmonitor.financing.rate.domain.PublishedRate;
import org.spmonitor.financing.rate.domain.RateFilter;
import org.spmonitor.financing.rate.domain.RateRecord;
import org.spmonitor.financing.rate.store.RateDocument;
import org.spmonitor.financing.rate.store.RateStore;
import org.spmonitor.platform.events.EventOrigin;

import org.springframework.stereotype.Service;

/** The exchange-rate use cases the API offers: publish one or many checked rates, read and list them. */
@Service
public class RateService {

    private final RateStore rates;

    public RateService(RateStore rates) {
        this.rates = rates;
    }

    /** Publishes one rate: a first version, a revision, or nothing when it equals the current one. */
    public PublishedRate publish(ExchangeRate rate, String by) {
        return rates.publish(rate, new EventOrigin(by, EventOrigin.API, null, null));
    }

    /** Publishes the rows of a CSV table in order, in bulk; results in the order of {@code rates}. */
    public List<PublishedRate> importAll(List<ExchangeRate> rates, String by) {
        return this.rates.publishAll(rates, new EventOrigin(by, EventOrigin.IMPORT_CSV, null, null));
    }

    /** The rate of a currency and year with its full history. */
    public Optional<RateRecord> find(String currency, int year) {
        return rates.find(currency, year).map(document -> record(document, true));
    }

    /** One page of current rates, by currency and year, without their history. */
    public List<RateRecord> list(RateFilter filter, int page, int size) {
        return rates.list(filter, page, size).stream().map(document -> record(document, false)).toList();
    }

    public long count(RateFilter filter) {
        return rates.count(filter);
    }

    private static RateRecord record(RateDocument document, boolean withHistory) {
        return new RateRecord(document.getCurrency(), document.getYear(), document.getUnitsPerUsd(),
                document.getVersion(), document.getSource(), document.getUpdatedAt(), document.getUpdatedBy(),
                withHistory ? document.getHistory().stream().map(v -> new RateRecord.Revision(v.version(), v.at(),
                        v.by(), v.unitsPerUsd(), v.source())).toList() : null);
    }
}
