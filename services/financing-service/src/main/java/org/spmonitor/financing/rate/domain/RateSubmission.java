package org.spmonitor.financing.rate.domain;

import java.math.BigDecimal;

/** An exchange rate as submitted (one JSON object or one CSV row), not yet checked. */
public record RateSubmission(String currency, Integer year, BigDecimal unitsPerUsd, String source) {
}
