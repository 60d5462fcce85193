package org.spmonitor.events.financing;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/**
 * An SP&amp;PFM financing report was submitted or resubmitted (new version). Amounts are in
 * {@code currency} (ISO 4217) and travel as decimal strings, never binary floating point.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinancingReportSubmitted(
        String reportId,
        long version,
        String country,
        String period,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gdp,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalGovernmentExpenditure,
        String programmeId,
        List<FinancingLine> lines) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return reportId;
    }
}
