package org.spmonitor.beneficiary.count.domain;

import java.util.Optional;

import org.spmonitor.platform.programmeview.KnownProgramme;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.platform.reference.ReportingPeriod;
import org.spmonitor.platform.validation.Violations;

/**
 * The rules of DESIGN.md "Beneficiary count" for one submission, in two parts: what the submission
 * says by itself ({@link #validateContent}) and how it fits its programme ({@link #validateAgainst}).
 * Every channel (REST, batch, imports, Kafka) uses the same rules.
 */
public final class CountRules {

    /** Upper bound of a count: more people than live on earth is a typing error. */
    public static final long MAX_COUNT = 10_000_000_000L;

    /** Message of an unknown programme; the Kafka intake parks such a submission instead of refusing it. */
    public static String unknownProgramme(String programmeId) {
        return "unknown programme '" + programmeId + "': register it first; if it was registered seconds ago,"
                + " retry shortly";
    }

    /**
     * Checks {@code submission}; {@code programme} is the local view of its programme, if known.
     * Returns the parsed period when the submission is valid.
     */
    public static Optional<ReportingPeriod> validate(BeneficiaryCountSubmission submission,
            Optional<KnownProgramme> programme, Violations violations) {
        int before = violations.list().size();
        Optional<ReportingPeriod> period = validateContent(submission, violations);
        if (submission != null && submission.programmeId() != null) {
            if (programme.isEmpty()) {
                violations.add("programmeId", unknownProgramme(submission.programmeId()));
            }
            else if (period.isPresent()) {
                validateAgainst(period.get(), programme.get(), violations);
            }
        }
        return violations.list().size() == before ? period : Optional.empty();
    }

    /** Validates {@code submission} and, when it passes, gives what the store needs. */
    public static Optional<PreparedCount> prepare(BeneficiaryCountSubmission submission,
            Optional<KnownProgramme> programme, Violations violations) {
        return validate(submission, programme, violations)
                .map(period -> PreparedCount.of(submission, programme.orElseThrow().country(), period.year()));
    }

    /**
     * Everything that needs no programme: required fields, the period format, non-negative counts
     * and breakdowns that sum to the total. Returns the parsed period when it is valid.
     */
    public static Optional<ReportingPeriod> validateContent(BeneficiaryCountSubmission submission,
            Violations violations) {
        int before = violations.list().size();
        if (submission == null) {
            violations.add("", "must be a beneficiary count object");
            return Optional.empty();
        }
        violations.required(submission.programmeId(), "programmeId");
        if (submission.programmeId() != null) {
            violations.check(!submission.programmeId().isBlank() && submission.programmeId().length() <= 128
                    && submission.programmeId().chars().noneMatch(Character::isWhitespace), "programmeId",
                    () -> "must be 1 to 128 characters without spaces");
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
        if (violations.required(total, "total")
                && violations.check(total >= 0 && total <= MAX_COUNT, "total",
                        () -> "must be between 0 and " + MAX_COUNT)) {
            if (submission.sex() != null) {
                checkParts(violations, "sex", total, submission.sex().female(), submission.sex().male(),
                        submission.sex().unknown());
            }
            if (submission.ageGroup() != null) {
                checkParts(violations, "ageGroup", total, submission.ageGroup().children(),
                        submission.ageGroup().workingAge(), submission.ageGroup().older(),
                        submission.ageGroup().unknown());
            }
            if (submission.withDisability() != null) {
                checkParts(violations, "withDisability", total, submission.withDisability().yes(),
                        submission.withDisability().no(), submission.withDisability().unknown());
            }
            if (submission.informalEconomy() != null) {
                checkParts(violations, "informalEconomy", total, submission.informalEconomy().yes(),
                        submission.informalEconomy().no(), submission.informalEconomy().unknown());
            }
        }
        return violations.list().size() == before ? period : Optional.empty();
    }

    /**
     * How a valid submission fits its programme: the period lies (at least partly) inside the
     * programme's dates. The country of the caller is checked here once security arrives.
     */
    public static void validateAgainst(ReportingPeriod period, KnownProgramme programme, Violations violations) {
        violations.check(programme.runsDuring(period.start(), period.end()), "period", () -> "'" + period
                + "' is outside the programme's dates " + programme.startDate() + ".."
                + (programme.endDate() == null ? "" : programme.endDate()));
    }

    private static void checkParts(Violations violations, String field, long total, Long... parts) {
        long sum = 0;
        for (Long part : parts) {
            if (part != null) {
                if (part < 0 || part > MAX_COUNT) {
                    violations.add(field, "counts must be between 0 and " + MAX_COUNT);
                    return;
                }
                sum += part;
            }
        }
        long parsed = sum;
        violations.check(sum == total, field, () -> "parts sum to " + parsed + " but total is " + total);
    }

    private CountRules() {
    }
}
