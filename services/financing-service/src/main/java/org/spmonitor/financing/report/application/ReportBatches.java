package org.spmonitor.financing.report.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.financing.figures.domain.Warning;
import org.spmonitor.financing.rate.store.RateStore;
import org.spmonitor.financing.report.domain.FinancingReport;
import org.spmonitor.financing.report.domain.FinancingReportRules;
import org.spmonitor.financing.report.domain.ReportSubmission;
import org.spmonitor.financing.report.domain.ReportWarnings;
import org.spmonitor.financing.report.domain.ReportWrite;
import org.spmonitor.financing.report.store.ReportStore;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.stereotype.Service;

/**
 * A batch of financing reports, all or nothing: every report is checked by the rules of a single
 * report first, and any problem refuses the whole batch (a 400 naming {@code reports[i].field}, nothing
 * stored or published). A valid batch is written in bulk through the versioned write path; a report
 * whose content equals its latest version is {@code UNCHANGED}, so sending the same batch again
 * changes nothing and publishes nothing.
 */
@Service
public class ReportBatches {

    /** Most reports in one batch. */
    public static final int MAX_REPORTS = 1_000;

    private final ReportStore reports;
    private final RateStore rates;
    private final KnownProgrammes programmes;
    private final SubmissionMetrics metrics;

    public ReportBatches(ReportStore reports, RateStore rates, KnownProgrammes programmes, SubmissionMetrics metrics) {
        this.reports = reports;
        this.rates = rates;
        this.programmes = programmes;
        this.metrics = metrics;
    }

    /** What one report of the batch became. */
    @Schema(name = "FinancingReportBatchItem")
    public record Item(int index, String reportId, long version, WriteOutcome outcome, List<Warning> warnings) {
    }

    /** What the batch did: one item per report, in order, and the tallies. */
    @Schema(name = "FinancingReportBatchResult")
    public record Result(int created, int updated, int unchanged, List<Item> reports) {
    }

    /**
     * Checks and writes the batch.
     *
     * @throws InvalidInputException naming every problem of every report; nothing is written
     * @throws org.spmonitor.platform.validation.ForbiddenException when a report is for a country the
     *         caller may not write for; nothing is written
     */
    public Result submit(List<ReportSubmission> submissions, String by, Caller caller) {
        Violations violations = new Violations();
        if (submissions == null || submissions.isEmpty()) {
            violations.add("reports", "must hold at least one financing report");
        }
        else if (submissions.size() > MAX_REPORTS) {
            violations.add("reports", "holds " + submissions.size() + " reports; send at most " + MAX_REPORTS
                    + " per batch");
        }
        violations.throwIfAny();
        List<FinancingReport> checked = new ArrayList<>(submissions.size());
        List<Optional<KnownProgramme>> programmeOf = new ArrayList<>(submissions.size());
        Map<String, Integer> firstIndexOf = new HashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            ReportSubmission submission = submissions.get(i);
            Violations item = violations.nested("reports", i);
            Optional<KnownProgramme> programme = submission == null ? Optional.empty()
                    : programmes.find(submission.programmeId());
            try {
                FinancingReport report = FinancingReportRules.check(submission, programme);
                Integer first = firstIndexOf.putIfAbsent(report.key().reportId(), i);
                if (first != null) {
                    item.add("", "is the same report (country, period, programmeId) as reports[" + first
                            + "]; send each report once per batch");
                }
                checked.add(report);
                programmeOf.add(programme);
            }
            catch (InvalidInputException ex) {
                for (FieldViolation violation : ex.violations()) {
                    item.add(violation.field(), violation.message());
                }
            }
        }
        violations.throwIfAny();
        checked.forEach(report -> caller.requireWriteFor(report.country()));
        List<ReportWrite> written = reports.submitAll(checked, new EventOrigin(by, EventOrigin.API_BATCH, null, null), false);
        Map<String, Boolean> rateKnown = new HashMap<>();
        List<Item> items = new ArrayList<>(written.size());
        int[] tallies = new int[WriteOutcome.values().length];
        for (int i = 0; i < written.size(); i++) {
            FinancingReport report = checked.get(i);
            ReportWrite result = written.get(i);
            metrics.accepted("financing-report", SubmissionMetrics.API_BATCH, result.outcome());
            tallies[result.outcome().ordinal()]++;
            boolean known = rateKnown.computeIfAbsent(report.currency() + "/" + report.year(),
                    key -> rates.exists(report.currency(), report.year()));
            items.add(new Item(i, result.reportId(), result.version(), result.outcome(),
                    ReportWarnings.of(report, programmeOf.get(i), known)));
        }
        return new Result(tallies[WriteOutcome.CREATED.ordinal()], tallies[WriteOutcome.UPDATED.ordinal()],
                tallies[WriteOutcome.UNCHANGED.ordinal()], items);
    }
}
