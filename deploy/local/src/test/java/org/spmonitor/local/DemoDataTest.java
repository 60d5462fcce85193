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
}
