package org.spmonitor.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The layering every service keeps (docs/adr/0009-one-layering-rule.md). A service is packaged by
 * feature, then by role: {@code org.spmonitor.<service>.<feature>.<role>}. The roles:
 * <ul>
 * <li>{@code domain}: plain Java, the rules and values of the feature. Depends on no other role and not
 * on Spring.</li>
 * <li>{@code web}: REST controllers, request and response shapes. Reaches data through
 * {@code application} (or the domain); never touches a {@code store} type. Nothing outside web
 * depends on web.</li>
 * <li>{@code store}: MongoDB documents and their access. Knows the domain; not web, application or
 * messaging.</li>
 * <li>{@code application}: the use cases that web and messaging call, which hold the stores together
 * with the domain. Everything that is not one of the other roles counts as application: classes
 * directly in a feature package (reporting's {@code projection}, {@code live}), configuration,
 * ingestion services.</li>
 * <li>{@code messaging}: Spring Cloud Stream functions, which hand a batch to application code. Same
 * rule as application.</li>
 * </ul>
 * And every consumer is a Spring Cloud Stream binding ({@link #consumersAreBindings(String)}, ADR 0014).
 * Every service applies {@link #layering(String)} in a test of its own.
 */
public final class ArchitectureRules {

    private static final String DOMAIN = "domain";
    private static final String WEB = "web";
    private static final String STORE = "store";
    private static final String APPLICATION = "application";
    private static final String MESSAGING = "messaging";

    /**
     * The layering of the service under {@code basePackage}: the four rules below. Apart from the domain,
     * which depends on no web, store or messaging package at all, they are about the service's own
     * packages (libs/platform has packages named web and store, which application code may use).
     */
    public static ArchRule layering(String basePackage) {
        return CompositeArchRule.of(domainIsIndependent(basePackage)).and(webNeverTouchesStore(basePackage))
                .and(onlyWebKnowsWeb(basePackage)).and(storeKnowsOnlyTheDomain(basePackage))
                .and(consumersAreBindings(basePackage));
    }

    /**
     * No {@code @KafkaListener} and no hand-built listener container: every consumer is a Spring Cloud
     * Stream binding of the Kafka binder, configured as a binding and seen by the binder's tooling.
     */
    public static ArchRule consumersAreBindings(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..").should().dependOnClassesThat()
                .haveNameMatching("org\\.springframework\\.kafka\\.(annotation\\.KafkaListener(s)?"
                        + "|config\\.(Concurrent)?KafkaListenerContainerFactory"
                        + "|listener\\.(Concurrent|Kafka)MessageListenerContainer)")
                .because("every consumer is a Spring Cloud Stream binding (ADR 0014): its destination, group, "
                        + "batch mode and error handling are binding properties");
    }

    public static ArchRule domainIsIndependent(String basePackage) {
        // web, store and messaging of libs/platform too: the domain stays plain Java
        return noClasses().that().resideInAPackage(role(basePackage, DOMAIN)).should().dependOnClassesThat()
                .resideInAnyPackage("..web..", "..store..", "..messaging..", role(basePackage, APPLICATION),
                        "org.springframework..")
                .because("the domain is plain Java: web, storage, messaging and the use cases depend on it, never "
                        + "the reverse");
    }

    public static ArchRule webNeverTouchesStore(String basePackage) {
        return noClasses().that().resideInAPackage(role(basePackage, WEB)).should().dependOnClassesThat()
                .resideInAPackage(role(basePackage, STORE))
                .because("controllers reach data through application services and answer with their own shapes, "
                        + "so a stored document never becomes a REST body");
    }

    public static ArchRule onlyWebKnowsWeb(String basePackage) {
        return noClasses().that().resideOutsideOfPackage(role(basePackage, WEB)).should().dependOnClassesThat()
                .resideInAPackage(role(basePackage, WEB))
                .because("request and response shapes are the web's own; the layers below answer in domain terms");
    }

    public static ArchRule storeKnowsOnlyTheDomain(String basePackage) {
        return noClasses().that().resideInAPackage(role(basePackage, STORE)).should().dependOnClassesThat()
                .resideInAnyPackage(role(basePackage, WEB), role(basePackage, APPLICATION),
                        role(basePackage, MESSAGING))
                .because("a store keeps documents of domain values; the use cases call it, never the reverse");
    }

    /** The packages of one role in any feature of the service: {@code org.spmonitor.financing..store..}. */
    private static String role(String basePackage, String role) {
        return basePackage + ".." + role + "..";
    }

    /** Checks {@link #layering(String)} on the production classes of the service under {@code basePackage}. */
    public static void checkLayering(String basePackage) {
        layering(basePackage).check(classesOf(basePackage));
    }

    /** The production classes of a service, by its base package. */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    private ArchitectureRules() {
    }
}
