package org.spmonitor.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The layering every service keeps: a feature's domain depends on nothing in web, store or messaging. */
public final class ArchitectureRules {

    public static final ArchRule DOMAIN_IS_INDEPENDENT = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("..web..", "..store..", "..messaging..", "org.springframework..")
            .because("the domain is plain Java: web, storage and messaging depend on it, never the reverse");

    /** The production classes of a service, by its base package. */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    private ArchitectureRules() {
    }
}
