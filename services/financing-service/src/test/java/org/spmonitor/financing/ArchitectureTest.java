package org.spmonitor.financing;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ArchitectureRules;

/** financing-service keeps the layering of every service (docs/adr/0009-one-layering-rule.md). */
class ArchitectureTest {

    @Test
    void keepsDomainWebStoreAndApplicationApart() {
        ArchitectureRules.checkLayering("org.spmonitor.financing");
    }
}
