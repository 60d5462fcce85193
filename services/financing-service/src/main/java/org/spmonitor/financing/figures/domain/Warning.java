package org.spmonitor.financing.figures.domain;

/**
 * Something accepted but worth a second look (executed above allocated, no exchange rate yet):
 * returned with the response, never a reason to refuse. {@code field} is a JSON path into the body.
 */
public record Warning(String field, String message) {
}
