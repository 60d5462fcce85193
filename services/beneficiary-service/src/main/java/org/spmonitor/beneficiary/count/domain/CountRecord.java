package org.spmonitor.beneficiary.count.domain;

import java.time.Instant;
import java.util.List;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;

/**
 * A count as kept: its latest figures (a withdrawn count keeps its last ones) and, when one count is
 * read, {@code history}: every version, oldest first (null in lists).
 */
public record CountRecord(String countId, long version, String country, boolean withdrawn,
        BeneficiaryCountSubmission current, Instant updatedAt, String updatedBy, List<Revision> history) {

    /**
     * One version: when, by whom, through which channel, and either the reported figures or the
     * withdrawal reason.
     */
    public record Revision(long version, Instant at, String by, String channel, String reference,
            BeneficiaryCountSubmission submission, boolean withdrawal, String withdrawalReason) {
    }
}
