package org.spmonitor.reporting.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.validation.Violations;

/** The asOf parameter (ADR 0021): RFC 3339 instants, and one after the clock read as now. */
class AsOfTest {

    private static final Instant NOW = Instant.parse("2025-07-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void readsAnInstantWithAnOffsetAndAnInstantAfterTheClockAsNow() {
        Violations violations = new Violations();

        assertThat(AsOf.parse("2025-06-30T14:00:00+02:00", "asOf", violations, CLOCK))
                .isEqualTo(Instant.parse("2025-06-30T12:00:00Z"));
        assertThat(AsOf.parse("2025-06-30T14:00:00 02:00", "asOf", violations, CLOCK)).as("a + sent unencoded")
                .isEqualTo(Instant.parse("2025-06-30T12:00:00Z"));
        assertThat(AsOf.parse(NOW.toString(), "asOf", violations, CLOCK)).isEqualTo(NOW);
        assertThat(AsOf.parse("2025-07-01T23:59:59Z", "asOf", violations, CLOCK)).as("the end of today").isEqualTo(NOW);
        assertThat(AsOf.parse(null, "asOf", violations, CLOCK)).isNull();
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void refusesWhatIsNoRfc3339InstantNamingTheField() {
        for (String bad : new String[] { "2025-06-30", "2025-06-30T12:00:00", "yesterday", "2025-13-01T00:00:00Z" }) {
            Violations violations = new Violations();

            assertThat(AsOf.parse(bad, "asOf", violations, CLOCK)).as(bad).isNull();
            assertThat(violations.isEmpty()).as(bad).isFalse();
        }
    }

    @Test
    void aFileNameEndsWithTheInstantShown() {
        assertThat(AsOf.suffix(Instant.parse("2025-06-30T12:00:00Z"))).isEqualTo("-asof-20250630T120000Z");
        assertThat(AsOf.suffix(null)).isEmpty();
    }
}
