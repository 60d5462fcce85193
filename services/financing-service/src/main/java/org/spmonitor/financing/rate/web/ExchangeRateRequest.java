package org.spmonitor.financing.rate.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.spmonitor.financing.rate.domain.RateSubmission;

/** The JSON body of {@code POST /api/v1/exchange-rates}. */
@Schema(name = "ExchangeRateSubmission", description = "The annual average exchange rate of a currency for a year, "
        + "as unitsPerUsd: how many units of the currency buy ONE US dollar. Example: XOF 601.2350 means "
        + "1 USD = 601.2350 XOF, so 1 000 000 XOF = 1 000 000 / 601.2350 = 1663.24 USD. USD itself needs no rate.")
record ExchangeRateRequest(
        @Schema(description = "ISO 4217 code of the currency (not USD)", example = "XOF",
                requiredMode = RequiredMode.REQUIRED)
        String currency,
        @Schema(description = "The year of the annual average, 1900 to 2100", example = "2025",
                requiredMode = RequiredMode.REQUIRED)
        Integer year,
        @Schema(description = "Units of the currency per 1 USD (NOT USD per unit); greater than 0, at most 10 decimal "
                + "places; a decimal string (recommended) or a JSON number, read exactly", type = "string",
                format = "decimal", example = "601.2350", requiredMode = RequiredMode.REQUIRED)
        BigDecimal unitsPerUsd,
        @Schema(description = "Where the rate comes from, at most 200 characters", example = "BCEAO annual average")
        String source) {

    RateSubmission toSubmission() {
        return new RateSubmission(currency, year, unitsPerUsd, source);
    }
}
