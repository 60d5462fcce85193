package org.spmonitor.beneficiary.ingestion.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spmonitor.beneficiary.count.application.CountService;
import org.spmonitor.beneficiary.count.application.SubmissionReader;
import org.spmonitor.beneficiary.count.domain.CountRules;
import org.spmonitor.beneficiary.count.domain.PreparedCount;
import org.spmonitor.beneficiary.count.domain.Provenance;
import org.spmonitor.beneficiary.ingestion.domain.InboundRecord;
import org.spmonitor.beneficiary.ingestion.domain.IntakeRules;
import org.spmonitor.beneficiary.ingestion.store.ParkedSubmissionStore;
import org.spmonitor.beneficiary.ingestion.store.ParkedSubmissionStore.Parked;
import org.spmonitor.beneficiary.ingestion.store.RejectionStore;
import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.platform.programmeview.ProgrammeViewChanged;
import org.spmonitor.platform.programmeview.KnownProgrammes;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmissionRejected;
import org.spmonitor.platform.reference.Countries;
import org.spmonitor.platform.security.Caller;
import org.spmonitor.platform.security.InboundTokenVerifier;
import org.spmonitor.platform.tracing.TraceHeaders;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.FieldViolation;
import org.spmonitor.platform.validation.Violations;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Decides about each inbound Kafka submission, with the same rules as REST. Every record ends in
 * exactly one of: accepted (BeneficiaryCountReported through the outbox), refused
 * (BeneficiaryCountSubmissionRejected through the outbox) or parked, when its programme is not yet in
 * the local view. A parked record is decided again as soon as an event about its programme arrives,
 * and refused once it has waited {@code spmonitor.beneficiary.parking.max-wait} in vain.
 * <p>
 * Each decision runs in a span that continues the record's {@code traceparent} (a new trace when it
 * has none), so the event it emits, accepted or refused, and its log lines carry the submitter's trace.
 */
@Service
public class SubmissionIntake {

    /** What became of a record. */
    public enum Decision {
        ACCEPTED, REJECTED, PARKED
    }

    private static final Logger log = LoggerFactory.getLogger(SubmissionIntake.class);
    private static final int SWEEP_LIMIT = 1_000;

    private final SubmissionReader reader;
    private final KnownProgrammes programmes;
    private final CountService counts;
    private final RejectionStore rejections;
    private final ParkedSubmissionStore parked;
    private final ParkingProperties parking;
    private final MeterRegistry meters;
    private final InboundTokenVerifier tokens;
    private final TraceHeaders traces;

    public SubmissionIntake(SubmissionReader reader, KnownProgrammes programmes, CountService counts,
            RejectionStore rejections, ParkedSubmissionStore parked, ParkingProperties parking, MeterRegistry meters,
            InboundTokenVerifier tokens, TraceHeaders traces) {
        this.tokens = tokens;
        this.traces = traces;
        this.reader = reader;
        this.programmes = programmes;
        this.counts = counts;
        this.rejections = rejections;
        this.parked = parked;
        this.parking = parking;
        this.meters = meters;
        Gauge.builder("spmonitor.submissions.parked", parked, ParkedSubmissionStore::count)
                .description("inbound submissions waiting for their programme").register(meters);
    }

    /** Decides about a record read from the submissions topic. */
    public Decision receive(InboundRecord record) {
        Decision decision = decide(record, false);
        if (decision == Decision.PARKED && programmes.find(programmeIdOf(record)).isPresent()) {
            // the programme event arrived between our look-up and the parking: do not wait for the sweep
            release(programmeIdOf(record));
        }
        return decision;
    }

    private Decision decide(InboundRecord record, boolean expired) {
        try (TraceHeaders.Trace trace = traces.continueFrom(record.traceparent(), record.topic() + " process")) {
            try {
                return decideInTrace(record, expired);
            }
            catch (RuntimeException ex) {
                trace.error(ex);
                throw ex;
            }
        }
    }

