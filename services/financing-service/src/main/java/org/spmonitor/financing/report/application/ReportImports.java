package org.spmonitor.financing.report.application;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import org.spmonitor.financing.report.domain.FinancingReport;
import org.spmonitor.financing.report.domain.FinancingReportRules;
import org.spmonitor.financing.report.domain.ReportLinesCsv;
import org.spmonitor.financing.report.domain.ReportWrite;
import org.spmonitor.financing.report.store.ReportStore;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.imports.ImportTally;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.write.SubmissionMetrics;

import org.springframework.stereotype.Service;

/**
 * Imports financing reports from a CSV file of report lines ({@link ReportLinesCsv}). The file is
 * streamed row by row; its reports are assembled, checked by the same rules as a single report, and
 * the valid ones written in bulk through the versioned write path (their events through the outbox).
 * A report with a bad row, a broken rule or a country the caller may not write for is rejected whole,
 * row by row; the other reports are imported. With {@code dryRun} nothing is written.
 */
@Service
public class ReportImports {

    private final ReportStore reports;
    private final KnownProgrammes programmes;
    private final SubmissionMetrics metrics;

    public ReportImports(ReportStore reports, KnownProgrammes programmes, SubmissionMetrics metrics) {
        this.reports = reports;
        this.programmes = programmes;
        this.metrics = metrics;
    }

    public ReportImportResult importCsv(Reader reader, boolean dryRun, String by, Predicate<String> mayWriteFor) {
        ImportTally<ReportImportResult.Change> tally = new ImportTally<>("imp-" + UUID.randomUUID(), dryRun);
        ReportLinesCsv.Read read = ReportLinesCsv.read(reader);
        Map<Long, List<FieldViolation>> rejected = new TreeMap<>(read.rejected());
        List<FinancingReport> valid = new ArrayList<>();
        List<ReportLinesCsv.Assembled> validRows = new ArrayList<>();
        for (ReportLinesCsv.Assembled assembled : read.reports()) {
            try {
                FinancingReport report = FinancingReportRules.check(assembled.submission(),
                        programmes.find(assembled.submission().programmeId()));
                if (!mayWriteFor.test(report.country())) {
                    rejected.putAll(assembled.rejectWhole(List.of(new FieldViolation("country", "is "
                            + report.country() + ", a country you may not write for"))));
                    continue;
                }
                valid.add(report);
                validRows.add(assembled);
            }
            catch (InvalidInputException ex) {
                rejected.putAll(assembled.rejectWhole(ex.violations()));
            }
        }
        tally.receive(read.received());
        rejected.forEach((line, violations) -> tally.reject(line, null, violations));
        List<ReportWrite> written = reports.submitAll(valid, new EventOrigin(by, EventOrigin.IMPORT_CSV, tally.importId(), null), dryRun);
        for (int i = 0; i < written.size(); i++) {
            ReportWrite result = written.get(i);
            List<Long> lines = validRows.get(i).lines();
            tally.store(result.outcome(), () -> new ReportImportResult.Change(lines, result.reportId(),
                    result.outcome().name(), result.version()));
            if (!dryRun) {
                metrics.accepted("financing-report", SubmissionMetrics.IMPORT_CSV, result.outcome());
            }
        }
        return ReportImportResult.of(tally);
    }
}
