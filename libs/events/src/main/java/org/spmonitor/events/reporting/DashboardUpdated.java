package org.spmonitor.events.reporting;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/**
 * The dashboard of a country and year changed. Carries the new headline figures; a figure whose
 * inputs are missing (no target population, no exchange rate) is {@code null}, never zero.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardUpdated(
        String country,
        int year,
        long version,
        long activeBeneficiaries,
        long newBeneficiaries,
        Long targetPopulation,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal coverageRate,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal allocatedUsd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executedUsd,
        Instant newestEventTime) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return country + "/" + year;
    }
}
