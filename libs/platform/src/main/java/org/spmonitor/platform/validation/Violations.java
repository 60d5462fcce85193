package org.spmonitor.platform.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects the {@link FieldViolation}s of one validation, with a path prefix for nested objects. */
public final class Violations {

    private final List<FieldViolation> violations;
    private final String prefix;

    public Violations() {
        this(new ArrayList<>(), "");
    }

    private Violations(List<FieldViolation> violations, String prefix) {
        this.violations = violations;
        this.prefix = prefix;
    }

    /** Violations added through the returned view get {@code field.} in front of their names. */
    public Violations nested(String field) {
        return new Violations(violations, path(field) + ".");
    }

    /** Violations added through the returned view get {@code field[index].} in front of their names. */
    public Violations nested(String field, int index) {
        return new Violations(violations, path(field) + "[" + index + "].");
    }

    public Violations add(String field, String message) {
        violations.add(new FieldViolation(path(field), message));
        return this;
    }

    /** Adds the violation when {@code condition} is false. Returns the condition. */
    public boolean check(boolean condition, String field, Supplier<String> message) {
        if (!condition) {
            add(field, message.get());
        }
        return condition;
    }

    /** Adds "is required" when {@code value} is null. Returns whether the value is present. */
    public boolean required(Object value, String field) {
        return check(value != null, field, () -> "is required");
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(violations);
    }

    /** Throws {@link InvalidInputException} when anything was found. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(list());
        }
    }

    private String path(String field) {
        if (field == null || field.isEmpty()) {
            return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }
        return prefix + field;
    }
}
