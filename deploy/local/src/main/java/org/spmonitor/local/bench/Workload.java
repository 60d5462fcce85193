package org.spmonitor.local.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;

/**
 * The beneficiary counts of a large benchmark phase, generated (never held in memory as a whole), and
 * the headline figures the dashboards must then show. Each country gets an equal share of the counts
 * (the first ones one more), spread over its programmes in file order: programme, year, month, target
 * group, ACTIVE then NEW. Monthly counts only, so the held aggregation rules of DESIGN.md give exact
 * expectations: NEW of a year is the sum of its months; ACTIVE of a year is, per programme and target
 * group, the figure of the latest month reported in it, summed across programmes.
 */
final class Workload {

    static final List<TargetGroup> GROUPS = List.of(TargetGroup.values());
    static final List<Measure> MEASURES = List.of(Measure.ACTIVE, Measure.NEW);
    /** Counts one programme can hold in one year: 12 months x target groups x ACTIVE/NEW. */
    static final int PER_PROGRAMME_YEAR = 12 * GROUPS.size() * MEASURES.size();

    /** Countries no large phase uses: KHM and SEN (the reporter's latency runs), KEN (background), UGA. */
    static final Set<String> RESERVED = Set.of("KHM", "SEN", "KEN", "UGA");

    /** One generated count. */
    record Count(String country, String programmeId, int year, int month, TargetGroup group, Measure measure,
            long total) {

        String period() {
            return "%d-%02d".formatted(year, month);
        }

        long female() {
            return total / 2;
        }

        long male() {
            return total - total / 2;
        }

        /** The id beneficiary-service gives this natural key (its CountKey: SHA-256 of the key, 20 hex digits). */
        String countId() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((programmeId + "|" + period() + "|"
                        + group + "|" + measure).getBytes(StandardCharsets.UTF_8));
                return "cnt-" + HexFormat.of().formatHex(digest, 0, 10);
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("SHA-256 is part of every JDK", ex);
            }
        }
    }

    /** The headline figures of a (country, year) or of the world's year. */
    record Totals(long active, long newBeneficiaries) {

        Totals plus(Totals other) {
            return new Totals(active + other.active, newBeneficiaries + other.newBeneficiaries);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "active %,d new %,d", active, newBeneficiaries);
        }
    }

    private final Map<String, List<String>> programmes;
    private final List<Integer> years;
    private final long counts;

    /**
     * @param programmes country to its programme ids (each running through every one of {@code years})
     * @param counts how many counts in all
     */
    Workload(Map<String, List<String>> programmes, List<Integer> years, long counts) {
        this.programmes = new LinkedHashMap<>(programmes);
        this.years = List.copyOf(years);
        this.counts = counts;
        int i = 0;
        for (Map.Entry<String, List<String>> country : this.programmes.entrySet()) {
            if (share(i++) > (long) country.getValue().size() * years.size() * PER_PROGRAMME_YEAR) {
                throw new IllegalArgumentException("too few programmes in " + country.getKey());
            }
        }
    }

    /** Programmes each of {@code countries} needs for {@code counts} counts over {@code years} years. */
    static int programmesPerCountry(long counts, int countries, int years) {
        long perCountry = (counts + countries - 1) / countries;
        long perProgramme = (long) years * PER_PROGRAMME_YEAR;
        return (int) Math.max(1, (perCountry + perProgramme - 1) / perProgramme);
    }

    /**
     * {@code n} ISO 3166-1 alpha-3 codes (as the JDK knows them, like programme-service), in alphabetical
     * order, none {@link #RESERVED}, none in {@code taken}.
     */
    static List<String> countries(int n, java.util.Collection<String> taken) {
        List<String> all = new ArrayList<>(new java.util.TreeSet<>(Locale.getISOCountries(
                Locale.IsoCountryCode.PART1_ALPHA3)));
        all.removeIf(code -> RESERVED.contains(code) || taken.contains(code));
        if (all.size() < n) {
            throw new IllegalArgumentException("there are only " + all.size() + " countries to use");
        }
        return List.copyOf(all.subList(0, n));
    }

    long counts() {
        return counts;
    }

    List<Integer> years() {
        return years;
    }

    Set<String> countries() {
        return programmes.keySet();
    }

    private long share(int countryIndex) {
        int n = programmes.size();
        return counts / n + (countryIndex < counts % n ? 1 : 0);
    }

    /** Every count, in file order. */
    void forEach(Consumer<Count> sink) {
        int index = 0;
        for (Map.Entry<String, List<String>> country : programmes.entrySet()) {
            long left = share(index++);
            for (String programme : country.getValue()) {
                for (int year : years) {
                    for (int month = 1; month <= 12; month++) {
                        for (TargetGroup group : GROUPS) {
                            for (Measure measure : MEASURES) {
                                if (left-- <= 0) {
                                    break;
                                }
                                sink.accept(new Count(country.getKey(), programme, year, month, group, measure,
                                        total(programme, year, month, group, measure)));
                            }
                        }
                    }
                }
            }
        }
    }

    /** A figure that differs between counts, the same in every run for the same key. */
    static long total(String programme, int year, int month, TargetGroup group, Measure measure) {
        int hash = ((programme.hashCode() * 31 + year) * 31 + month) * 31 + group.ordinal() * 2 + measure.ordinal();
        hash ^= hash >>> 16;
        return measure == Measure.NEW ? 1 + Math.floorMod(hash, 500) : 100 + Math.floorMod(hash, 9_900);
    }

    /** What each (country, year) dashboard must show once every count is projected; key {@code KHM/2025}. */
    Map<String, Totals> expected() {
        Map<String, Long> news = new HashMap<>();
        // per country/programme/group/year, the ACTIVE figure of the latest month (months come in order)
        Map<String, Long> latestActive = new HashMap<>();
        forEach(count -> {
            String countryYear = count.country() + "/" + count.year();
            if (count.measure() == Measure.NEW) {
                news.merge(countryYear, count.total(), Long::sum);
            }
            else {
                latestActive.put(countryYear + "/" + count.programmeId() + "/" + count.group(), count.total());
            }
        });
        Map<String, Totals> expected = new TreeMap<>();
        for (String country : programmes.keySet()) {
            for (int year : years) {
                expected.put(country + "/" + year, new Totals(0, news.getOrDefault(country + "/" + year, 0L)));
            }
        }
        latestActive.forEach((key, total) -> {
            String countryYear = key.substring(0, key.indexOf('/', key.indexOf('/') + 1));
            expected.merge(countryYear, new Totals(total, 0), Totals::plus);
        });
        return expected;
    }

    /** The world's figures per year that {@code expected} adds to what the dashboards showed before. */
    static Map<Integer, Totals> perYear(Map<String, Totals> expected) {
        Map<Integer, Totals> years = new TreeMap<>();
        expected.forEach((key, totals) -> years.merge(Integer.parseInt(key.substring(key.indexOf('/') + 1)), totals,
                Totals::plus));
        return years;
    }
}
