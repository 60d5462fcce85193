package org.spmonitor.events.financing;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.events.DomainEvent;

/**
 * The annual average exchange rate of {@code currency} for {@code year}, as
 * {@code unitsPerUsd}: how many units of the currency buy one US dollar (e.g. XOF 600.5).
 * A USD amount is the local amount divided by this rate. A revision is a higher version.
 * The record key is the currency code: rates are not about one country.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExchangeRatePublished(
        String currency,
        int year,
        long version,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitsPerUsd,
        String source) implements DomainEvent {

    @Override
    public String key() {
        return currency;
    }

    @Override
    public String subject() {
        return currency + "/" + year;
    }
}
