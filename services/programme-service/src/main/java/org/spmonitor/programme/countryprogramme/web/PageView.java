package org.spmonitor.programme.countryprogramme.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.spmonitor.programme.countryprogramme.domain.ResultPage;

/** One page of programmes and the size of the whole list. */
@Schema(name = "Programme page")
record PageView(
        List<ProgrammeView> items,
        @Schema(description = "0-based", example = "0") int page,
        @Schema(example = "50") int size,
        @Schema(description = "Programmes matching the filters, on all pages", example = "1") long totalItems,
        @Schema(example = "1") long totalPages) {

    static PageView of(ResultPage<ProgrammeView> page) {
        return new PageView(page.items(), page.page(), page.size(), page.totalItems(), page.totalPages());
    }
}
