package org.spmonitor.financing.rate.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.platform.write.WriteOutcome;

/** What publishing one rate did. */
@Schema(name = "ExchangeRateWriteResult", description = "What publishing a rate did: CREATED (version 1), UPDATED (a "
        + "revision: a new version, published as ExchangeRatePublished with that higher version) or UNCHANGED (same "
        + "value and source; nothing published). A warning flags a revision by more than a factor of ten, which "
        + "usually means the inverse rate (USD per unit) was entered.")
record RateWriteResponse(String currency, int year, long version, WriteOutcome outcome, String unitsPerUsd,
        List<Warning> warnings) {
}
