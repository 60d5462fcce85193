package org.spmonitor.financing.rate.domain;

import java.math.BigDecimal;
import java.util.Optional;

import org.spmonitor.platform.write.WriteOutcome;

/** The result of publishing one rate; {@code previous} is the value it replaced, if any. */
public record PublishedRate(String id, String currency, int year, long version, WriteOutcome outcome,
        Optional<BigDecimal> previous) {
}
