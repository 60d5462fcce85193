package org.spmonitor.beneficiary.count.domain;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;

/** A submission that passed every rule, ready to be stored: its id, its programme's country and its year. */
public record PreparedCount(String countId, String country, int year, BeneficiaryCountSubmission submission) {

    public static PreparedCount of(BeneficiaryCountSubmission submission, String country, int year) {
        return new PreparedCount(CountKey.of(submission).countId(), country, year, submission);
    }
}
