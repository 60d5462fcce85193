package org.spmonitor.financing.report.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.financing.figures.domain.Decimals;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.reference.Currencies;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.Violations;

/** The rules of DESIGN.md "Financing report" for one submission. */
public final class FinancingReportRules {

    static final int MAX_ID_LENGTH = 128;

    /**
     * Checks {@code submission}; {@code programme} is the local view of its programme, if it named one
     * and the view knows it. Every problem is reported at once, each naming its field.
     *
     * @return the valid report, with its period normalised ({@code 202501} becomes {@code 2025-01})
     * @throws org.spmonitor.platform.validation.InvalidInputException listing every violation
     */
    public static FinancingReport check(ReportSubmission submission, Optional<KnownProgramme> programme) {
        Violations violations = new Violations();
        if (submission == null) {
            violations.add("", "must be a financing report object");
            violations.throwIfAny();
        }
        String country = submission.country();
        if (violations.required(country, "country")) {
            violations.check(Countries.isIso3(country), "country",
                    () -> "must be an ISO 3166-1 alpha-3 country code in upper case, such as KHM; was '" + country + "'");
        }
        Optional<ReportingPeriod> period = Optional.empty();
        if (violations.required(submission.period(), "period")) {
            period = ReportingPeriod.parseLenient(submission.period());
            violations.check(period.isPresent(), "period",
                    () -> ReportingPeriod.FORMAT_HINT + "; was '" + submission.period() + "'");
        }
        String currency = submission.currency();
        if (violations.required(currency, "currency")) {
            violations.check(Currencies.isIso4217(currency), "currency",
                    () -> "must be an ISO 4217 currency code in upper case, such as KHR or XOF; was '" + currency + "'");
        }
        Optional<BigDecimal> gdp = Decimals.positiveAmount(submission.gdp(), "gdp", violations);
        Optional<BigDecimal> expenditure = Decimals.positiveAmount(submission.totalGovernmentExpenditure(),
                "totalGovernmentExpenditure", violations);
        checkProgramme(submission.programmeId(), country, programme, violations);
        List<ReportLine> lines = checkLines(submission.lines(), violations);
        violations.throwIfAny();
        return new FinancingReport(country, period.orElseThrow(), currency, gdp.orElse(null), expenditure.orElse(null),
                submission.programmeId(), lines);
    }

    private static void checkProgramme(String programmeId, String country, Optional<KnownProgramme> programme,
            Violations violations) {
        if (programmeId == null) {
            return;
        }
        if (programmeId.isEmpty() || programmeId.length() > MAX_ID_LENGTH || !programmeId.matches("\\S+")) {
            violations.add("programmeId", "must be a programme id of 1 to " + MAX_ID_LENGTH
                    + " characters without spaces; leave it out for a whole-country report");
            return;
        }
        if (programme.isEmpty()) {
            violations.add("programmeId", "unknown programme '" + programmeId
                    + "': register it in programme-service first; if it was registered seconds ago, retry shortly");
            return;
        }
        String owner = programme.get().country();
        if (country != null && !country.equals(owner)) {
            violations.add("programmeId", "programme '" + programmeId + "' belongs to " + owner + ", not to "
                    + country + "; report it under " + owner + " or leave programmeId out");
        }
    }

    private static List<ReportLine> checkLines(List<ReportSubmission.Line> submitted, Violations violations) {
        List<ReportLine> lines = new ArrayList<>();
        if (!violations.required(submitted, "lines")) {
            return lines;
        }
        if (submitted.isEmpty()) {
            violations.add("lines", "must hold at least one line of function, source, allocated and executed");
            return lines;
        }
        Map<String, Integer> firstIndexOf = new HashMap<>();
        for (int i = 0; i < submitted.size(); i++) {
            ReportSubmission.Line line = submitted.get(i);
            Violations at = violations.nested("lines", i);
            if (line == null) {
                at.add("", "must be a line object");
                continue;
            }
            boolean complete = at.required(line.function(), "function") & at.required(line.source(), "source");
            if (complete) {
                Integer first = firstIndexOf.putIfAbsent(line.function() + "/" + line.source(), i);
                if (first != null) {
                    at.add("", "repeats function " + line.function() + " and source " + line.source()
                            + " of lines[" + first + "]; give one line per function and source");
                }
            }
            if (line.allocated() == null && line.executed() == null) {
                at.add("", "must give allocated, executed or both");
            }
            Optional<BigDecimal> allocated = Decimals.amount(line.allocated(), "allocated", at);
            Optional<BigDecimal> executed = Decimals.amount(line.executed(), "executed", at);
            lines.add(new ReportLine(line.function(), line.source(), allocated.orElse(null), executed.orElse(null)));
        }
        return lines;
    }

    private FinancingReportRules() {
    }
}
