package org.spmonitor.beneficiary.count.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

import org.spmonitor.beneficiary.count.domain.CountRules;
import org.spmonitor.beneficiary.count.domain.SubmissionOutcome;
import org.spmonitor.beneficiary.count.store.CountDocument;
import org.spmonitor.beneficiary.count.store.CountStore;
import org.spmonitor.beneficiary.programmeview.domain.KnownProgramme;
import org.spmonitor.beneficiary.programmeview.store.ProgrammeViewStore;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.NotFoundException;
import org.spmonitor.platform.validation.Violations;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/beneficiary-counts")
class CountController {

    private final CountStore counts;
    private final ProgrammeViewStore programmes;

    CountController(CountStore counts, ProgrammeViewStore programmes) {
        this.counts = counts;
        this.programmes = programmes;
    }

    /** Submits one count. 201 for a new count, 200 for a new version or an unchanged re-submission. */
    @PostMapping
    ResponseEntity<CountStore.Submitted> submit(@RequestBody BeneficiaryCountSubmission submission,
            Principal principal) {
        Optional<KnownProgramme> programme = submission == null || submission.programmeId() == null
                ? Optional.empty() : programmes.find(submission.programmeId());
        Violations violations = new Violations();
        Optional<ReportingPeriod> period = CountRules.validate(submission, programme, violations);
        violations.throwIfAny();
        CountStore.Submitted result = counts.submit(submission, programme.orElseThrow().country(),
                period.orElseThrow().year(), principal == null ? "anonymous" : principal.getName());
        if (result.outcome() == SubmissionOutcome.CREATED) {
            return ResponseEntity.created(URI.create("/api/v1/beneficiary-counts/" + result.countId())).body(result);
        }
        return ResponseEntity.status(HttpStatus.OK).body(result);
    }

    @GetMapping("/{countId}")
    CountDocument get(@PathVariable String countId) {
        return counts.find(countId).orElseThrow(() -> new NotFoundException("no beneficiary count " + countId));
    }

    @GetMapping
    List<CountDocument> list(@RequestParam(required = false) String country,
            @RequestParam(required = false) String programmeId, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        return counts.list(country, programmeId, period, Math.max(page, 0), Math.min(Math.max(size, 1), 1000));
    }
}
