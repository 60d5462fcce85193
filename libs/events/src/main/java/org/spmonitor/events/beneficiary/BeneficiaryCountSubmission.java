package org.spmonitor.events.beneficiary;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.spmonitor.events.programme.TargetGroup;

/**
 * Inbound payload on {@code beneficiaries.beneficiary-count-submissions.v1}: the same body as
 * {@code POST /api/v1/beneficiary-counts}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BeneficiaryCountSubmission(
        String programmeId,
        String period,
        TargetGroup targetGroup,
        Measure measure,
        Long total,
        SexBreakdown sex,
        AgeBreakdown ageGroup,
        YesNoBreakdown withDisability,
        YesNoBreakdown informalEconomy) {
}
