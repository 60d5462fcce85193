package org.spmonitor.financing.rate.web;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.spmonitor.financing.rate.application.RateService;
import org.spmonitor.financing.rate.domain.ExchangeRate;
import org.spmonitor.financing.rate.domain.ExchangeRateRules;
import org.spmonitor.financing.rate.domain.PublishedRate;
import org.spmonitor.financing.rate.domain.RateFilter;
import org.spmonitor.financing.rate.domain.RatesCsv;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.paging.Paging;
import org.spmonitor.platform.reference.Currencies;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.web.Idempotency;
import org.spmonitor.platform.write.SubmissionMetrics;
import org.spmonitor.platform.write.WriteOutcome;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/exchange-rates")
@Tag(name = "Exchange rates", description = "Annual average exchange rates to USD, as unitsPerUsd: units of the "
        + "currency per 1 USD (XOF 601.2350 means 1 USD = 601.2350 XOF; USD amount = local amount / unitsPerUsd). "
        + "USD needs no rate. Every new or revised rate is published as ExchangeRatePublished so that dashboards "
        + "recompute their USD figures.")
class ExchangeRateController {

    static final String TEXT_CSV = "text/csv";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String CSV_EXAMPLE = """
            currency,year,unitsPerUsd,source
            XOF,2025,601.2350,BCEAO annual average
            KHR,2025,4102.75,"National Bank of Cambodia, official rate"
            """;

    private final RateService rates;
    private final Idempotency idempotency;
    private final SubmissionMetrics metrics;

    ExchangeRateController(RateService rates, Idempotency idempotency, SubmissionMetrics metrics) {
        this.rates = rates;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Publish or revise one annual average exchange rate (units of the currency per 1 USD)",
            description = "Sets the rate of (currency, year). The first rate is version 1 (201); a different value or "
                    + "source is a revision with the next version (200, UPDATED); the same value and source change "
                    + "nothing (200, UNCHANGED). Every new version is published as ExchangeRatePublished. unitsPerUsd "
                    + "is how many units of the currency buy one US dollar, never the inverse.")
    @ApiResponse(responseCode = "201", description = "Created: version 1",
            content = @Content(schema = @Schema(implementation = RateWriteResponse.class)))
    @ApiResponse(responseCode = "200", description = "Revised (a new version) or unchanged",
            content = @Content(schema = @Schema(implementation = RateWriteResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid; errors lists each field, nothing stored",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> publish(@RequestBody ExchangeRateRequest body,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        Caller.current().requireAdmin("exchange rates are reference data that administrators enter");
        String caller = Caller.current().name();
        return idempotency.execute(idempotencyKey, () -> {
            Violations violations = new Violations();
            ExchangeRate rate = ExchangeRateRules.check(body == null ? null : body.toSubmission(), violations)
                    .orElse(null);
            violations.throwIfAny();
            PublishedRate published = rates.publish(rate, caller);
            metrics.accepted("exchange-rate", SubmissionMetrics.API, published.outcome());
            RateWriteResponse response = response(rate, published, "unitsPerUsd");
            if (published.outcome() == WriteOutcome.CREATED) {
                return ResponseEntity.created(URI.create(location(rate))).body(response);
            }
            return ResponseEntity.ok(response);
        });
    }

    @PostMapping(consumes = TEXT_CSV)
    @Operation(summary = "Publish or revise many exchange rates from a CSV table",
            description = "A UTF-8 CSV table with the header currency,year,unitsPerUsd,source (any order and case; "
                    + "source optional), comma-separated (or semicolon-separated when the header uses semicolons), "
                    + "RFC 4180 quoting, decimals with a point. unitsPerUsd is units of the currency per 1 USD. One row "
                    + "per (currency, year). The whole table is checked first: any bad row is a 400 naming "
                    + "rows[i].column with its line number, and nothing is stored. Otherwise each row is published "
                    + "as by the JSON form.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = TEXT_CSV,
            schema = @Schema(type = "string"), examples = @ExampleObject(value = CSV_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Every row published (or unchanged)",
            content = @Content(schema = @Schema(implementation = RateImportResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid table; errors lists each bad cell, nothing stored",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> importCsv(@RequestBody byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @Parameter(description = "Makes a retried POST safe: the same key and body return the first response")
            @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey) {
        Caller.current().requireAdmin("exchange rates are reference data that administrators enter");
        String caller = Caller.current().name();
        Charset charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
        String csv = new String(body, charset);
        return idempotency.execute(idempotencyKey, () -> {
            List<RatesCsv.Row> rows = RatesCsv.parse(new StringReader(csv));
            List<RateWriteResponse> results = new ArrayList<>();
            int created = 0;
            int updated = 0;
            List<ExchangeRate> parsed = rows.stream().map(RatesCsv.Row::rate).toList();
            List<PublishedRate> written = rates.importAll(parsed, caller);
            for (int i = 0; i < rows.size(); i++) {
                PublishedRate published = written.get(i);
                metrics.accepted("exchange-rate", SubmissionMetrics.IMPORT_CSV, published.outcome());
                created += published.outcome() == WriteOutcome.CREATED ? 1 : 0;
                updated += published.outcome() == WriteOutcome.UPDATED ? 1 : 0;
                results.add(response(parsed.get(i), published, "rows[" + i + "].unitsPerUsd"));
            }
            return ResponseEntity.ok(new RateImportResponse(rows.size(), created, updated,
                    rows.size() - created - updated, results));
        });
    }

    @GetMapping("/{currency}/{year}")
    @Operation(summary = "Read the exchange rate of a currency and year with its full revision history")
    @ApiResponse(responseCode = "404", description = "No rate for this currency and year yet",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    RateView get(@Parameter(example = "XOF") @PathVariable String currency,
            @Parameter(example = "2025") @PathVariable int year) {
        return rates.find(currency, year).map(RateView::of)
                .orElseThrow(() -> new NotFoundException("no exchange rate of " + currency + " for " + year
                        + (ExchangeRateRules.USD.equals(currency) ? ": USD needs none, it is 1 by definition" : " yet")));
    }

    @GetMapping
    @Operation(summary = "List exchange rates (units of the currency per 1 USD)",
            description = "The latest version of each rate matching the filters, by currency and year, one page at a "
                    + "time (without history).")
    Page<RateView> list(
            @Parameter(description = "ISO 4217 currency", example = "XOF") @RequestParam(required = false) String currency,
            @Parameter(description = "Year", example = "2025") @RequestParam(required = false) Integer year,
            @Parameter(description = "0-based page") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to " + Paging.MAX_SIZE)
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE_PARAM) int size) {
        Violations violations = new Violations();
        violations.check(currency == null || Currencies.isIso4217(currency), "currency",
                () -> "must be an ISO 4217 currency code such as XOF");
        Paging paging = Paging.checked(page, size, violations);
        violations.throwIfAny();
        RateFilter filter = new RateFilter(currency, year);
        List<RateView> items = rates.list(filter, page, size).stream().map(RateView::of).toList();
        return Page.of(items, paging, rates.count(filter));
    }

    private static RateWriteResponse response(ExchangeRate rate, PublishedRate published, String field) {
        return new RateWriteResponse(rate.currency(), rate.year(), published.version(), published.outcome(),
                rate.unitsPerUsd().toPlainString(), ExchangeRateRules.revisionWarnings(published.previous(), rate, field));
    }

    private static String location(ExchangeRate rate) {
        return "/api/v1/exchange-rates/" + rate.currency() + "/" + rate.year();
    }
}
