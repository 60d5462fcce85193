package org.spmonitor.financing.rate.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.rate.domain.RateRecord;

/** An exchange rate as the API shows it. */
@Schema(name = "ExchangeRate", description = "The latest version of the annual average rate of a currency for a year. "
        + "unitsPerUsd is units of the currency per 1 USD; a USD amount is the local amount divided by it. meaning "
        + "spells it out. history (every version, oldest first) is given when one rate is read, not in lists.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record RateView(String currency, int year, String unitsPerUsd, String meaning, long version, String source,
        Instant updatedAt, String updatedBy, List<VersionView> history) {

    @Schema(name = "ExchangeRateVersion")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionView(long version, Instant at, String by, String unitsPerUsd, String source) {
    }

    static RateView of(RateRecord rate) {
        return new RateView(rate.currency(), rate.year(), rate.unitsPerUsd(),
                "1 USD = " + rate.unitsPerUsd() + " " + rate.currency(), rate.version(),
                rate.source(), rate.updatedAt(), rate.updatedBy(), rate.history() == null ? null
                        : rate.history().stream().map(v -> new VersionView(v.version(), v.at(), v.by(),
                                v.unitsPerUsd(), v.source())).toList());
    }
}