    private Decision decideInTrace(InboundRecord record, boolean expired) {
        Violations violations = new Violations();
        InboundTokenVerifier.Verification verification = tokens.verify(record.authorization(),
                record.publishedAt() == null ? Instant.now() : record.publishedAt());
        IntakeRules.checkEnvelope(record, violations);
        if (verification.caller().isEmpty()) {
            violations.add("header " + InboundTokenVerifier.HEADER, verification.problem());
            return reject(record, Optional.empty(), violations);
        }
        Caller caller = verification.caller().get();
        Optional<BeneficiaryCountSubmission> submission = record.value() == null || record.value().length == 0
                ? Optional.empty() : reader.read(record.value(), violations);
        Optional<ReportingPeriod> period = submission.flatMap(s -> CountRules.validateContent(s, violations));
        Optional<KnownProgramme> programme = submission.map(BeneficiaryCountSubmission::programmeId)
                .flatMap(programmes::find);
        if (!violations.isEmpty()) {
            submission.map(BeneficiaryCountSubmission::programmeId).filter(id -> programme.isEmpty())
                    .ifPresent(id -> violations.add("programmeId", CountRules.unknownProgramme(id)));
            return reject(record, programme, violations);
        }
        if (programme.isEmpty()) {
            String programmeId = submission.orElseThrow().programmeId();
            if (expired) {
                violations.add("programmeId", "unknown programme '" + programmeId + "': no event about it arrived"
                        + " within " + parking.maxWait() + " of the submission; register the programme, then"
                        + " submit again");
                return reject(record, programme, violations);
            }
            parked.park(record, programmeId, Instant.now());
            meters.counter("spmonitor.submissions.parkings", "kind", "beneficiary-count").increment();
            return Decision.PARKED;
        }
        CountRules.validateAgainst(period.orElseThrow(), programme.get(), violations);
        IntakeRules.checkCountry(record, programme.get(), violations);
        if (!caller.canWriteFor(programme.get().country())) {
            violations.add("header " + InboundTokenVerifier.HEADER, "the submitting system '" + caller.name()
                    + "' may not write for " + programme.get().country());
        }
        if (!violations.isEmpty()) {
            return reject(record, programme, violations);
        }
        PreparedCount count = PreparedCount.of(submission.get(), programme.get().country(), period.get().year());
        counts.store(count, new Provenance(caller.name(), "kafka", record.originalId(), record.deliveryId()));
        return Decision.ACCEPTED;
    }

    private Decision reject(InboundRecord record, Optional<KnownProgramme> programme, Violations violations) {
        String country = programme.map(KnownProgramme::country)
                .orElse(Countries.isIso3(record.key()) ? record.key() : null);
        List<BeneficiaryCountSubmissionRejected.Reason> reasons = violations.list().stream()
                .map(SubmissionIntake::reason).toList();
        rejections.reject(record.deliveryId(), new BeneficiaryCountSubmissionRejected(record.originalId(),
                record.topic(), record.partition(), record.offset(), country, blankToNull(record.submittedBy()),
                reasons));
        meters.counter("spmonitor.submissions.rejected", "kind", "beneficiary-count", "channel", "kafka").increment();
        log.info("Refused inbound submission {} ({}): {}", record.originalId(), record.deliveryId(), reasons);
        return Decision.REJECTED;
    }

    private static BeneficiaryCountSubmissionRejected.Reason reason(FieldViolation violation) {
        return new BeneficiaryCountSubmissionRejected.Reason(
                violation.field().isEmpty() ? null : violation.field(), violation.message());
    }

    /** Decides again about every record parked for {@code programmeId}, in the order they were read. */
    public int release(String programmeId) {
        int decided = 0;
        for (Parked waiting : parked.forProgramme(programmeId)) {
            if (decide(waiting.record(), false) != Decision.PARKED) {
                parked.remove(waiting.record());
                decided++;
            }
        }
        return decided;
    }

    @EventListener
    void onProgrammeViewChanged(ProgrammeViewChanged changed) {
        int released = release(changed.programmeId());
        if (released > 0) {
            log.info("Programme {} arrived: decided {} parked submission(s)", changed.programmeId(), released);
        }
    }

    /**
     * The safety net: releases records whose programme is known by now, and refuses those parked before
     * {@code now - maxWait}. Returns how many records were decided.
     */
    public int sweep(Instant now) {
        int decided = 0;
        for (String programmeId : parked.awaitedProgrammes(SWEEP_LIMIT)) {
            if (programmes.find(programmeId).isPresent()) {
                decided += release(programmeId);
            }
        }
        for (Parked waiting : parked.parkedBefore(now.minus(parking.maxWait()), SWEEP_LIMIT)) {
            if (decide(waiting.record(), true) != Decision.PARKED) {
                parked.remove(waiting.record());
                decided++;
            }
        }
        return decided;
    }

    @Scheduled(fixedDelayString = "${spmonitor.beneficiary.parking.sweep-interval:PT1M}",
            initialDelayString = "${spmonitor.beneficiary.parking.sweep-interval:PT1M}")
    void scheduledSweep() {
        try {
            sweep(Instant.now());
        }
        catch (RuntimeException ex) {
            log.warn("Sweep of parked submissions failed, will retry: {}", ex.toString());
        }
    }

    private String programmeIdOf(InboundRecord record) {
        Violations ignored = new Violations();
        return reader.read(record.value(), ignored).map(BeneficiaryCountSubmission::programmeId).orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
