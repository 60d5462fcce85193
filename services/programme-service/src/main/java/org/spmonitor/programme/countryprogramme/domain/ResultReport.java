package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;

/** A country team reports the actual value of one of its programme's indicators for a period. */
public record ResultReport(String indicatorCode, String period, BigDecimal actualValue) {

    public ResultReport {
        indicatorCode = FieldRules.text(indicatorCode);
        period = FieldRules.text(period);
        actualValue = FieldRules.plain(actualValue);
    }
}
