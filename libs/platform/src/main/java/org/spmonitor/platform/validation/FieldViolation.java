package org.spmonitor.platform.validation;

/**
 * One thing wrong with a request: {@code field} is a JSON path into the body ({@code items[3].sex.female}),
 * a query parameter, or a CSV column with its line.
 */
public record FieldViolation(String field, String message) {
}
