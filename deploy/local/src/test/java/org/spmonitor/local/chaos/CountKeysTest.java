package org.spmonitor.local.chaos;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountKeysTest {

    @Test
    void everyKeyIsANewCountOfOneUntilTheKeysRunOut() {
        CountKeys keys = new CountKeys(List.of("prg-a", "prg-b"), List.of(2024, 2025));
        Set<String> naturalKeys = new HashSet<>();
        for (int i = 0; i < keys.capacity(); i++) {
            JsonNode count = StackClient.json(keys.nextBody());
            assertThat(count.path("measure").asString()).isEqualTo("NEW");
            assertThat(count.path("total").asLong()).isEqualTo(1);
            assertThat(count.path("period").asString()).matches("202[45]-(0[1-9]|1[0-2])");
            naturalKeys.add(count.path("programmeId").asString() + "/" + count.path("period").asString() + "/"
                    + count.path("targetGroup").asString());
        }
        assertThat(keys.capacity()).isEqualTo(2 * 12 * 8 * 2);
        assertThat(naturalKeys).hasSize((int) keys.capacity());
        assertThatThrownBy(keys::nextBody).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theProgrammeChangesFastestAndTheYearSlowest() {
        CountKeys keys = new CountKeys(List.of("prg-a", "prg-b"), List.of(2024, 2025));
        assertThat(StackClient.json(keys.nextBody()).path("programmeId").asString()).isEqualTo("prg-a");
        assertThat(StackClient.json(keys.nextBody()).path("programmeId").asString()).isEqualTo("prg-b");
        assertThat(StackClient.json(keys.nextBody()).path("period").asString()).isEqualTo("2024-02");
        for (int i = 3; i < 2 * 12 * 8; i++) {
            keys.nextBody();
        }
        assertThat(keys.nextYear()).isEqualTo(2025);
        assertThat(StackClient.json(keys.nextBody()).path("period").asString()).isEqualTo("2025-01");
    }
}
