package org.spmonitor.financing.report.store;

import java.time.Instant;
import java.util.List;

import org.spmonitor.financing.report.domain.ReportStatus;
import org.spmonitor.platform.outbox.OutboxDocument;
import org.spmonitor.platform.store.Versioned;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A financing report: the latest version, its full history and its pending events in one document,
 * so a submission and the event it emits are one atomic write. Amounts are stored as decimal strings
 * exactly as accepted, never as binary floating point.
 */
@Document(ReportDocument.COLLECTION)
public class ReportDocument extends OutboxDocument implements Versioned {

    public static final String COLLECTION = "financing_reports";

    @Id
    private String id;
    private long version;
    private String country;
    private String period;
    private int year;
    private String programmeId;
    private String currency;
    private ReportStatus status;
    private Instant updatedAt;
    private String updatedBy;
    private StoredReport current;
    private List<ReportVersion> history;

    ReportDocument() {
    }

    /** The first version as the versioned writer stores it (it adds version, history and outbox). */
    ReportDocument(String id, StoredReport report, int year, Instant at, String by) {
        this.id = id;
        this.version = 1;
        this.country = report.country();
        this.period = report.period();
        this.year = year;
        this.programmeId = report.programmeId();
        this.currency = report.currency();
        this.status = ReportStatus.SUBMITTED;
        this.updatedAt = at;
        this.updatedBy = by;
        this.current = report;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getVersion() {
        return version;
    }

    public String getCountry() {
        return country;
    }

    public String getPeriod() {
        return period;
    }

    public int getYear() {
        return year;
    }

    public String getProgrammeId() {
        return programmeId;
    }

    public String getCurrency() {
        return currency;
    }

    public ReportStatus getStatus() {
        return status;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    /** The content of the latest submission (kept when the report is withdrawn). */
    public StoredReport getCurrent() {
        return current;
    }

    /** Every version, oldest first; empty when the list query left it out. */
    public List<ReportVersion> getHistory() {
        return history == null ? List.of() : history;
    }

    /** The content of one submitted version, amounts as plain decimal strings. */
    public record StoredReport(String country, String period, String currency, String gdp,
            String totalGovernmentExpenditure, String programmeId, List<StoredLine> lines) {
    }

    public record StoredLine(String function, String source, String allocated, String executed) {
    }

    /** One version: when, by whom, and either the submitted content or the withdrawal reason. */
    public record ReportVersion(long version, Instant at, String by, ReportStatus action, StoredReport report,
            String reason) {
    }
}
