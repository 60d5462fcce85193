package org.spmonitor.financing.report.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The natural key of a financing report: (country, period, programmeId), where a whole-country report
 * has no programme. Submitting the same key again makes a new version of the same report.
 */
public record ReportKey(String country, String period, String programmeId) {

    /** {@code fin-} and 20 hex digits of SHA-256 of the natural key: the same key always gives the same id. */
    public String reportId() {
        String text = country + "|" + period + "|" + (programmeId == null ? "-" : programmeId);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "fin-" + HexFormat.of().formatHex(digest, 0, 10);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
