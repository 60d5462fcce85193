package org.spmonitor.beneficiary;

import org.spmonitor.events.beneficiary.AgeBreakdown;
import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.beneficiary.SexBreakdown;
import org.spmonitor.events.beneficiary.YesNoBreakdown;
import org.spmonitor.events.programme.TargetGroup;

/** Object mother of beneficiary count submissions. */
public final class BeneficiaryCounts {

    /** 1,000 children receiving benefits at the end of 2025Q1, mostly girls, every breakdown given. */
    public static BeneficiaryCountSubmission activeFemaleHeavy(String programmeId) {
        return new BeneficiaryCountSubmission(programmeId, "2025Q1", TargetGroup.CHILDREN, Measure.ACTIVE, 1_000L,
                new SexBreakdown(700L, 290L, 10L), new AgeBreakdown(1_000L, null, null, null),
                new YesNoBreakdown(40L, 960L, null), new YesNoBreakdown(null, null, 1_000L));
    }

    /** Only a total: the smallest valid count. */
    public static BeneficiaryCountSubmission totalOnly(String programmeId, String period, long total) {
        return new BeneficiaryCountSubmission(programmeId, period, TargetGroup.OLDER_PERSONS, Measure.NEW, total, null,
                null, null, null);
    }

    /** A count whose sex breakdown adds up to more than its total. */
    public static BeneficiaryCountSubmission sexBreakdownExceedingTotal(String programmeId) {
        return new BeneficiaryCountSubmission(programmeId, "2025Q2", TargetGroup.CHILDREN, Measure.ACTIVE, 100L,
                new SexBreakdown(60L, 50L, null), null, null, null);
    }

    public static BeneficiaryCountSubmission withTotal(BeneficiaryCountSubmission s, long total) {
        return new BeneficiaryCountSubmission(s.programmeId(), s.period(), s.targetGroup(), s.measure(), total, null,
                null, null, null);
    }

    public static BeneficiaryCountSubmission withPeriod(BeneficiaryCountSubmission s, String period) {
        return new BeneficiaryCountSubmission(s.programmeId(), period, s.targetGroup(), s.measure(), s.total(), s.sex(),
                s.ageGroup(), s.withDisability(), s.informalEconomy());
    }

    private BeneficiaryCounts() {
    }
}
