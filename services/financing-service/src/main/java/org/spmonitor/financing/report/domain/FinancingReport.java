package org.spmonitor.financing.report.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.spmonitor.platform.reference.ReportingPeriod;

/**
 * A valid SP&amp;PFM financing report: every amount in {@code currency}, non-negative, at most 4
 * decimal places; one line per (function, source); the programme, if any, belongs to {@code country}.
 */
public record FinancingReport(String country, ReportingPeriod period, String currency, BigDecimal gdp,
        BigDecimal totalGovernmentExpenditure, String programmeId, List<ReportLine> lines) {

    public FinancingReport {
        lines = List.copyOf(lines);
    }

    public ReportKey key() {
        return new ReportKey(country, period.toString(), programmeId);
    }

    /** The year whose exchange rate converts this report to USD. */
    public int year() {
        return period.year();
    }

    /** Sum of the executed amounts of the lines that give one. */
    public BigDecimal totalExecuted() {
        return lines.stream().map(ReportLine::executed).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Whether {@code other} says the same thing: same fields, amounts equal as numbers ({@code 10.50}
     * equals {@code 10.5}), the same lines in any order. A re-submission of the same content is no new version.
     */
    public boolean sameContentAs(FinancingReport other) {
        if (!country.equals(other.country) || !period.equals(other.period) || !currency.equals(other.currency)
                || !Objects.equals(programmeId, other.programmeId) || !ReportLine.sameAmount(gdp, other.gdp)
                || !ReportLine.sameAmount(totalGovernmentExpenditure, other.totalGovernmentExpenditure)
                || lines.size() != other.lines.size()) {
            return false;
        }
        for (ReportLine line : lines) {
            if (other.lines.stream().noneMatch(line::sameAs)) {
                return false;
            }
        }
        return true;
    }
}
