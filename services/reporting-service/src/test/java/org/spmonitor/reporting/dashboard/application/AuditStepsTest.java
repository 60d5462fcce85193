package org.spmonitor.reporting.dashboard.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.spmonitor.reporting.dashboard.application.AuditSteps.AuditStep;
import org.spmonitor.reporting.dashboard.store.HistoryEntry;
import org.spmonitor.reporting.dashboard.store.HistoryEntry.Kind;

import tools.jackson.databind.json.JsonMapper;

/** The steps of an audit trail (ADR 0021): figures before and after each version, and who made it. */
class AuditStepsTest {

    private static final Instant T = Instant.parse("2025-07-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static HistoryEntry entry(String fact, long version, String type, String json, String by) {
        return new HistoryEntry(Kind.COUNT, fact, version, type, T.plusSeconds(version), json,
                type.endsWith("Validated") || type.endsWith("Returned") ? version - 1 : 0, "ev", by, "api", null, null);
    }

    @Test
    void eachVersionShowsTheFiguresBeforeAndAfterItAndAReviewWithoutAnActorNamesItsValidator() {
        List<AuditStep> steps = AuditSteps.of(List.of(
                entry("cnt-1", 1, "BeneficiaryCountReported", "{\"countId\":\"cnt-1\",\"period\":\"2025Q1\",\"total\":10}",
                        "team"),
                entry("cnt-1", 2, "BeneficiaryCountReported", "{\"countId\":\"cnt-1\",\"period\":\"2025Q1\",\"total\":12}",
                        "team"),
                entry("cnt-1", 3, "BeneficiaryCountValidated", "{\"validatedBy\":\"val\",\"comment\":\"ok\"}", null),
                entry("cnt-1", 4, "BeneficiaryCountWithdrawn", "{\"reason\":\"twice\"}", "team"),
                entry("cnt-2", 1, "BeneficiaryCountReported", "{\"countId\":\"cnt-2\",\"total\":5}", "mis")), JSON);

        assertThat(steps).extracting(s -> s.before() == null ? null : s.before().get("total").asLong())
                .containsExactly(null, 10L, 12L, 12L, null);
        assertThat(steps).extracting(s -> s.after() == null ? null : s.after().get("total").asLong())
                .containsExactly(10L, 12L, 12L, null, 5L);
        assertThat(steps.get(0).after().has("countId")).as("identity is not a figure").isFalse();
        assertThat(steps.get(0).period()).isEqualTo("2025Q1");
        assertThat(steps).extracting(AuditStep::by).containsExactly("team", "team", "val", "team", "mis");
        assertThat(steps).extracting(AuditStep::comment).containsExactly(null, null, "ok", "twice", null);
        assertThat(steps.get(2).reviewedVersion()).isEqualTo(2);
        assertThat(AuditSteps.state(steps.subList(0, 3))).isEqualTo("VALIDATED");
        assertThat(AuditSteps.state(steps.subList(0, 4))).isEqualTo("WITHDRAWN");
    }
}
