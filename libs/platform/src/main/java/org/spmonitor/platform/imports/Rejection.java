package org.spmonitor.platform.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One refusal in an import report. {@code line} is the CSV line (the physical line the row starts on;
 * 1 is the header); {@code value} the 0-based index of a value in a JSON file (DHIS2
 * {@code dataValues}); {@code field} the column or JSON field at fault, absent when the whole row is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(Long line, Integer value, String field, String message) {
}
