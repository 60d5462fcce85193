package org.spmonitor.beneficiary.count.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.spmonitor.events.beneficiary.BeneficiaryCountSubmission;
import org.spmonitor.events.beneficiary.Measure;
import org.spmonitor.events.programme.TargetGroup;

/** The natural key of a beneficiary count and its stable, URL-safe id. */
public record CountKey(String programmeId, String period, TargetGroup targetGroup, Measure measure) {

    public static CountKey of(BeneficiaryCountSubmission submission) {
        return new CountKey(submission.programmeId(), submission.period(), submission.targetGroup(),
                submission.measure());
    }

    /** {@code cnt-} and 20 hex digits of SHA-256 of the natural key: the same key always gives the same id. */
    public String countId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (programmeId + "|" + period + "|" + targetGroup + "|" + measure).getBytes(StandardCharsets.UTF_8));
            return "cnt-" + HexFormat.of().formatHex(digest, 0, 10);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    @Override
    public String toString() {
        return programmeId + " " + period + " " + targetGroup + " " + measure;
    }
}
