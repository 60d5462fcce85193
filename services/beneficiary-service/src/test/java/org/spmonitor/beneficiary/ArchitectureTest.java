package org.spmonitor.beneficiary;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ArchitectureRules;

class ArchitectureTest {

    @Test
    void domainDependsOnNothingInWebStoreMessagingOrSpring() {
        ArchitectureRules.DOMAIN_IS_INDEPENDENT.check(ArchitectureRules.classesOf("org.spmonitor.beneficiary"));
    }
}
