package org.spmonitor.financing.report.web;

import java.util.List;
import java.util.function.Predicate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.spmonitor.financing.report.application.ReportBatches;
import org.spmonitor.financing.report.application.ReportImportResult;
import org.spmonitor.financing.report.application.ReportImports;
import org.spmonitor.financing.report.domain.ReportLinesCsv;
import org.spmonitor.platform.csv.CsvWriter;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.web.CsvUploads;
import org.spmonitor.platform.web.Idempotency;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The ways countries submit many financing reports at once: a JSON batch (all or nothing) at
 * {@code /api/v1/financing-reports/batch}, and a CSV file of report lines at
 * {@code /api/v1/financing-reports/imports} (with {@code dryRun} and a rejection report per row, like
 * the beneficiary count import).
 */
@RestController
@RequestMapping("/api/v1/financing-reports")
@Tag(name = "Financing reports")
class FinancingReportBulkController {

    static final String TEXT_CSV = "text/csv";
    static final String CSV_EXAMPLE = """
            country,period,currency,programmeId,function,source,allocated,executed,gdp,totalGovernmentExpenditure
            SEN,2025,XOF,,FAMILY,DOMESTIC_TAX,61250000000,58900000000.50,19800000000000,4300000000000
            SEN,2025,XOF,,OLD_AGE,SOCIAL_CONTRIBUTIONS,145000000000,,,
            SEN,2025Q1,XOF,,FAMILY,DOMESTIC_TAX,,14100000000,,
            """;

    private final ReportBatches batches;
    private final ReportImports imports;
    private final Idempotency idempotency;

    FinancingReportBulkController(ReportBatches batches, ReportImports imports, Idempotency idempotency) {
        this.batches = batches;
        this.imports = imports;
        this.idempotency = idempotency;
    }

    /** The body of a batch. */
    @Schema(name = "FinancingReportBatch", description = "Up to 1,000 financing reports, each as the body of "
            + "POST /api/v1/financing-reports")
    record BatchRequest(List<FinancingReportRequest> reports) {
    }

    @PostMapping(value = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a batch of financing reports, all or nothing",
            description = "Every report is checked as by POST /api/v1/financing-reports. Any invalid report refuses "
                    + "the whole batch: a 400 naming reports[i].field for each problem, and nothing is stored or "
                    + "published. A report for a country the caller may not write for is a 403, nothing stored. "
                    + "Otherwise 200 with one result per report, in order: CREATED, UPDATED or UNCHANGED (the same "
                    + "content as its latest version; nothing published), so sending the same batch again changes "
                    + "nothing. Each report appears once per batch. With an Idempotency-Key, a repeated request "
                    + "returns the first response.")
    @ApiResponse(responseCode = "200", description = "Every report stored (or unchanged)",
            content = @Content(schema = @Schema(implementation = ReportBatches.Result.class)))
    @ApiResponse(responseCode = "400", description = "Some report is invalid; errors names each, nothing stored",
            content = @Content(mediaType = FinancingReportController.PROBLEM_JSON,
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> submitBatch(@RequestBody BatchRequest body,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        return idempotency.execute(idempotencyKey, () -> ResponseEntity.ok(batches.submit(
                body == null || body.reports() == null ? null : body.reports().stream()
                        .map(r -> r == null ? null : r.toSubmission()).toList(), caller, Caller.current())));
    }

    @PostMapping(value = "/imports", consumes = TEXT_CSV)
    @Operation(summary = "Import financing report lines from a CSV body (Content-Type: text/csv), streamed",
            description = "One row per (country, period, programmeId, function, source) with allocated and executed; "
                    + "currency, gdp and totalGovernmentExpenditure belong to the report of (country, period, "
                    + "programmeId). Reports are checked as single reports; a report with a bad row is rejected whole "
                    + "and each of its rows is listed with line, field and reason; the other reports are imported. "
                    + "dryRun=true stores nothing and reports what would change. Honours Idempotency-Key.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = TEXT_CSV,
            schema = @Schema(type = "string"), examples = @ExampleObject(value = CSV_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The import report",
            content = @Content(schema = @Schema(implementation = ReportImportResult.class)))
    @ApiResponse(responseCode = "400", description = "The file as a whole is refused (empty, bad header, too many "
            + "rows); nothing stored", content = @Content(mediaType = FinancingReportController.PROBLEM_JSON,
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> importCsvBody(HttpServletRequest request,
            @Parameter(description = "true: store nothing, report what would change")
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = "Makes a retried POST safe: the same key and file return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        Predicate<String> mayWrite = mayWrite();
        return idempotency.execute(idempotencyKey, () -> CsvUploads.body(request,
                reader -> imports.importCsv(reader, dryRun, caller, mayWrite)));
    }

    @PostMapping(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import financing report lines from an uploaded CSV file (multipart part file)",
            description = "As the text/csv form.")
    @ApiResponse(responseCode = "200", description = "The import report",
            content = @Content(schema = @Schema(implementation = ReportImportResult.class)))
    ResponseEntity<?> importUpload(@RequestPart(value = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "is required: the CSV file as a multipart part named file");
        }
        String caller = Caller.current().name();
        Predicate<String> mayWrite = mayWrite();
        return idempotency.execute(idempotencyKey, () -> CsvUploads.part(file,
                reader -> imports.importCsv(reader, dryRun, caller, mayWrite)));
    }

    @GetMapping(value = "/imports/template.csv", produces = TEXT_CSV)
    @Operation(summary = "The CSV template: the header and example rows")
    ResponseEntity<String> template() {
        StringBuilder out = new StringBuilder();
        CsvWriter writer = CsvWriter.to(out).row(ReportLinesCsv.COLUMNS.toArray(String[]::new));
        CSV_EXAMPLE.lines().skip(1).forEach(line -> writer.row(line.split(",", -1)));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("financing-report-lines-template.csv").build().toString())
                .body(out.toString());
    }

    /** The countries the caller may write for, asked on the request's thread. */
    private static Predicate<String> mayWrite() {
        Caller caller = Caller.current();
        return caller::canWriteFor;
    }
}
