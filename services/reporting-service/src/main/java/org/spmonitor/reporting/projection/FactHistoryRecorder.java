package org.spmonitor.reporting.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.beneficiary.BeneficiaryCountReported;
import org.spmonitor.events.beneficiary.BeneficiaryCountReturned;
import org.spmonitor.events.beneficiary.BeneficiaryCountValidated;
import org.spmonitor.events.beneficiary.BeneficiaryCountWithdrawn;
import org.spmonitor.events.financing.ExchangeRatePublished;
import org.spmonitor.events.financing.FinancingReportReturned;
import org.spmonitor.events.financing.FinancingReportSubmitted;
import org.spmonitor.events.financing.FinancingReportValidated;
import org.spmonitor.events.financing.FinancingReportWithdrawn;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.IndicatorResultReturned;
import org.spmonitor.events.programme.IndicatorResultValidated;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.events.ReceivedEvent;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.reporting.dashboard.domain.CountryYear;
import org.spmonitor.reporting.dashboard.domain.ProgrammeFact;
import org.spmonitor.reporting.dashboard.store.FactHistory;
import org.spmonitor.reporting.dashboard.store.HistoryEntry;
import org.spmonitor.reporting.dashboard.store.HistoryEntry.Kind;
import org.spmonitor.reporting.dashboard.store.RateNode;

import tools.jackson.databind.json.JsonMapper;

/**
 * The projection's hook into the fact history (ADR 0021): every event of a batch that writes a fact
 * becomes a {@link HistoryEntry} of the history document beside that fact's document, appended before
 * the batch is projected (a batch that fails is retried and appends the same entries again, which adds
 * nothing). Entries depend on the event only (payload, {@code ce_id}, {@code ce_time}, origin headers),
 * never on the time it is projected, so a replay from offset 0 gives the same history.
 */
final class FactHistoryRecorder {

    private final FactHistory history;
    private final JsonMapper json;

    FactHistoryRecorder(FactHistory history, JsonMapper json) {
        this.history = history;
        this.json = json;
    }

    void record(List<ReceivedEvent> events) {
        Map<String, List<HistoryEntry>> entries = new LinkedHashMap<>();
        for (ReceivedEvent event : events) {
            entry(event, entries);
        }
        history.append(entries);
    }

    /** The history entry of an event, added under its history document's id; events that write no fact add nothing. */
    void entry(ReceivedEvent event, Map<String, List<HistoryEntry>> entries) {
        DomainEvent payload = event.payload();
        if (payload instanceof BeneficiaryCountReported c) {
            add(entries, FactHistory.countsId(c.country(), year(c.period()), c.programmeId()),
                    entry(event, Kind.COUNT, c.countId(), c.version(), json.writeValueAsString(c), 0));
        }
        else if (payload instanceof BeneficiaryCountWithdrawn w) {
            add(entries, FactHistory.countsId(w.country(), year(w.period()), w.programmeId()),
                    entry(event, Kind.COUNT, w.countId(), w.version(), json.writeValueAsString(w), 0));
        }
        else if (payload instanceof BeneficiaryCountValidated v) {
            add(entries, FactHistory.countsId(v.country(), year(v.period()), v.programmeId()),
                    entry(event, Kind.COUNT, v.countId(), v.version(), json.writeValueAsString(v), v.reviewedVersion()));
        }
        else if (payload instanceof BeneficiaryCountReturned r) {
            add(entries, FactHistory.countsId(r.country(), year(r.period()), r.programmeId()),
                    entry(event, Kind.COUNT, r.countId(), r.version(), json.writeValueAsString(r), r.reviewedVersion()));
        }
        else if (payload instanceof FinancingReportSubmitted r) {
            add(entries, FactHistory.financingId(new CountryYear(r.country(), year(r.period()))),
                    entry(event, Kind.FINANCING, r.reportId(), r.version(), json.writeValueAsString(r), 0));
        }
        else if (payload instanceof FinancingReportWithdrawn w) {
            add(entries, FactHistory.financingId(new CountryYear(w.country(), year(w.period()))),
                    entry(event, Kind.FINANCING, w.reportId(), w.version(), json.writeValueAsString(w), 0));
        }
        else if (payload instanceof FinancingReportValidated v) {
            add(entries, FactHistory.financingId(new CountryYear(v.country(), year(v.period()))),
                    entry(event, Kind.FINANCING, v.reportId(), v.version(), json.writeValueAsString(v),
                            v.reviewedVersion()));
        }
        else if (payload instanceof FinancingReportReturned r) {
            add(entries, FactHistory.financingId(new CountryYear(r.country(), year(r.period()))),
                    entry(event, Kind.FINANCING, r.reportId(), r.version(), json.writeValueAsString(r),
                            r.reviewedVersion()));
        }
        else if (payload instanceof ProgrammeRegistered p) {
            add(entries, FactHistory.programmeId(p.programmeId()), entry(event, Kind.PROGRAMME, p.programmeId(),
                    p.version(), json.writeValueAsString(ProgrammeFact.of(p)), 0));
        }
        else if (payload instanceof ProgrammeUpdated p) {
            add(entries, FactHistory.programmeId(p.programmeId()), entry(event, Kind.PROGRAMME, p.programmeId(),
                    p.version(), json.writeValueAsString(ProgrammeFact.of(p)), 0));
        }
        else if (payload instanceof MilestoneReported m) {
            add(entries, FactHistory.programmeId(m.programmeId()), entry(event, Kind.MILESTONE, m.milestoneId(),
                    m.version(), json.writeValueAsString(m), 0));
        }
        else if (payload instanceof IndicatorResultReported r) {
            add(entries, FactHistory.programmeId(r.programmeId()), entry(event, Kind.INDICATOR,
                    r.indicatorCode() + "/" + r.period(), r.version(), json.writeValueAsString(r), 0));
        }
        else if (payload instanceof IndicatorResultValidated v) {
            add(entries, FactHistory.programmeId(v.programmeId()), entry(event, Kind.INDICATOR,
                    v.indicatorCode() + "/" + v.period(), v.version(), json.writeValueAsString(v), v.reviewedVersion()));
        }
        else if (payload instanceof IndicatorResultReturned r) {
            add(entries, FactHistory.programmeId(r.programmeId()), entry(event, Kind.INDICATOR,
                    r.indicatorCode() + "/" + r.period(), r.version(), json.writeValueAsString(r), r.reviewedVersion()));
        }
        else if (payload instanceof ExchangeRatePublished r) {
            String id = RateNode.id(r.currency(), r.year());
            add(entries, FactHistory.rateId(id), entry(event, Kind.RATE, id, r.version(), json.writeValueAsString(r), 0));
        }
    }

    private static HistoryEntry entry(ReceivedEvent event, Kind kind, String factId, long version, String eventJson,
            long reviewedVersion) {
        EventOrigin origin = event.origin();
        return new HistoryEntry(kind, factId, version, event.type().eventName(), event.time(), eventJson,
                reviewedVersion, event.id(), origin == null ? null : origin.actor(),
                origin == null ? null : origin.channel(), origin == null ? null : origin.reference(),
                origin == null ? null : origin.sourceRecord());
    }

    private static void add(Map<String, List<HistoryEntry>> entries, String id, HistoryEntry entry) {
        entries.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
    }

    private static int year(String period) {
        return ReportingPeriod.parse(period).map(ReportingPeriod::year).orElseThrow();
    }
}
