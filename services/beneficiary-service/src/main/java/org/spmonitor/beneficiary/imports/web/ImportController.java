package org.spmonitor.beneficiary.imports.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Predicate;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.spmonitor.beneficiary.imports.application.ImportService;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.InvalidInputException;
import org.spmonitor.platform.web.CsvUploads;
import org.spmonitor.platform.web.Idempotency;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/beneficiary-counts/imports}: CSV (raw {@code text/csv} body or a multipart {@code file})
 * and DHIS2 {@code dataValueSets} JSON (multipart {@code file} plus {@code mapping}); {@code dryRun=true}
 * reports what would change and stores nothing. Bodies are UTF-8.
 */
@RestController
@RequestMapping("/api/v1/beneficiary-counts/imports")
class ImportController {

    static final String TEXT_CSV = "text/csv";

    private final ImportService imports;
    private final Idempotency idempotency;

    ImportController(ImportService imports, Idempotency idempotency) {
        this.imports = imports;
        this.idempotency = idempotency;
    }

    @Operation(summary = "Import a CSV body (Content-Type: text/csv), streamed row by row",
            description = "Good rows are imported, bad rows are listed with line, field and reason. dryRun=true "
                    + "stores nothing and reports what would change. Honours Idempotency-Key.")
    @PostMapping(consumes = TEXT_CSV)
    ResponseEntity<?> importCsvBody(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(value = Idempotency.HEADER, required = false) String idempotencyKey) {
        String caller = Caller.current().name();
        // with a key, the platform has spooled the body (to disk past 1 MB) and hashed it before this runs
        return idempotency.execute(idempotencyKey, () -> CsvUploads.body(request,
                reader -> imports.importCsv(reader, dryRun, caller, mayWrite())));
    }

    @Operation(summary = "Import an uploaded file: CSV, or DHIS2 dataValueSets JSON with its mapping",
            description = "Parts: file (required), mapping (required for DHIS2). format=csv|dhis2, else guessed from "
                    + "the file name (.json = dhis2) or content type. dryRun=true stores nothing.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importUpload(@RequestPart(value = "file", required = false) MultipartFile file,
            @RequestPart(value = "mapping", required = false) MultipartFile mapping,
            @RequestParam(required = false) String format, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(value = Idempotency.HEADER, required = false) String idempotencyKey) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "is required: the CSV or DHIS2 file as a multipart part named file");
        }
        String kind = format(format, file);
        String caller = Caller.current().name();
        if ("csv".equals(kind)) {
            return idempotency.execute(idempotencyKey, () -> CsvUploads.part(file,
                    reader -> imports.importCsv(reader, dryRun, caller, mayWrite())));
        }
        return idempotency.execute(idempotencyKey, () -> {
            try (InputStream data = file.getInputStream();
                    InputStream map = mapping == null ? null : mapping.getInputStream()) {
                return ResponseEntity.ok(imports.importDhis2(data, map, dryRun, caller, mayWrite()));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    @Operation(summary = "The CSV template: header and two example rows")
    @GetMapping(value = "/template.csv", produces = TEXT_CSV)
    ResponseEntity<Resource> template() {
        return download(new ClassPathResource("imports/beneficiary-counts-template.csv"),
                "beneficiary-counts-template.csv", MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"));
    }

    @Operation(summary = "An example DHIS2 mapping file")
    @GetMapping(value = "/dhis2-mapping-example.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Resource> mappingExample() {
        return download(new ClassPathResource("imports/dhis2-mapping-example.json"), "dhis2-mapping-example.json",
                MediaType.APPLICATION_JSON);
    }

    private static ResponseEntity<Resource> download(Resource resource, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(resource);
    }

    /** The countries the caller may write for, asked on the request's thread. */
    private static Predicate<String> mayWrite() {
        Caller caller = Caller.current();
        return caller::canWriteFor;
    }

    static String format(String format, MultipartFile file) {
        if (format != null) {
            String lower = format.toLowerCase(Locale.ROOT);
            if (!lower.equals("csv") && !lower.equals("dhis2")) {
                throw new InvalidInputException("format", "must be csv or dhis2, was '" + format + "'");
            }
            return lower;
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || type.startsWith("application/json") ? "dhis2" : "csv";
    }
}
