package org.spmonitor.reporting.dashboard.store;

import org.bson.Document;

/**
 * A bucket of facts read and written as one document by {@code _id}: the beneficiary counts of one
 * (country, year, programme), or the financing reports of one (country, year). Written back only if
 * no other writer changed it since it was read (its {@code version}, ADR 0012).
 */
public final class FactBucket {

    private final String id;
    private final String country;
    private final int year;
    private final String programmeId;
    private final VersionedFacts facts;
    private final boolean stored;
    private final long version;

    FactBucket(String id, String country, int year, String programmeId, VersionedFacts facts, boolean stored) {
        this(id, country, year, programmeId, facts, stored, 0);
    }

    private FactBucket(String id, String country, int year, String programmeId, VersionedFacts facts, boolean stored,
            long version) {
        this.id = id;
        this.country = country;
        this.year = year;
        this.programmeId = programmeId;
        this.facts = facts;
        this.stored = stored;
        this.version = version;
    }

    static FactBucket of(Document d) {
        return new FactBucket(d.getString("_id"), d.getString("country"), d.getInteger("year"),
                d.getString("programmeId"), VersionedFacts.of(d.getList("facts", Document.class)), true,
                GuardedWrites.versionOf(d));
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

    /** The document to write, one version above the one read, under its guard (ADR 0012). */
    GuardedWrites.Guarded toWrite() {
        return new GuardedWrites.Guarded(new Document("_id", id).append("country", country).append("year", year)
                .append("programmeId", programmeId).append("facts", facts.toDocuments()).append("version", version + 1),
                version, stored);
    }
}
