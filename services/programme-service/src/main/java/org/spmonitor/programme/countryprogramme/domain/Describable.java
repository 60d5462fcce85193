package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value that the version history can show: {@link #describe()} gives it as plain JSON-like data
 * (strings, numbers, booleans, lists and maps), so history entries are readable and comparable.
 */
public interface Describable {

    Map<String, Object> describe();

    /** Any value of a programme as plain data: enums and dates as strings, decimals as plain strings. */
    static Object of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Describable describable) {
            return describable.describe();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof LocalDate || value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(Describable::of).toList();
        }
        return value;
    }

    /** A map of the given name/value pairs that leaves out null values. */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = of(namesAndValues[i + 1]);
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                fields.put((String) namesAndValues[i], value);
            }
        }
        return fields;
    }
}
