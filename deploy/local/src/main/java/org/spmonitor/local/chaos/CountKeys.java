package org.spmonitor.local.chaos;

import java.util.List;
import java.util.stream.Collectors;

import org.spmonitor.events.programme.TargetGroup;

/**
 * Distinct natural keys (programmeId, month, targetGroup, NEW) over a set of programmes and years,
 * each counted once with a total of 1: a country's {@code newBeneficiaries} summed over the years is
 * then exactly the number of counts the dashboards hold (NEW is summed over the months of a year and
 * across programmes; months never nest, so nothing is hidden by a coarser period).
 * <p>
 * The programme changes fastest, then the month, then the target group, then the year. Not
 * thread-safe.
 */
public final class CountKeys {

    static final List<TargetGroup> GROUPS = List.of(TargetGroup.values());
    static final String TARGET_GROUPS_JSON = GROUPS.stream().map(g -> "\"" + g.name() + "\"")
            .collect(Collectors.joining(",", "[", "]"));

    private final List<String> programmeIds;
    private final List<Integer> years;
    private long next;

    public CountKeys(List<String> programmeIds, List<Integer> years) {
        if (programmeIds.isEmpty() || years.isEmpty()) {
            throw new IllegalArgumentException("needs at least one programme and one year");
        }
        this.programmeIds = List.copyOf(programmeIds);
        this.years = List.copyOf(years);
    }

    /** How many distinct keys there are: 12 months x 8 target groups x programmes x years. */
    public long capacity() {
        return 12L * GROUPS.size() * programmeIds.size() * years.size();
    }

    public long used() {
        return next;
    }

    public List<String> programmeIds() {
        return programmeIds;
    }

    public List<Integer> years() {
        return years;
    }

    /** The JSON body of the next count (total 1); fails once every key is used. */
    public String nextBody() {
        if (next >= capacity()) {
            throw new IllegalStateException("all " + capacity() + " count keys are used; register more programmes");
        }
        long i = next++;
        String programmeId = programmeIds.get((int) (i % programmeIds.size()));
        i /= programmeIds.size();
        int month = (int) (i % 12);
        i /= 12;
        TargetGroup group = GROUPS.get((int) (i % GROUPS.size()));
        i /= GROUPS.size();
        int year = years.get((int) i);
        return body(programmeId, "%d-%02d".formatted(year, month + 1), group, 1);
    }

    /** The year of the count that {@link #nextBody()} returns next. */
    public int nextYear() {
        return years.get((int) (next / (12L * GROUPS.size() * programmeIds.size())));
    }

    public static String body(String programmeId, String period, TargetGroup group, long total) {
        return """
                {"programmeId":"%s","period":"%s","targetGroup":"%s","measure":"NEW","total":%d}"""
                .formatted(programmeId, period, group.name(), total);
    }
}
