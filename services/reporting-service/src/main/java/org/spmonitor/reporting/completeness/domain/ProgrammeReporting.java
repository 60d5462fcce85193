package org.spmonitor.reporting.completeness.domain;

import java.util.List;
import java.util.Map;

import org.spmonitor.events.programme.ProgrammeStatus;

/**
 * What one programme owes in a country and year and what it delivered.
 *
 * @param countSeries the count series it owes each period, {@code <targetGroup>/<measure>}
 * @param indicatorCodes the results indicators it owes an actual of each period
 * @param counts receipts of counts by {@code <period>|<targetGroup>/<measure>}
 * @param indicators receipts of indicator actuals by {@code <period>|<indicatorCode>}
 */
public record ProgrammeReporting(String programmeId, String name, ProgrammeStatus status, ReportingSchedule schedule,
        List<String> countSeries, List<String> indicatorCodes, Map<String, Receipt> counts,
        Map<String, Receipt> indicators) {

    /** The key of an item of a period: {@code 2025Q1|CHILDREN/ACTIVE}, {@code 2025|SDG-1.3.1}. */
    public static String key(String period, String item) {
        return period + "|" + item;
    }

    /** A programme that is only planned owes nothing yet. */
    public boolean owesReports() {
        return status != ProgrammeStatus.PLANNED;
    }
}
