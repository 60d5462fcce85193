package org.spmonitor.financing.report.domain;

import java.math.BigDecimal;
import java.util.List;

import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;

/** A financing report as submitted, not yet checked: any field may be missing. */
public record ReportSubmission(String country, String period, String currency, BigDecimal gdp,
        BigDecimal totalGovernmentExpenditure, String programmeId, List<Line> lines) {

    /** One submitted line; at least one of {@code allocated} and {@code executed} must be given. */
    public record Line(FinancingFunction function, FundingSource source, BigDecimal allocated, BigDecimal executed) {
    }
}
