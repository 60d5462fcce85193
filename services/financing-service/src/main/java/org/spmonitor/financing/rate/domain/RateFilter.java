package org.spmonitor.financing.rate.domain;

/** Filters of the list of rates; null means any. */
public record RateFilter(String currency, Integer year) {
}
