package org.spmonitor.programme.countryprogramme.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.Violations;

/** Assertions on what validation refuses, by field. */
final class Refusals {

    /** The fields {@code details} is refused for, in order. */
    static List<String> fieldsRefusedIn(ProgrammeDetails details) {
        Violations violations = new Violations();
        details.validate(violations);
        return violations.list().stream().map(FieldViolation::field).toList();
    }

    /** Asserts that {@code command} is refused naming exactly {@code fields}; returns the violations. */
    static List<FieldViolation> assertRefused(ThrowingCallable command, String... fields) {
        InvalidInputException[] thrown = new InvalidInputException[1];
        assertThatThrownBy(command).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
            org.assertj.core.api.Assertions.assertThat(ex.violations()).extracting(FieldViolation::field)
                    .containsExactly(fields);
            thrown[0] = ex;
        });
        return thrown[0].violations();
    }

    private Refusals() {
    }
}
