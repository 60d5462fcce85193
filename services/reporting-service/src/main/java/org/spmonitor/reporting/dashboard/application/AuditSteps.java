package org.spmonitor.reporting.dashboard.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.spmonitor.reporting.dashboard.store.FactHistory.Step;
import org.spmonitor.reporting.dashboard.store.HistoryEntry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versions of facts as steps of an audit trail (ADR 0021): each version with the figures its fact
 * held before and after it, who made it, when, and through which channel.
 */
public final class AuditSteps {

    /**
     * What identifies a fact rather than measures it: left out of {@code before} and {@code after}. A
     * currency stays: it is the unit of a report's amounts (and a rate's).
     */
    private static final Set<String> IDENTITY = Set.of("countId", "reportId", "version", "programmeId", "country",
            "period", "targetGroup", "measure", "milestoneId", "indicatorCode", "year");

    /**
     * One version of a fact.
     *
     * @param time its event time ({@code ce_time}): when it became known
     * @param event the event type name, e.g. BeneficiaryCountValidated
     * @param kind COUNT, FINANCING, PROGRAMME, MILESTONE, INDICATOR or RATE
     * @param fact the fact's id (a count id, a report id, a programme id, {@code indicatorCode/period}, ...)
     * @param before the fact's figures before this version (null: none, or withdrawn)
     * @param after the figures after it (null: withdrawn); a review keeps the figures it reviewed
     * @param by who made it ({@code ce_actor}; for a review without it, the validator the event names)
     * @param channel {@code api}, {@code api-batch}, {@code import-csv}, {@code import-dhis2}, {@code kafka}
     * @param reference the import id, or the inbound record's {@code ce_id}
     * @param sourceRecord for {@code kafka}, the inbound record's {@code topic/partition/offset}
     * @param eventId the event's {@code ce_id}
     * @param reviewedVersion for a review, the version whose figures it reviewed
     * @param comment a review's comment, or a withdrawal's reason
     */
    public record AuditStep(Instant time, String event, String kind, String fact, long version, String programmeId,
            String period, String targetGroup, String measure, JsonNode before, JsonNode after, String by,
            String channel, String reference, String sourceRecord, String eventId, Long reviewedVersion,
            String comment) {
    }

    static final Comparator<AuditStep> BY_TIME = Comparator.comparing(AuditStep::time,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(AuditStep::fact)
            .thenComparingLong(AuditStep::version);

    private AuditSteps() {
    }

    /**
     * The steps of the facts of one history document, in version order per fact ({@code entries} as
     * {@link org.spmonitor.reporting.dashboard.store.FactHistory#load} returns them).
     */
    static List<AuditStep> of(List<HistoryEntry> entries, JsonMapper json) {
        List<AuditStep> steps = new ArrayList<>();
        String fact = null;
        JsonNode figures = null;
        boolean withdrawn = false;
        for (HistoryEntry e : entries) {
            if (!e.factId().equals(fact)) {
                fact = e.factId();
                figures = null;
                withdrawn = false;
            }
            JsonNode event = json.readTree(e.json());
            JsonNode before = withdrawn ? null : figures;
            JsonNode after;
            String comment = null;
            Step step = Step.of(e.type());
            switch (step) {
                case REPORT -> {
                    figures = figures(event);
                    withdrawn = false;
                    after = figures;
                }
                case WITHDRAWAL -> {
                    withdrawn = true;
                    after = null;
                    comment = text(event, "reason");
                }
                default -> {
                    after = before;
                    comment = text(event, "comment");
                }
            }
            String by = e.actor() != null ? e.actor()
                    : step == Step.VALIDATION ? text(event, "validatedBy")
                    : step == Step.RETURN ? text(event, "returnedBy") : null;
            steps.add(new AuditStep(e.time(), e.type(), e.kind().name(), e.factId(), e.version(),
                    text(event, "programmeId"), text(event, "period"), text(event, "targetGroup"),
                    text(event, "measure"), before, after, by, e.channel(), e.reference(), e.sourceRecord(),
                    e.eventId(), e.reviewedVersion() > 0 ? e.reviewedVersion() : null, comment));
        }
        return steps;
    }

    /** The state of a fact after its last step: SUBMITTED, VALIDATED, RETURNED or WITHDRAWN. */
    static String state(List<AuditStep> steps) {
        if (steps.isEmpty()) {
            return null;
        }
        return switch (Step.of(steps.get(steps.size() - 1).event())) {
            case REPORT -> "SUBMITTED";
            case WITHDRAWAL -> "WITHDRAWN";
            case VALIDATION -> "VALIDATED";
            case RETURN -> "RETURNED";
        };
    }

    private static JsonNode figures(JsonNode event) {
        if (!(event instanceof ObjectNode object)) {
            return event;
        }
        ObjectNode copy = object.deepCopy();
        IDENTITY.forEach(copy::remove);
        return copy;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
