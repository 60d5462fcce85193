package org.spmonitor.events.programme;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/** An actual value of a results indicator was reported for a period. Values travel as decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorResultReported(
        String programmeId,
        long version,
        String country,
        String indicatorCode,
        String indicatorName,
        String unit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal baselineValue,
        Integer baselineYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal targetValue,
        Integer targetYear,
        String period,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal actualValue) implements DomainEvent {

    @Override
    public String key() {
        return country;
    }

    @Override
    public String subject() {
        return programmeId;
    }
}
