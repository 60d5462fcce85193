package org.spmonitor.financing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.spmonitor.events.financing.FinancingFunction;
import org.spmonitor.events.financing.FundingSource;
import org.spmonitor.financing.report.domain.ReportSubmission;

/** Object mother: financing reports as country teams submit them, as domain input and as JSON bodies. */
public final class FinancingReports {

    /** Cambodia's 2025 whole-country report in riel, with GDP and total government expenditure. */
    public static ReportSubmission cambodia2025() {
        return new ReportSubmission("KHM", "2025", "KHR", new BigDecimal("190500000000000.00"),
                new BigDecimal("31200000000000.00"), null, List.of(
                        new ReportSubmission.Line(FinancingFunction.FAMILY, FundingSource.DOMESTIC_TAX,
                                new BigDecimal("1250000000000.50"), new BigDecimal("987654321000.25")),
                        new ReportSubmission.Line(FinancingFunction.OLD_AGE, FundingSource.SOCIAL_CONTRIBUTIONS,
                                new BigDecimal("1250000000.50"), null)));
    }

    /** The same report with other lines. */
    public static ReportSubmission withLines(ReportSubmission report, ReportSubmission.Line... lines) {
        return new ReportSubmission(report.country(), report.period(), report.currency(), report.gdp(),
                report.totalGovernmentExpenditure(), report.programmeId(), List.of(lines));
    }

    public static ReportSubmission forProgramme(ReportSubmission report, String programmeId) {
        return new ReportSubmission(report.country(), report.period(), report.currency(), report.gdp(),
                report.totalGovernmentExpenditure(), programmeId, report.lines());
    }

    public static ReportSubmission.Line line(FinancingFunction function, FundingSource source, String allocated,
            String executed) {
        return new ReportSubmission.Line(function, source, allocated == null ? null : new BigDecimal(allocated),
                executed == null ? null : new BigDecimal(executed));
    }

    /** A JSON body: a mutable map, so a test can break or change one field. */
    public static Map<String, Object> body(String country, String period, String currency, String programmeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", country);
        body.put("period", period);
        body.put("currency", currency);
        if (programmeId != null) {
            body.put("programmeId", programmeId);
        }
        List<Object> lines = new ArrayList<>();
        lines.add(lineBody("FAMILY", "DOMESTIC_TAX", "1250000.50", "987654.25"));
        body.put("lines", lines);
        return body;
    }

    public static Map<String, Object> lineBody(String function, String source, Object allocated, Object executed) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("function", function);
        line.put("source", source);
        if (allocated != null) {
            line.put("allocated", allocated);
        }
        if (executed != null) {
            line.put("executed", executed);
        }
        return line;
    }

    /** The content of the golden FinancingReportSubmitted (libs/events), as a JSON body. */
    public static Map<String, Object> goldenKhmBody(String programmeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", "KHM");
        body.put("period", "2025");
        body.put("currency", "KHR");
        body.put("gdp", "190500000000000.00");
        body.put("totalGovernmentExpenditure", "31200000000000.00");
        body.put("programmeId", programmeId);
        body.put("lines", new ArrayList<>(List.of(
                lineBody("FAMILY", "DOMESTIC_TAX", "1250000000000.50", "987654321000.25"),
                lineBody("FAMILY", "EXTERNAL_GRANT", "84000000000.00", "61250000000.00"),
                lineBody("OLD_AGE", "SOCIAL_CONTRIBUTIONS", "1250000000.50", null),
                lineBody("ADMINISTRATION", "DOMESTIC_TAX", "42500000000.00", "39800000000.00"))));
        return body;
    }

    private FinancingReports() {
    }
}
