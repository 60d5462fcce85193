package org.spmonitor.financing.report.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.platform.programmeview.KnownProgramme;

/** What is accepted in a valid report but worth a second look; never a reason to refuse it. */
public final class ReportWarnings {

    public static final String USD = "USD";

    /**
     * @param programme the report's programme in the local view, if it has one
     * @param rateKnown whether an exchange rate of the report's currency for its year exists (USD needs none)
     */
    public static List<Warning> of(FinancingReport report, Optional<KnownProgramme> programme, boolean rateKnown) {
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < report.lines().size(); i++) {
            ReportLine line = report.lines().get(i);
            if (line.overspent()) {
                warnings.add(new Warning("lines[" + i + "].executed", "executed " + line.executed().toPlainString()
                        + " is above allocated " + line.allocated().toPlainString()
                        + " (accepted: supplementary budgets happen; please check the figures)"));
            }
        }
        BigDecimal executed = report.totalExecuted();
        if (report.totalGovernmentExpenditure() != null && executed.compareTo(report.totalGovernmentExpenditure()) > 0) {
            warnings.add(new Warning("totalGovernmentExpenditure", "the lines execute " + executed.toPlainString()
                    + ", more than the total government expenditure "
                    + report.totalGovernmentExpenditure().toPlainString()));
        }
        if (report.gdp() != null && executed.compareTo(report.gdp()) > 0) {
            warnings.add(new Warning("gdp", "the lines execute " + executed.toPlainString() + ", more than the GDP "
                    + report.gdp().toPlainString() + "; check that both are in " + report.currency()));
        }
        if (!rateKnown && !USD.equals(report.currency())) {
            warnings.add(new Warning("currency", "no exchange rate of " + report.currency() + " for " + report.year()
                    + " yet: dashboards show this report's USD figures as missing until one is published at "
                    + "/api/v1/exchange-rates"));
        }
        programme.filter(p -> !p.runsDuring(report.period().start(), report.period().end()))
                .ifPresent(p -> warnings.add(new Warning("period", "'" + report.period()
                        + "' is outside the programme's dates " + (p.startDate() == null ? "" : p.startDate()) + ".."
                        + (p.endDate() == null ? "" : p.endDate()))));
        return warnings;
    }

    private ReportWarnings() {
    }
}
