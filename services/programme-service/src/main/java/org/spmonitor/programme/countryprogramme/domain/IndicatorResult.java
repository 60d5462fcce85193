package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** The actual value of an indicator for a period (canonical form, e.g. 2025, 2025Q1, 2025-01). */
public record IndicatorResult(String period, BigDecimal actualValue, Instant reportedAt, String reportedBy) {
}
