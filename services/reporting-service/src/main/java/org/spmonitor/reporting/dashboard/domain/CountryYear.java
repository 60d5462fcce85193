package org.spmonitor.reporting.dashboard.domain;

/** The unit a rollup is recomputed for. */
public record CountryYear(String country, int year) {

    public String id() {
        return country + "-" + year;
    }
}
