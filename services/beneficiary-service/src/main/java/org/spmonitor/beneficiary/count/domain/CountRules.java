package org.spmonitor.beneficiary.count.domain;

import java.util.Optional;

import org.spmonitor.beneficiary.programmeview.domain.KnownProgramme;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.Violations;

/** The rules of DESIGN.md "Beneficiary count" for one submission. */
public final class CountRules {

    /** Upper bound of a count: more people than live on earth is a typing error. */
    static final long MAX_COUNT = 10_000_000_000L;

    /**
     * Checks {@code submission}; {@code programme} is the local view of its programme, if known.
     * Returns the parsed period when the submission is valid.
     */
    public static Optional<ReportingPeriod> validate(BeneficiaryCountSubmission submission,
            Optional<KnownProgramme> programme, Violations violations) {
        if (submission == null) {
            violations.add("", "must be a beneficiary count object");
            return Optional.empty();
        }
        Optional<ReportingPeriod> period = Optional.empty();
        if (violations.required(submission.period(), "period")) {
            period = ReportingPeriod.parse(submission.period());
            violations.check(period.isPresent(), "period", () -> ReportingPeriod.FORMAT_HINT + ", was '"
                    + submission.period() + "'");
        }
        violations.required(submission.targetGroup(), "targetGroup");
        violations.required(submission.measure(), "measure");
        Long total = submission.total();
        if (violations.required(total, "total")) {
            violations.check(total >= 0 && total <= MAX_COUNT, "total", () -> "must be between 0 and " + MAX_COUNT);
            if (submission.sex() != null) {
                checkParts(violations, "sex", total, submission.sex().sum(), submission.sex().female(),
                        submission.sex().male(), submission.sex().unknown());
            }
            if (submission.ageGroup() != null) {
                checkParts(violations, "ageGroup", total, submission.ageGroup().sum(), submission.ageGroup().children(),
                        submission.ageGroup().workingAge(), submission.ageGroup().older(), submission.ageGroup().unknown());
            }
            if (submission.withDisability() != null) {
                checkParts(violations, "withDisability", total, submission.withDisability().sum(),
                        submission.withDisability().yes(), submission.withDisability().no(),
                        submission.withDisability().unknown());
            }
            if (submission.informalEconomy() != null) {
                checkParts(violations, "informalEconomy", total, submission.informalEconomy().sum(),
                        submission.informalEconomy().yes(), submission.informalEconomy().no(),
                        submission.informalEconomy().unknown());
            }
        }
        if (violations.required(submission.programmeId(), "programmeId")) {
            if (programme.isEmpty()) {
                violations.add("programmeId", "unknown programme '" + submission.programmeId()
                        + "': register it first; if it was registered seconds ago, retry shortly");
            }
            else if (period.isPresent()) {
                KnownProgramme known = programme.get();
                ReportingPeriod p = period.get();
                violations.check(known.runsDuring(p.start(), p.end()), "period", () -> "'" + p
                        + "' is outside the programme's dates " + known.startDate() + ".."
                        + (known.endDate() == null ? "" : known.endDate()));
            }
        }
        return violations.isEmpty() ? period : Optional.empty();
    }

    private static void checkParts(Violations violations, String field, long total, long sumOrNegative, Long... parts) {
        boolean nonNegative = true;
        for (Long part : parts) {
            if (part != null && part < 0) {
                nonNegative = false;
            }
        }
        if (!violations.check(nonNegative, field, () -> "counts must be non-negative")) {
            return;
        }
        violations.check(sumOrNegative == total, field, () -> "parts sum to " + sumOrNegative
                + " but total is " + total);
    }

    private CountRules() {
    }
}
