package org.spmonitor.programme;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.spmonitor.testsupport.ArchitectureRules;

/** programme-service keeps the layering of the codebase. */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.classesOf("org.spmonitor.programme");

    @Test
    void domainDependsOnNothingInWebStoreMessagingOrSpring() {
        ArchitectureRules.DOMAIN_IS_INDEPENDENT.check(classes);
    }

    @Test
    void webAndStoreKnowEachOtherOnlyThroughTheDomain() {
        noClasses().that().resideInAPackage("..web..").should().dependOnClassesThat().resideInAPackage("..store..")
                .check(classes);
        noClasses().that().resideInAPackage("..store..").should().dependOnClassesThat().resideInAPackage("..web..")
                .check(classes);
    }
}
