package org.spmonitor.programme.countryprogramme.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.events.programme.IndicatorResultReported;
import org.spmonitor.events.programme.IndicatorResultReturned;
import org.spmonitor.events.programme.IndicatorResultValidated;
import org.spmonitor.events.programme.MilestoneReported;
import org.spmonitor.events.programme.MilestoneStatus;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeUpdated;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewRules;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;
import org.spmonitor.platform.write.WriteOutcome;

/**
 * A country programme at one version: its details, milestones and results indicators. Every command
 * validates its input completely before deciding anything, and answers with a {@link Change}: the
 * next version with its history entry and event, or "unchanged" when the input changes nothing.
 */
public record Programme(String id, long version, ProgrammeDetails details, List<Milestone> milestones,
        List<Indicator> indicators, Instant registeredAt, String registeredBy, Instant updatedAt, String updatedBy) {

    public Programme {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
    }

    /** Validates and registers: version 1 with a fresh id. */
    public static Change register(ProgrammeDetails details, String by, Instant at) {
        Violations violations = new Violations();
        details.validate(violations);
        violations.throwIfAny();
        ProgrammeDetails normalised = details.normalised();
        Programme programme = new Programme(Ids.programme(), 1, normalised, List.of(), List.of(), at, by, at, by);
        HistoryEntry entry = new HistoryEntry(1, at, by, ChangeKind.REGISTERED, normalised.changesSince(null));
        return new Change(programme, entry, programme.registered(), WriteOutcome.CREATED, null);
    }

    /**
     * Replaces the details as a whole. The country cannot change (events are keyed and dashboards
     * aggregated by it), and the dates must keep every reported indicator result inside them.
     */
    public Change replaceDetails(ProgrammeDetails replacement, String by, Instant at) {
        Violations violations = new Violations();
        replacement.validate(violations);
        String country = replacement.country();
        if (Countries.isIso3(country) && !country.equals(details.country())) {
            violations.add("country", "cannot change after registration (the programme is in " + details.country()
                    + ", was '" + country + "'); register a new programme instead");
        }
        if (replacement.startDate() != null
                && (replacement.endDate() == null || replacement.endDate().isAfter(replacement.startDate()))) {
            checkResultsStayInside(replacement, violations);
        }
        violations.throwIfAny();
        ProgrammeDetails normalised = replacement.normalised();
        List<FieldChange> changes = normalised.changesSince(details);
        if (changes.isEmpty()) {
            return Change.unchanged(this, null);
        }
        Programme next = next(normalised, milestones, indicators, at, by);
        List<String> changedFields = changes.stream().map(FieldChange::field).toList();
        return new Change(next, new HistoryEntry(next.version, at, by, ChangeKind.UPDATED, changes),
                next.updated(changedFields), WriteOutcome.UPDATED, null);
    }

    private void checkResultsStayInside(ProgrammeDetails replacement, Violations violations) {
        for (Indicator indicator : indicators) {
            for (IndicatorResult result : indicator.results()) {
                ReportingPeriod period = ReportingPeriod.parse(result.period()).orElseThrow();
                if (!replacement.runsDuring(period.start(), period.end())) {
                    String field = period.end().isBefore(replacement.startDate()) ? "startDate" : "endDate";
                    violations.add(field, "would leave the result of indicator " + indicator.code() + " for "
                            + period + " outside the programme's dates " + replacement.dates());
                }
            }
        }
    }

    /**
     * Adds a milestone. A milestone with the same title (case ignored) exists already: the same
     * milestone again is unchanged (a retry), a different one is a conflict (report a status change).
     */
    public Change addMilestone(NewMilestone milestone, String by, Instant at, LocalDate today) {
        Violations violations = new Violations();
        milestone.validate(violations, today);
        violations.throwIfAny();
        MilestoneStatus status = milestone.status() == null ? MilestoneStatus.PLANNED : milestone.status();
        Optional<Milestone> sameTitle = milestones.stream()
                .filter(m -> m.title().equalsIgnoreCase(milestone.title())).findFirst();
        if (sameTitle.isPresent()) {
            Milestone existing = sameTitle.get();
            if (existing.dueDate().equals(milestone.dueDate()) && existing.status() == status
                    && Objects.equals(existing.note(), milestone.note())) {
                return Change.unchanged(this, existing.id());
            }
            throw new ConflictException("programme " + id + " already has the milestone '" + existing.title()
                    + "' (" + existing.id() + "); report its progress as a status change of " + existing.id());
        }
        LocalDate statusDate = milestone.statusDate() == null ? today : milestone.statusDate();
        Milestone added = new Milestone(Ids.milestone(), milestone.title(), milestone.dueDate(), status, statusDate,
                milestone.note(), List.of(new MilestoneStatusChange(status, statusDate, milestone.note(),
                        milestone.dueDate(), at, by)));
        List<Milestone> all = new ArrayList<>(milestones);
        all.add(added);
        Programme next = next(details, all, indicators, at, by);
        HistoryEntry entry = new HistoryEntry(next.version, at, by, ChangeKind.MILESTONE_ADDED,
                List.of(new FieldChange("milestones." + added.id(), null, added.describe())));
        return new Change(next, entry, next.milestoneReported(added), WriteOutcome.CREATED, added.id());
    }

    /** Records a new assessment of a milestone; the very same assessment again is unchanged. */
    public Change changeMilestoneStatus(String milestoneId, MilestoneStatusReport report, String by, Instant at,
            LocalDate today) {
        Milestone current = milestone(milestoneId)
                .orElseThrow(() -> new NotFoundException("programme " + id + " has no milestone " + milestoneId));
        Violations violations = new Violations();
        report.validate(violations, current, today);
        violations.throwIfAny();
        LocalDate date = report.date() != null ? report.date()
                : today.isBefore(current.statusDate()) ? current.statusDate() : today;
        LocalDate dueDate = report.dueDate() == null ? current.dueDate() : report.dueDate();
        Milestone changed = new Milestone(current.id(), current.title(), dueDate, report.status(), date, report.note(),
                current.statusChanges());
        String path = "milestones." + current.id() + ".";
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, path + "status", current.status(), changed.status());
        compare(changes, path + "statusDate", current.statusDate(), changed.statusDate());
        compare(changes, path + "note", current.note(), changed.note());
        compare(changes, path + "dueDate", current.dueDate(), changed.dueDate());
        if (changes.isEmpty()) {
            return Change.unchanged(this, current.id());
        }
        List<MilestoneStatusChange> statusChanges = new ArrayList<>(current.statusChanges());
        statusChanges.add(new MilestoneStatusChange(report.status(), date, report.note(), dueDate, at, by));
        changed = new Milestone(changed.id(), changed.title(), changed.dueDate(), changed.status(),
                changed.statusDate(), changed.note(), statusChanges);
        List<Milestone> all = new ArrayList<>(milestones);
        all.set(all.indexOf(current), changed);
        Programme next = next(details, all, indicators, at, by);
        HistoryEntry entry = new HistoryEntry(next.version, at, by, ChangeKind.MILESTONE_STATUS_CHANGED, changes);
        return new Change(next, entry, next.milestoneReported(changed), WriteOutcome.UPDATED, changed.id());
    }

    /**
     * Defines a results indicator. Its code exists already: the same definition again is unchanged,
     * a different one is a conflict (revise it instead). No event: the definition travels with every
     * {@link IndicatorResultReported} of the indicator.
     */
    public Change defineIndicator(IndicatorDefinition definition, String by, Instant at) {
        Violations violations = new Violations();
        definition.validate(violations);
        violations.throwIfAny();
        Optional<Indicator> existing = indicator(definition.code());
        if (existing.isPresent()) {
            if (existing.get().definition().sameAs(definition)) {
                return Change.unchanged(this, existing.get().code());
            }
            throw new ConflictException("programme " + id + " already defines the indicator " + existing.get().code()
                    + "; revise its definition instead");
        }
        List<Indicator> all = new ArrayList<>(indicators);
        all.add(Indicator.of(definition, List.of()));
        Programme next = next(details, milestones, all, at, by);
        HistoryEntry entry = new HistoryEntry(next.version, at, by, ChangeKind.INDICATOR_DEFINED,
                List.of(new FieldChange("indicators." + definition.code(), null, definition.describe())));
        return new Change(next, entry, null, WriteOutcome.CREATED, definition.code());
    }

    /** Revises the name, unit, baseline or target of an indicator; its code and results stay. */
    public Change reviseIndicator(String code, IndicatorDefinition revision, String by, Instant at) {
        Indicator current = indicator(code)
                .orElseThrow(() -> new NotFoundException("programme " + id + " has no indicator " + code));
        Violations violations = new Violations();
        if (revision.code() != null && !revision.code().equalsIgnoreCase(current.code())) {
            violations.add("code", "must be the indicator's code " + current.code()
                    + " or left out: codes cannot change, was '" + revision.code() + "'");
        }
        IndicatorDefinition definition = new IndicatorDefinition(current.code(), revision.name(), revision.unit(),
                revision.baseline(), revision.target());
        definition.validate(violations);
        violations.throwIfAny();
        if (current.definition().sameAs(definition)) {
            return Change.unchanged(this, current.code());
        }
        String path = "indicators." + current.code() + ".";
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, path + "name", current.name(), definition.name());
        compare(changes, path + "unit", current.unit(), definition.unit());
        compare(changes, path + "baseline", current.baseline(), definition.baseline());
        compare(changes, path + "target", current.target(), definition.target());
        List<Indicator> all = new ArrayList<>(indicators);
        all.set(all.indexOf(current), Indicator.of(definition, current.results()));
        Programme next = next(details, milestones, all, at, by);
        HistoryEntry entry = new HistoryEntry(next.version, at, by, ChangeKind.INDICATOR_REVISED, changes);
        return new Change(next, entry, null, WriteOutcome.UPDATED, current.code());
    }

    /**
     * Reports the actual value of an indicator for a period that has begun and lies (at least partly)
     * inside the programme's dates. A new value for a period replaces the old one (kept in the
     * history); the same value again is unchanged.
     */
    public Change reportResult(ResultReport report, String by, Instant at, LocalDate today) {
        Violations violations = new Violations();
        Indicator indicator = null;
        if (violations.required(report.indicatorCode(), "indicatorCode")) {
            indicator = indicator(report.indicatorCode()).orElse(null);
            violations.check(indicator != null, "indicatorCode", () -> "programme " + id + " has no indicator '"
                    + report.indicatorCode() + "'" + (indicators.isEmpty() ? "; define it first"
                    : "; defined: " + indicators.stream().map(Indicator::code).toList()));
        }
        ReportingPeriod period = checkPeriod(report.period(), violations, today);
        FieldRules.decimal(violations, "actualValue", report.actualValue());
        violations.throwIfAny();
        Optional<IndicatorResult> previous = indicator.result(period.toString());
        // the same value again changes nothing, unless it answers a return: then it is submitted again
        if (previous.isPresent() && previous.get().actualValue().compareTo(report.actualValue()) == 0
                && previous.get().reviewState() != ReviewState.RETURNED) {
            return Change.unchanged(this, indicator.code());
        }
        List<IndicatorResult> results = new ArrayList<>(indicator.results());
        previous.ifPresent(results::remove);
        results.add(IndicatorResult.reported(period.toString(), report.actualValue(), at, by, version + 1));
        results.sort(Comparator.comparing(r -> ReportingPeriod.parse(r.period()).orElseThrow()));
        List<Indicator> all = new ArrayList<>(indicators);
        Indicator changed = Indicator.of(indicator.definition(), results);
        all.set(all.indexOf(indicator), changed);
        Programme next = next(details, milestones, all, at, by);
        HistoryEntry entry = new HistoryEntry(next.version, at, by, ChangeKind.INDICATOR_RESULT_REPORTED,
                List.of(new FieldChange("indicators." + indicator.code() + ".results." + period,
                        previous.map(r -> r.actualValue().toPlainString()).orElse(null),
                        report.actualValue().toPlainString())));
        return new Change(next, entry, next.resultReported(changed, period.toString(), report.actualValue()),
                previous.isPresent() ? WriteOutcome.UPDATED : WriteOutcome.CREATED, indicator.code());
    }

    /**
     * Validates or returns the value of an indicator for a period ({@link ReviewRules}, ADR 0019): the
     * review names the result's version (its report's or its last review's programme version), else 409; it
     * is a new programme version that keeps the value, with IndicatorResultValidated or
     * IndicatorResultReturned. The same decision again is unchanged.
     *
     * @throws NotFoundException when the programme has no such indicator or no value for the period
     */
    public Change reviewResult(String code, String period, Review review, String by, Instant at) {
        Indicator indicator = indicator(code)
                .orElseThrow(() -> new NotFoundException("programme " + id + " has no indicator " + code));
        String canonical = ReportingPeriod.parseLenient(period).map(ReportingPeriod::toString).orElse(period);
        IndicatorResult result = indicator.result(canonical).orElseThrow(() -> new NotFoundException(
                "indicator " + indicator.code() + " of programme " + id + " has no result for " + period));
        if (result.version() == null || result.reportedVersion() == null) {
            throw new ConflictException("the result of " + indicator.code() + " for " + canonical + " was reported "
                    + "before reviews existed; report its value again to review it");
        }
        ReviewRules.Effect effect = ReviewRules.decide(result.reviewState(), result.version(), result.reportedVersion(),
                false, review);
        if (effect == ReviewRules.Effect.UNCHANGED) {
            return Change.unchanged(this, indicator.code());
        }
        long nextVersion = version + 1;
        List<IndicatorResult> results = new ArrayList<>(indicator.results());
        results.set(results.indexOf(result), result.reviewed(review.decision(), review.comment(), by, at, nextVersion));
        List<Indicator> all = new ArrayList<>(indicators);
        all.set(all.indexOf(indicator), Indicator.of(indicator.definition(), results));
        Programme next = next(details, milestones, all, at, by);
        boolean validated = review.decision() == ReviewState.VALIDATED;
        HistoryEntry entry = new HistoryEntry(next.version, at, by,
                validated ? ChangeKind.INDICATOR_RESULT_VALIDATED : ChangeKind.INDICATOR_RESULT_RETURNED,
                List.of(new FieldChange("indicators." + indicator.code() + ".results." + canonical + ".review",
                        result.reviewState().name(), review.comment() == null ? review.decision().name()
                                : Describable.fields("state", review.decision().name(), "comment", review.comment()))));
        DomainEvent event = validated
                ? new IndicatorResultValidated(id, next.version, result.reportedVersion(), details.country(),
                        indicator.code(), canonical, by, review.comment())
                : new IndicatorResultReturned(id, next.version, result.reportedVersion(), details.country(),
                        indicator.code(), canonical, by, review.comment());
        return new Change(next, entry, event, WriteOutcome.UPDATED, indicator.code());
    }

    private ReportingPeriod checkPeriod(String text, Violations violations, LocalDate today) {
        if (!violations.required(text, "period")) {
            return null;
        }
        Optional<ReportingPeriod> parsed = ReportingPeriod.parse(text);
        if (!violations.check(parsed.isPresent(), "period",
                () -> ReportingPeriod.FORMAT_HINT + ", was '" + text + "'")) {
            return null;
        }
        ReportingPeriod period = parsed.get();
        if (!violations.check(details.runsDuring(period.start(), period.end()), "period",
                () -> "'" + period + "' is outside the programme's dates " + details.dates())) {
            return null;
        }
        violations.check(!period.start().isAfter(today.plusDays(1)), "period", () -> "'" + period
                + "' has not begun yet (today is " + today + "): actual values are for periods that have begun");
        return period;
    }

    public Optional<Milestone> milestone(String milestoneId) {
        return milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst();
    }

    /** The indicator with this code; codes are unique within a programme, case ignored. */
    public Optional<Indicator> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equalsIgnoreCase(code)).findFirst();
    }

    private Programme next(ProgrammeDetails nextDetails, List<Milestone> nextMilestones,
            List<Indicator> nextIndicators, Instant at, String by) {
        return new Programme(id, version + 1, nextDetails, nextMilestones, nextIndicators, registeredAt,
                registeredBy, at, by);
    }

    private static void compare(List<FieldChange> changes, String field, Object before, Object after) {
        Object previous = Describable.of(before);
        Object current = Describable.of(after);
        if (!Objects.equals(previous, current)) {
            changes.add(new FieldChange(field, previous, current));
        }
    }

    ProgrammeRegistered registered() {
        ProgrammeDetails d = details;
        return new ProgrammeRegistered(id, version, d.country(), d.name(), d.description(), d.partners(), d.donors(),
                d.startDate(), d.endDate(), d.status(), d.floorGuarantees(), d.branches(), d.targetGroups(),
                d.annualTargetsForEvent(), d.reportingFrequency(), d.dueLagDays());
    }

    private ProgrammeUpdated updated(List<String> changedFields) {
        ProgrammeDetails d = details;
        return new ProgrammeUpdated(id, version, d.country(), d.name(), d.description(), d.partners(), d.donors(),
                d.startDate(), d.endDate(), d.status(), d.floorGuarantees(), d.branches(), d.targetGroups(),
                d.annualTargetsForEvent(), changedFields, d.reportingFrequency(), d.dueLagDays());
    }

    private MilestoneReported milestoneReported(Milestone m) {
        return new MilestoneReported(id, version, details.country(), m.id(), m.title(), m.dueDate(), m.status(),
                m.statusDate(), m.note());
    }

    private IndicatorResultReported resultReported(Indicator indicator, String period,
            BigDecimal actualValue) {
        Measurement baseline = indicator.baseline();
        Measurement target = indicator.target();
        return new IndicatorResultReported(id, version, details.country(), indicator.code(), indicator.name(),
                indicator.unit(), baseline == null ? null : baseline.value(), baseline == null ? null : baseline.year(),
                target == null ? null : target.value(), target == null ? null : target.year(), period, actualValue);
    }
}
