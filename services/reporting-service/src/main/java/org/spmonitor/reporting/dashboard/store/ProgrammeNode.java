package org.spmonitor.reporting.dashboard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;

/**
 * Everything the read models keep of one programme, in one document by {@code _id} = programme id:
 * its latest registered or updated state, its milestones, its indicator actuals (each fact with its
 * own version guard), and the years it has a programme-year summary in, so that a change of the
 * programme recomputes exactly those. Events of other partitions write it too (a count adds a year):
 * it is written back only if no other writer changed it since it was read (ADR 0012).
 */
public final class ProgrammeNode {

    /** How far a programme's start..end years are expanded into dashboards to recompute. */
    static final int MAX_PROGRAMME_YEARS = 50;

    private final String programmeId;
    private String country;
    private final VersionedFacts programme;
    private final VersionedFacts milestones;
    private final VersionedFacts indicators;
    private final Set<Integer> years;
    private boolean yearsChanged;
    private final boolean stored;
    private long version;

    ProgrammeNode(String programmeId, String country, VersionedFacts programme, VersionedFacts milestones,
            VersionedFacts indicators, Set<Integer> years, boolean stored) {
        this.programmeId = programmeId;
        this.country = country;
        this.programme = programme;
        this.milestones = milestones;
        this.indicators = indicators;
        this.years = years;
        this.stored = stored;
    }

    static ProgrammeNode empty(String programmeId) {
        return new ProgrammeNode(programmeId, null, new VersionedFacts(), new VersionedFacts(), new VersionedFacts(),
                new TreeSet<>(), false);
    }

    static ProgrammeNode of(Document d) {
        List<Integer> years = d.getList("years", Integer.class);
        return new ProgrammeNode(d.getString("_id"), d.getString("country"),
                VersionedFacts.of(d.getList("programme", Document.class)),
                VersionedFacts.of(d.getList("milestones", Document.class)),
                VersionedFacts.of(d.getList("indicators", Document.class)),
                new TreeSet<>(years == null ? List.of() : years), true).at(GuardedWrites.versionOf(d));
    }

    private ProgrammeNode at(long storedVersion) {
        this.version = storedVersion;
        return this;
    }

    public String programmeId() {
        return programmeId;
    }

    /** The country of the programme, as its first event named it. */
    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    public void countryIfUnknown(String value) {
        if (country == null && value != null) {
            country = value;
            yearsChanged = true;
        }
    }

    /** The programme's registered state: at most one fact, id = programme id. */
    public VersionedFacts programme() {
        return programme;
    }

    /** Milestones by milestone id. */
    public VersionedFacts milestones() {
        return milestones;
    }

    /** Indicator actuals by {@code indicatorCode/period}. */
    public VersionedFacts indicators() {
        return indicators;
    }

    /** Years with a programme-year summary of this programme (or ever named by its dates or targets). */
    public Set<Integer> years() {
        return java.util.Collections.unmodifiableSet(years);
    }

    /**
     * The years a programme state names, which get a programme-year summary: its annual targets' years and
     * its start..end years (at most {@value #MAX_PROGRAMME_YEARS} after the start), within 1900..2200.
     */
    public static Set<Integer> yearsNamedBy(ProgrammeFact fact) {
        Set<Integer> named = new TreeSet<>();
        if (fact.annualTargets() != null) {
            fact.annualTargets().forEach(t -> named.add(t.year()));
        }
        if (fact.startDate() != null) {
            int first = fact.startDate().getYear();
            int last = fact.endDate() == null ? first : fact.endDate().getYear();
            for (int y = first; y <= Math.min(last, first + MAX_PROGRAMME_YEARS); y++) {
                named.add(y);
            }
        }
        named.removeIf(y -> y < 1900 || y > 2200);
        return named;
    }

    public void addYear(int year) {
        if (years.add(year)) {
            yearsChanged = true;
        }
    }

    boolean needsWrite() {
        return !stored || yearsChanged || programme.changed() || milestones.changed() || indicators.changed();
    }

    /** The document to write, one version above the one read, under its guard (ADR 0012). */
    GuardedWrites.Guarded toWrite() {
        return new GuardedWrites.Guarded(new Document("_id", programmeId).append("country", country)
                .append("programme", programme.toDocuments()).append("milestones", milestones.toDocuments())
                .append("indicators", indicators.toDocuments()).append("years", new ArrayList<>(years))
                .append("version", version + 1), version, stored);
    }
}
