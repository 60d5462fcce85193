package org.spmonitor.platform;

import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ArchitectureRules;

/** The platform's own consumer (the programme view) is a Spring Cloud Stream binding, as every service's is. */
class ConsumersAreBindingsTest {

    @Test
    void noKafkaListenerAndNoHandBuiltContainer() {
        ArchitectureRules.consumersAreBindings("org.spmonitor.platform")
                .check(ArchitectureRules.classesOf("org.spmonitor.platform"));
    }
}
