package org.spmonitor.local;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void loadsOnlyIntoAStackWithoutProgrammesWhetherTheListIsAPageOrAnArray() {
        assertThat(DemoData.holdsNoProgramme(json.readTree("""
                {"items":[],"page":0,"size":1,"totalItems":0,"totalPages":0}"""))).isTrue();
        assertThat(DemoData.holdsNoProgramme(json.readTree("[]"))).isTrue();
        assertThat(DemoData.holdsNoProgramme(json.readTree("""
                {"items":[{"id":"prg-1"}],"page":0,"size":1,"totalItems":1,"totalPages":1}"""))).isFalse();
        assertThat(DemoData.holdsNoProgramme(json.readTree("[{\"id\":\"prg-1\"}]"))).isFalse();
        assertThat(DemoData.holdsNoProgramme(json.readTree("{\"error\":\"?\"}"))).isFalse();
    }

    @Test
    void demoCountsCoverFourQuartersWithBreakdownsThatAddUp() {
        DemoData.DemoCountry cambodia = DemoData.COUNTRIES.get(0);
        var items = DemoData.counts("prg-demo", cambodia.programmes().get(0));

        assertThat(items).hasSize(2 * 4 * 2);
        assertThat(items).extracting(i -> i.get("period")).containsOnly("2025Q1", "2025Q2", "2025Q3", "2025Q4");
        for (var item : items) {
            long total = (Long) item.get("total");
            var sex = (java.util.Map<?, ?>) item.get("sex");
            var age = (java.util.Map<?, ?>) item.get("ageGroup");
            assertThat((Long) sex.get("female") + (Long) sex.get("male")).isEqualTo(total);
            assertThat(age.values().stream().mapToLong(v -> (Long) v).sum()).isEqualTo(total);
            assertThat(total).isPositive();
        }
    }
}
