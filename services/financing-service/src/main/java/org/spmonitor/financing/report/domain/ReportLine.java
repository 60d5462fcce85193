package org.spmonitor.financing.report.domain;

import java.math.BigDecimal;

import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;

/** Allocated and executed amounts of one (function, source) in the report's currency; either may be absent. */
public record ReportLine(FinancingFunction function, FundingSource source, BigDecimal allocated, BigDecimal executed) {

    /** Whether executed exceeds allocated (both given): accepted, but worth a warning. */
    public boolean overspent() {
        return allocated != null && executed != null && executed.compareTo(allocated) > 0;
    }

    boolean sameAs(ReportLine other) {
        return function == other.function && source == other.source && sameAmount(allocated, other.allocated)
                && sameAmount(executed, other.executed);
    }

    static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
