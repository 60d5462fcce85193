package org.spmonitor.financing.figures.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

class DecimalsTest {

    private final Violations violations = new Violations();

    @Test
    void keepsAnAmountNearTenToTheFifteenthWithFourDecimalsExactly() {
        Optional<BigDecimal> amount = Decimals.amount(new BigDecimal("999999999999999.9999"), "gdp", violations);

        assertThat(amount).map(BigDecimal::toPlainString).contains("999999999999999.9999");
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void keepsTheLargestAllowedAmountExactly() {
        Optional<BigDecimal> amount = Decimals.amount(new BigDecimal("99999999999999999999.9999"), "gdp", violations);

        assertThat(amount).map(BigDecimal::toPlainString).contains("99999999999999999999.9999");
    }

    @Test
    void refusesAnAmountOfTenToTheTwentieth() {
        assertThat(Decimals.amount(new BigDecimal("100000000000000000000"), "gdp", violations)).isEmpty();

        assertThat(violations.list()).containsExactly(new FieldViolation("gdp", "must be less than 10^20"));
    }

    @Test
    void refusesAFifthDecimalPlaceRatherThanRoundingIt() {
        assertThat(Decimals.amount(new BigDecimal("1000000000000000.00001"), "lines[0].allocated", violations)).isEmpty();

        assertThat(violations.list()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("lines[0].allocated");
            assertThat(v.message()).contains("has 5 decimal places; at most 4");
        });
    }

    @Test
    void acceptsTrailingZerosBeyondTheFourthDecimalAndDropsOnlyThem() {
        assertThat(Decimals.amount(new BigDecimal("12.345600000"), "gdp", violations))
                .map(BigDecimal::toPlainString).contains("12.3456");
    }

    @Test
    void writesAnExponentFormInPlainNotation() {
        assertThat(Decimals.amount(new BigDecimal("1.5E+3"), "gdp", violations))
                .map(BigDecimal::toString).contains("1500");
    }

    @Test
    void refusesAHugeExponentWithoutExpandingIt() {
        assertThat(Decimals.amount(new BigDecimal("1E+999999999"), "gdp", violations)).isEmpty();

        assertThat(violations.list()).extracting(FieldViolation::message).containsExactly("must be less than 10^20");
    }

    @Test
    void refusesANegativeAmountAndAcceptsZero() {
        assertThat(Decimals.amount(new BigDecimal("-0.01"), "executed", violations)).isEmpty();
        assertThat(Decimals.amount(BigDecimal.ZERO, "allocated", violations)).contains(BigDecimal.ZERO);

        assertThat(violations.list()).containsExactly(new FieldViolation("executed", "must be 0 or more"));
    }

    @Test
    void refusesAZeroDenominator() {
        assertThat(Decimals.positiveAmount(new BigDecimal("0.00"), "gdp", violations)).isEmpty();

        assertThat(violations.list()).containsExactly(new FieldViolation("gdp", "must be greater than 0"));
    }

    @Test
    void acceptsARateWithTenDecimalsAndRefusesEleven() {
        assertThat(Decimals.rate(new BigDecimal("0.3070000001"), "unitsPerUsd", violations)).isPresent();
        assertThat(Decimals.rate(new BigDecimal("0.30700000001"), "unitsPerUsd", violations)).isEmpty();

        assertThat(violations.list()).hasSize(1);
    }

    @Test
    void parsesOnlyPlainDecimalText() {
        assertThat(Decimals.parsePlain("601.2350")).map(BigDecimal::toPlainString).contains("601.2350");
        assertThat(Decimals.parsePlain("-3")).contains(new BigDecimal("-3"));
        assertThat(Decimals.parsePlain("6.01E2")).isEmpty();
        assertThat(Decimals.parsePlain("601,2350")).isEmpty();
        assertThat(Decimals.parsePlain("1 000")).isEmpty();
        assertThat(Decimals.parsePlain("NaN")).isEmpty();
        assertThat(Decimals.parsePlain(null)).isEmpty();
    }
}
