package org.spmonitor.reporting.dashboard.store;

import org.bson.Document;

/**
 * A bucket of facts read and written as one document by {@code _id}: the beneficiary counts of one
 * (country, year, programme), or the financing reports of one (country, year).
 */
public final class FactBucket {

    private final String id;
    private final String country;
    private final int year;
    private final String programmeId;
    private final VersionedFacts facts;
    private final boolean stored;

    FactBucket(String id, String country, int year, String programmeId, VersionedFacts facts, boolean stored) {
        this.id = id;
        this.country = country;
        this.year = year;
        this.programmeId = programmeId;
        this.facts = facts;
        this.stored = stored;
    }

    static FactBucket of(Document d) {
        return new FactBucket(d.getString("_id"), d.getString("country"), d.getInteger("year"),
                d.getString("programmeId"), VersionedFacts.of(d.getList("facts", Document.class)), true);
    }

    public String id() {
        return id;
    }

    public String country() {
        return country;
    }

    public int year() {
        return year;
    }

    /** The programme of a count bucket; {@code null} for a financing bucket. */
    public String programmeId() {
        return programmeId;
    }

    public VersionedFacts facts() {
        return facts;
    }

    boolean needsWrite() {
        return facts.changed() || !stored && !facts.all().isEmpty();
    }

    Document toDocument() {
        return new Document("_id", id).append("country", country).append("year", year)
                .append("programmeId", programmeId).append("facts", facts.toDocuments());
    }
}
