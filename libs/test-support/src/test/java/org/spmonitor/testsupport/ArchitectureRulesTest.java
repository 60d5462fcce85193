package org.spmonitor.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The layering rule on two small fixture services: one laid out as it wants, one breaking each part. */
class ArchitectureRulesTest {

    private static final String TIDY = "org.spmonitor.testsupport.layering.tidy";
    private static final String LEAKY = "org.spmonitor.testsupport.layering.leaky";

    // the fixtures are test classes, which classesOf(...) leaves out
    private static JavaClasses fixture(String basePackage) {
        return new ClassFileImporter().importPackages(basePackage);
    }

    @Test
    void acceptsAServiceWhoseWebReachesDataThroughApplicationServices() {
        assertThatCode(() -> ArchitectureRules.layering(TIDY).check(fixture(TIDY))).doesNotThrowAnyException();
    }

    @Test
    void refusesASpringDomainAControllerReturningAStoreTypeAndAStoreBuildingAWebView() {
        JavaClasses leaky = fixture(LEAKY);

        assertThatThrownBy(() -> ArchitectureRules.domainIsIndependent(LEAKY).check(leaky))
                .hasMessageContaining("leaky.order.domain.Order")
                .hasMessageContaining("org.springframework.stereotype.Component");
        assertThatThrownBy(() -> ArchitectureRules.webNeverTouchesStore(LEAKY).check(leaky))
                .hasMessageContaining("leaky.order.web.OrderController")
                .hasMessageContaining("leaky.order.store.OrderDocument");
        assertThatThrownBy(() -> ArchitectureRules.onlyWebKnowsWeb(LEAKY).check(leaky))
                .hasMessageContaining("leaky.order.store.OrderDocument")
                .hasMessageContaining("leaky.order.web.OrderView");
        assertThatThrownBy(() -> ArchitectureRules.storeKnowsOnlyTheDomain(LEAKY).check(leaky))
                .hasMessageContaining("leaky.order.store.OrderDocument")
                .hasMessageContaining("leaky.order.web.OrderView");
        assertThatThrownBy(() -> ArchitectureRules.layering(LEAKY).check(leaky)).isInstanceOf(AssertionError.class);
    }

    @Test
    void judgesOnlyTheClassesOfTheServiceItIsFor() {
        JavaClasses both = fixture("org.spmonitor.testsupport.layering");

        assertThatCode(() -> ArchitectureRules.layering(TIDY).check(both)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ArchitectureRules.layering(LEAKY).check(both)).isInstanceOf(AssertionError.class);
    }
}
