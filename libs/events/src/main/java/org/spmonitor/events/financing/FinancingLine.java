package org.spmonitor.events.financing;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of a financing report: amounts in the report's currency, as decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinancingLine(
        FinancingFunction function,
        FundingSource source,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal allocated,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executed) {
}
