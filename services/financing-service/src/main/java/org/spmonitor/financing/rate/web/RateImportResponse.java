package org.spmonitor.financing.rate.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a CSV table of rates did, row by row. */
@Schema(name = "ExchangeRateImportResult", description = "What a CSV table did: how many rows were created, revised "
        + "and unchanged, and each row's result in the order of the table")
record RateImportResponse(int rows, int created, int updated, int unchanged, List<RateWriteResponse> rates) {
}
