package org.spmonitor.financing.rate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

class ExchangeRateRulesTest {

    private final Violations violations = new Violations();

    @Test
    void acceptsARateAndTrimsItsSource() {
        Optional<ExchangeRate> rate = ExchangeRateRules.check(
                new RateSubmission("XOF", 2025, new BigDecimal("601.2350"), "  BCEAO annual average "), violations);

        assertThat(rate).contains(new ExchangeRate("XOF", 2025, new BigDecimal("601.2350"), "BCEAO annual average"));
        assertThat(rate.orElseThrow().id()).isEqualTo("XOF-2025");
    }

    @Test
    void refusesARateForUsdItselfBecauseItIsOneByDefinition() {
        ExchangeRateRules.check(new RateSubmission("USD", 2025, BigDecimal.ONE, null), violations);

        assertThat(violations.list()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("currency");
            assertThat(v.message()).contains("USD needs no rate");
        });
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        ExchangeRateRules.check(new RateSubmission("xof", 1850, new BigDecimal("0"), "x".repeat(201)), violations);

        assertThat(violations.list()).extracting(FieldViolation::field)
                .containsExactly("currency", "year", "unitsPerUsd", "source");
    }

    @Test
    void requiresCurrencyYearAndRate() {
        assertThat(ExchangeRateRules.check(new RateSubmission(null, null, null, null), violations)).isEmpty();

        assertThat(violations.list()).extracting(FieldViolation::field).containsExactly("currency", "year", "unitsPerUsd");
    }

    @Test
    void warnsWhenARevisionLooksLikeTheInverseRate() {
        ExchangeRate inverted = new ExchangeRate("XOF", 2025, new BigDecimal("0.00166"), null);

        assertThat(ExchangeRateRules.revisionWarnings(Optional.of(new BigDecimal("601.2350")), inverted, "unitsPerUsd"))
                .singleElement().extracting(Warning::message).asString()
                .contains("units of XOF per 1 USD, not USD per XOF");
    }

    @Test
    void anOrdinaryRevisionOrAFirstRateHasNoWarning() {
        ExchangeRate revised = new ExchangeRate("XOF", 2025, new BigDecimal("598.10"), null);

        assertThat(ExchangeRateRules.revisionWarnings(Optional.of(new BigDecimal("601.2350")), revised, "unitsPerUsd"))
                .isEmpty();
        assertThat(ExchangeRateRules.revisionWarnings(Optional.empty(), revised, "unitsPerUsd")).isEmpty();
    }

    @Test
    void theSameValueWithOtherTrailingZerosIsNoRevision() {
        assertThat(new ExchangeRate("KHR", 2025, new BigDecimal("4102.75"), "NBC")
                .sameAs(new ExchangeRate("KHR", 2025, new BigDecimal("4102.7500"), "NBC"))).isTrue();
        assertThat(new ExchangeRate("KHR", 2025, new BigDecimal("4102.75"), "NBC")
                .sameAs(new ExchangeRate("KHR", 2025, new BigDecimal("4102.75"), "IMF"))).isFalse();
    }
}
