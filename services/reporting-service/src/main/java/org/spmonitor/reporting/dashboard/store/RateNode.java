package org.spmonitor.reporting.dashboard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;

/**
 * The exchange rate of one currency and year ({@code _id} = {@code KHR/2025}), version-guarded, and
 * the countries that have financing reports in that currency and year: the country-years a revised
 * rate recomputes, found by {@code _id} instead of by scanning the reports. A rate (keyed by currency)
 * and the reports adding their country (keyed by country) may be projected by different instances:
 * the document is written back only if no other writer changed it since it was read (ADR 0012).
 */
public final class RateNode {

    private final String id;
    private final VersionedFacts rate;
    private final Set<String> countries;
    private boolean countriesChanged;
    private final boolean stored;
    private final long version;

    RateNode(String id, VersionedFacts rate, Set<String> countries, boolean stored, long version) {
        this.id = id;
        this.rate = rate;
        this.countries = countries;
        this.stored = stored;
        this.version = version;
    }

    static RateNode empty(String id) {
        return new RateNode(id, new VersionedFacts(), new TreeSet<>(), false, 0);
    }

    static RateNode of(Document d) {
        List<String> countries = d.getList("countries", String.class);
        return new RateNode(d.getString("_id"), VersionedFacts.of(d.getList("rate", Document.class)),
                new TreeSet<>(countries == null ? List.of() : countries), true, GuardedWrites.versionOf(d));
    }

    public static String id(String currency, int year) {
        return currency + "/" + year;
    }

    public String id() {
        return id;
    }

    /** The rate: at most one fact, id = this node's id. */
    public VersionedFacts rate() {
        return rate;
    }

    public Set<String> countries() {
        return java.util.Collections.unmodifiableSet(countries);
    }

    public void addCountry(String country) {
        if (countries.add(country)) {
            countriesChanged = true;
        }
    }

    boolean needsWrite() {
        return rate.changed() || countriesChanged && (stored || !countries.isEmpty());
    }

    /** The document to write, one version above the one read, under its guard (ADR 0012). */
    GuardedWrites.Guarded toWrite() {
        return new GuardedWrites.Guarded(new Document("_id", id).append("rate", rate.toDocuments())
                .append("countries", new ArrayList<>(countries)).append("version", version + 1), version, stored);
    }
}
