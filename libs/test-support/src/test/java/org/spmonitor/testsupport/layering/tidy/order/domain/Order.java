package org.spmonitor.testsupport.layering.tidy.order.domain;

/** A fixture of {@code ArchitectureRulesTest}: a service laid out as the rule wants. */
public record Order(String id, int quantity) {
}
