package org.spmonitor.reporting;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ArchitectureRules;

class ArchitectureTest {

    @Test
    void dashboardAndReplayDomainsDependOnNoWebStoreMessagingOrSpring() {
        ArchitectureRules.DOMAIN_IS_INDEPENDENT.check(ArchitectureRules.classesOf("org.spmonitor.reporting"));
    }
}
