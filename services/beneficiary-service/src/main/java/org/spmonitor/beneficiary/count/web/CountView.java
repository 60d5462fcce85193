package org.spmonitor.beneficiary.count.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.spmonitor.beneficiary.count.domain.CountRecord;
import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.review.ReviewState;

/**
 * A beneficiary count as the API shows it: the latest figures and, on {@code GET /{countId}}, every
 * version. A withdrawn count keeps its last figures with {@code withdrawn: true}. {@code review} is its
 * review state (SUBMITTED, VALIDATED, RETURNED); {@code reviewedVersion} the version whose figures it holds
 * (the one a review names).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CountView(String countId, long version, String country, String programmeId, String period,
        TargetGroup targetGroup, Measure measure, boolean withdrawn, long total, SexBreakdown sex,
        AgeBreakdown ageGroup, YesNoBreakdown withDisability, YesNoBreakdown informalEconomy, Instant updatedAt,
        String updatedBy, ReviewState review, long reviewedVersion, String reviewComment, String reviewedBy,
        Instant reviewedAt, List<VersionView> history) {

    /**
     * One version: what was reported (or why it was withdrawn, or a review: {@code change} VALIDATED or
     * RETURNED with the validator's comment as {@code reason}), when, by whom, through which channel.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionView(long version, String change, Instant at, String by, String channel, String reference,
            Long total, SexBreakdown sex, AgeBreakdown ageGroup, YesNoBreakdown withDisability,
            YesNoBreakdown informalEconomy, String reason) {

        static VersionView of(CountRecord.Revision v) {
            BeneficiaryCountSubmission s = v.submission();
            if (v.review() != null) {
                return new VersionView(v.version(), v.review(), v.at(), v.by(), v.channel(), v.reference(), null,
                        null, null, null, null, v.comment());
            }
            if (v.withdrawal() || s == null) {
                return new VersionView(v.version(), "WITHDRAWN", v.at(), v.by(), v.channel(), v.reference(), null,
                        null, null, null, null, v.withdrawalReason());
            }
            return new VersionView(v.version(), "REPORTED", v.at(), v.by(), v.channel(), v.reference(), s.total(),
                    s.sex(), s.ageGroup(), s.withDisability(), s.informalEconomy(), null);
        }
    }

    /** The count as kept, with its history when {@code count} has one. */
    static CountView of(CountRecord count) {
        BeneficiaryCountSubmission s = count.current();
        List<VersionView> history = count.history() == null ? null
                : count.history().stream().map(VersionView::of).toList();
        return new CountView(count.countId(), count.version(), count.country(), s.programmeId(), s.period(),
                s.targetGroup(), s.measure(), count.withdrawn(), s.total(), s.sex(), s.ageGroup(), s.withDisability(),
                s.informalEconomy(), count.updatedAt(), count.updatedBy(), count.review().state(),
                count.review().figuresVersion(), count.review().comment(), count.review().by(), count.review().at(),
                history);
    }
}
